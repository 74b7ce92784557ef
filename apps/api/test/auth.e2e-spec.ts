import { LoginResponse } from '@coopera/domain';
import { sign } from 'jsonwebtoken';
import { aUser, CANICATTINI, comuneId, signIn, TEST_PASSWORD } from './factories';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './test-app';
import { ARGON2ID } from '../src/auth/password.service';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
});
afterAll(() => t.close());

const me = (token: string) => t.http.get('/api/v1/auth/me').set('authorization', `Bearer ${token}`);

describe('sign-in', () => {
  it('gives a short-lived access token, the user, and the refresh token as a strict HttpOnly cookie', async () => {
    const user = await aUser(t, 'COMUNE_REFERENT');
    const res = await t.http.post('/api/v1/auth/login').send({ email: user.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    const body = res.body as LoginResponse;
    expect(body.expiresIn).toBeLessThanOrEqual(15 * 60);
    expect(body.user).toMatchObject({ id: user.id, role: 'COMUNE_REFERENT', comuneName: 'Palermo' });
    expect(body.user.permissions).toContain('comuni:update-own');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^coopera_refresh=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/v1/auth');
    expect(res.headers['cache-control']).toBe('no-store');
    await me(body.accessToken).expect(200);
  });

  it('answers the same generic 401 for a wrong password, an unknown e-mail and an inactive account', async () => {
    const user = await aUser(t, 'SECRETARIAT');
    const inactive = await aUser(t, 'SECRETARIAT', { active: false });
    const details = new Set<string>();
    for (const [email, password] of [
      [user.email, 'not-the-right-password'],
      ['nobody@test.example', TEST_PASSWORD],
      [inactive.email, TEST_PASSWORD],
    ]) {
      const res = await t.http.post('/api/v1/auth/login').send({ email, password }).expect(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      details.add((res.body as { detail: string }).detail);
    }
    expect([...details]).toEqual(['Wrong e-mail or password.']);
  });

  it('refuses malformed sign-in requests with 400 naming the field', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: 'not-an-email', password: 'x', role: 'ADMIN' }).expect(400);
    expect((res.body as { errors: { name: string }[] }).errors.map((e) => e.name).sort()).toEqual(['email', 'role']);
  });

  it('answers malformed JSON with 400, another content type with 415 and an oversize body with 413', async () => {
    const post = () => t.http.post('/api/v1/auth/login');
    const bad = await post().set('content-type', 'application/json').send('{"email": ').expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const text = await post().set('content-type', 'text/plain').send('email=x').expect(415);
    expect(text.headers['content-type']).toContain('application/problem+json');
    const huge = await post().send({ email: 'a@b.it', password: 'x'.repeat(2 * 1024 * 1024) }).expect(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');
  });

  it('stores passwords as argon2id with at least 19 MiB and two passes', async () => {
    const user = await aUser(t, 'ADMIN');
    const [row] = await t.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('rehashes on sign-in a password stored with weaker parameters', async () => {
    const user = await aUser(t, 'ADMIN');
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash(TEST_PASSWORD, { algorithm: ARGON2ID, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    await t.sql('UPDATE users SET password_hash = $1 WHERE id = $2', [weak, user.id]);
    await signIn(t, user);
    const [row] = await t.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('access tokens', () => {
  const claims = (userId: string) => ({ sub: userId, role: 'ADMIN', cid: null });
  const options = { algorithm: 'HS256' as const, issuer: 'coopera', audience: 'coopera-api', expiresIn: 60 };

  it('accepts a well-formed token', async () => {
    const user = await aUser(t, 'ADMIN');
    await me(sign(claims(user.id), TEST_JWT_SECRET, options)).expect(200);
  });

  it.each([
    ['no token', () => ''],
    ['alg none', (id: string) => sign(claims(id), '', { ...options, algorithm: 'none' })],
    ['a wrong signature', (id: string) => sign(claims(id), 'another-secret-that-is-at-least-32-chars', options)],
    ['an expired token', (id: string) => sign({ ...claims(id), exp: Math.floor(Date.now() / 1000) - 10 }, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: 'coopera', audience: 'coopera-api' })],
    ['a wrong audience', (id: string) => sign(claims(id), TEST_JWT_SECRET, { ...options, audience: 'other' })],
    ['a wrong issuer', (id: string) => sign(claims(id), TEST_JWT_SECRET, { ...options, issuer: 'other' })],
    ['HS512 instead of HS256', (id: string) => sign(claims(id), TEST_JWT_SECRET, { ...options, algorithm: 'HS512' })],
    [
      'a tampered payload',
      (id: string) => {
        const [header, , signature] = sign({ ...claims(id), role: 'SERVIZIO_CENTRALE' }, TEST_JWT_SECRET, options).split('.');
        const payload = Buffer.from(JSON.stringify({ ...claims(id), iss: 'coopera', aud: 'coopera-api', exp: 9999999999 })).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
  ])('refuses %s with 401', async (_, forge) => {
    const user = await aUser(t, 'ADMIN');
    const res = await me(forge(user.id)).expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('applies a deactivation, a role change and a Comune change at the very next request', async () => {
    const user = await aUser(t, 'COMUNE_REFERENT');
    const { token } = await signIn(t, user);
    const canicattini = await comuneId(t, CANICATTINI);
    await t.sql(`UPDATE users SET comune_id = $1 WHERE id = $2`, [canicattini, user.id]);
    expect((await me(token).expect(200)).body).toMatchObject({ comuneName: 'Canicattini Bagni' });
    await t.sql(`UPDATE users SET role = 'SERVIZIO_CENTRALE', comune_id = NULL WHERE id = $1`, [user.id]);
    expect((await me(token).expect(200)).body).toMatchObject({ role: 'SERVIZIO_CENTRALE', comuneId: null });
    await t.sql('UPDATE users SET active = false WHERE id = $1', [user.id]);
    await me(token).expect(401);
  });
});

describe('refresh tokens', () => {
  const refresh = (cookie: string) => t.http.post('/api/v1/auth/refresh').set('cookie', cookie);

  it('rotates on every use', async () => {
    const user = await aUser(t, 'SECRETARIAT');
    const { cookie } = await signIn(t, user);
    const res = await refresh(cookie).expect(200);
    const rotated = String(res.headers['set-cookie']).split(';')[0] ?? '';
    expect(rotated).not.toBe(cookie);
    await me((res.body as LoginResponse).accessToken).expect(200);
    await refresh(rotated).expect(200);
  });

  it('revokes the whole family when a used token is presented again', async () => {
    const user = await aUser(t, 'SECRETARIAT');
    const { cookie } = await signIn(t, user);
    const rotated = String((await refresh(cookie).expect(200)).headers['set-cookie']).split(';')[0] ?? '';
    await refresh(cookie).expect(401); // the stolen, already used token
    await refresh(rotated).expect(401); // ...takes the legitimate one down with it
    const events = await t.sql<{ action: string }>(`SELECT action FROM audit_events WHERE actor_id = $1 AND action = 'auth.refresh.reused'`, [user.id]);
    expect(events).toHaveLength(1);
  });

  it('gives one winner when the same token is used twice at once', async () => {
    const user = await aUser(t, 'SECRETARIAT');
    const { cookie } = await signIn(t, user);
    const statuses = (await Promise.all([refresh(cookie), refresh(cookie)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401]);
  });

  it('ends with the absolute session limit', async () => {
    const user = await aUser(t, 'SECRETARIAT');
    const { cookie } = await signIn(t, user);
    await t.sql(`UPDATE refresh_tokens SET session_expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    await refresh(cookie).expect(401);
  });

  it('is revoked by sign-out', async () => {
    const user = await aUser(t, 'SECRETARIAT');
    const { cookie } = await signIn(t, user);
    const res = await t.http.post('/api/v1/auth/logout').set('cookie', cookie).expect(204);
    expect(String(res.headers['set-cookie'])).toMatch(/coopera_refresh=;/);
    await refresh(cookie).expect(401);
  });

  it('stores only hashes of refresh tokens', async () => {
    const user = await aUser(t, 'SECRETARIAT');
    const { cookie } = await signIn(t, user);
    const raw = cookie.split('=')[1] ?? '';
    const rows = await t.sql<{ token_hash: string }>('SELECT token_hash FROM refresh_tokens WHERE user_id = $1', [user.id]);
    expect(rows.map((r) => r.token_hash)).not.toContain(raw);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('permissions and audit', () => {
  it('lets an admin list accounts and refuses the other roles with 403, recording the denial', async () => {
    const admin = await aUser(t, 'ADMIN');
    const { token } = await signIn(t, admin);
    const list = await t.http.get('/api/v1/users?pageSize=100').set('authorization', `Bearer ${token}`).expect(200);
    expect((list.body as { items: { id: string }[] }).items.map((u) => u.id)).toContain(admin.id);
    for (const role of ['SECRETARIAT', 'SERVIZIO_CENTRALE', 'COMUNE_REFERENT'] as const) {
      const user = await aUser(t, role);
      const session = await signIn(t, user);
      await t.http.get('/api/v1/users').set('authorization', `Bearer ${session.token}`).expect(403);
      const [denial] = await t.sql<{ detail: string }>(`SELECT detail FROM audit_events WHERE actor_id = $1 AND action = 'auth.denied'`, [user.id]);
      expect(denial?.detail).toBe('GET /api/v1/users needs users:manage');
    }
    await t.http.get('/api/v1/users').expect(401);
  });

  it('records sign-in failures and successes', async () => {
    const user = await aUser(t, 'ADMIN');
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password-here' }).expect(401);
    await signIn(t, user);
    const events = await t.sql<{ action: string; ip: string }>(
      'SELECT action, ip FROM audit_events WHERE actor_id = $1 ORDER BY occurred_at',
      [user.id],
    );
    expect(events.map((e) => e.action)).toEqual(['auth.login.failed', 'auth.login.succeeded']);
    expect(events[0]?.ip).toBeTruthy();
  });
});
