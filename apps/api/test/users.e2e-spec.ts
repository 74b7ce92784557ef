import { CreateUserResponse, UserSummary } from '@coopera/domain';
import { aUser, CANICATTINI, comuneId, PALERMO, signIn, TEST_PASSWORD, TestUser } from './factories';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
let admin: TestUser;
let auth: { authorization: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await aUser(t, 'ADMIN');
  auth = { authorization: `Bearer ${(await signIn(t, admin)).token}` };
});
afterAll(() => t.close());

const NEW_PASSWORD = 'Trinacria-accoglienza-2026';
const tokenOf = (res: CreateUserResponse) => new URL(res.activationUrl).searchParams.get('token') ?? '';

async function createReferent(email = `ref-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@comune.test`) {
  const res = await t.http
    .post('/api/v1/users')
    .set(auth)
    .send({ email, name: 'Maria Rossi', role: 'COMUNE_REFERENT', comuneId: await comuneId(t, PALERMO) })
    .expect(201);
  return res.body as CreateUserResponse;
}

describe('accounts (administrators)', () => {
  it('creates an account with a one-time activation link that sets the password', async () => {
    const created = await createReferent('Nuova.Referente@Comune.Test');
    expect(created.user).toMatchObject({ email: 'nuova.referente@comune.test', role: 'COMUNE_REFERENT', comuneName: 'Palermo', activated: false, version: 1 });
    expect(created.activationUrl).toMatch(/^http:\/\/localhost:3000\/attiva\?token=[\w-]{43}$/);
    const token = tokenOf(created);
    const weak = await t.http.post('/api/v1/auth/activate').send({ token, password: 'password1234' }).expect(400);
    expect(weak.body.errors).toEqual([{ name: 'password', reason: 'is among the most common passwords' }]);
    await t.http.post('/api/v1/auth/activate').send({ token, password: 'short' }).expect(400);
    await t.http.post('/api/v1/auth/activate').send({ token, password: NEW_PASSWORD }).expect(204);
    await t.http.post('/api/v1/auth/activate').send({ token, password: NEW_PASSWORD }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: 'nuova.referente@comune.test', password: NEW_PASSWORD }).expect(200);
  });

  it('refuses an expired activation link', async () => {
    const created = await createReferent();
    await t.sql(`UPDATE users SET activation_expires_at = now() - interval '1 minute' WHERE id = $1`, [created.user.id]);
    await t.http.post('/api/v1/auth/activate').send({ token: tokenOf(created), password: NEW_PASSWORD }).expect(401);
  });

  it.each([
    [{ role: 'COMUNE_REFERENT' }, 'comuneId'],
    [{ role: 'SECRETARIAT', comuneId: 'PALERMO' }, 'comuneId'],
    [{ role: 'SUPERUSER' }, 'role'],
    [{ role: 'ADMIN', email: 'not-an-email' }, 'email'],
    [{ role: 'ADMIN', passwordHash: 'x' }, 'passwordHash'],
    [{ role: 'ADMIN', active: false }, 'active'],
    [{ role: 'ADMIN', version: 7 }, 'version'],
  ])('refuses %j naming %s', async (fields, field) => {
    const body = { email: `x-${Math.random().toString(36).slice(2)}@test.example`, name: 'Nome Cognome', ...fields };
    const res = await t.http.post('/api/v1/users').set(auth).send(body).expect(400);
    expect((res.body.errors as { name: string }[]).map((e) => e.name)).toContain(field);
  });

  it('refuses a referent of a Comune that is not in the network, and a duplicate e-mail', async () => {
    const unknown = await t.http
      .post('/api/v1/users')
      .set(auth)
      .send({ email: 'x@test.example', name: 'Nome', role: 'COMUNE_REFERENT', comuneId: '7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10' })
      .expect(400);
    expect(unknown.body.errors).toEqual([{ name: 'comuneId', reason: 'is not a Comune of the network' }]);
    const created = await createReferent();
    await t.http.post('/api/v1/users').set(auth).send({ email: created.user.email, name: 'Altro', role: 'ADMIN' }).expect(409);
  });

  it('changes role and Comune with the version seen, and answers 409 to a stale one', async () => {
    const created = await createReferent();
    const canicattini = await comuneId(t, CANICATTINI);
    const moved = await t.http.patch(`/api/v1/users/${created.user.id}`).set(auth).send({ version: 1, comuneId: canicattini }).expect(200);
    expect(moved.body).toMatchObject({ comuneName: 'Canicattini Bagni', version: 2 });
    const stale = await t.http.patch(`/api/v1/users/${created.user.id}`).set(auth).send({ version: 1, name: 'Stale' }).expect(409);
    expect(stale.body).toMatchObject({ type: 'urn:coopera:problem:stale-version', currentVersion: 2 });
    const promoted = await t.http.patch(`/api/v1/users/${created.user.id}`).set(auth).send({ version: 2, role: 'SECRETARIAT', comuneId: null }).expect(200);
    expect(promoted.body).toMatchObject({ role: 'SECRETARIAT', comuneId: null, version: 3 });
    const [event] = await t.sql<{ changes: Record<string, unknown> }>(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'user.update' ORDER BY occurred_at DESC LIMIT 1`,
      [created.user.id],
    );
    expect(event?.changes).toEqual({ role: { before: 'COMUNE_REFERENT', after: 'SECRETARIAT' }, comuneId: { before: canicattini, after: null } });
  });

  it('lets exactly one of many concurrent writers win a version', async () => {
    const created = await createReferent();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.http.patch(`/api/v1/users/${created.user.id}`).set(auth).send({ version: 1, name: `Writer ${i}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const final = (await t.http.get(`/api/v1/users/${created.user.id}`).set(auth).expect(200)).body as UserSummary;
    expect(final.version).toBe(2);
  });

  it('deactivates an account: its sessions end at once', async () => {
    const user = await aUser(t, 'COMUNE_REFERENT');
    const session = await signIn(t, user);
    const version = ((await t.http.get(`/api/v1/users/${user.id}`).set(auth).expect(200)).body as UserSummary).version;
    await t.http.patch(`/api/v1/users/${user.id}`).set(auth).send({ version, active: false }).expect(200);
    await t.http.get('/api/v1/auth/me').set('authorization', `Bearer ${session.token}`).expect(401);
    await t.http.post('/api/v1/auth/refresh').set('cookie', session.cookie).expect(401);
  });
});

describe('the own account', () => {
  it('changes the own name but never the own role (mass assignment)', async () => {
    const user = await aUser(t, 'COMUNE_REFERENT');
    const bearer = { authorization: `Bearer ${(await signIn(t, user)).token}` };
    const res = await t.http.patch('/api/v1/auth/me').set(bearer).send({ name: '  Giuseppe Verdi ' }).expect(200);
    expect(res.body).toMatchObject({ name: 'Giuseppe Verdi', role: 'COMUNE_REFERENT' });
    const sneaky = await t.http.patch('/api/v1/auth/me').set(bearer).send({ name: 'X Y', role: 'ADMIN', comuneId: null }).expect(400);
    expect((sneaky.body.errors as { name: string }[]).map((e) => e.name).sort()).toEqual(['comuneId', 'role']);
  });

  it('changes the password, checking the current one and refusing weak ones, and signs out other sessions', async () => {
    const user = await aUser(t, 'SECRETARIAT');
    const here = await signIn(t, user);
    const elsewhere = await signIn(t, user);
    const bearer = { authorization: `Bearer ${here.token}`, cookie: here.cookie };
    const wrong = await t.http.post('/api/v1/auth/password').set(bearer).send({ currentPassword: 'nope-nope-nope', newPassword: NEW_PASSWORD }).expect(400);
    expect(wrong.body.errors).toEqual([{ name: 'currentPassword', reason: 'is not the current password' }]);
    const common = await t.http.post('/api/v1/auth/password').set(bearer).send({ currentPassword: TEST_PASSWORD, newPassword: 'qwertyuiop123' }).expect(400);
    expect(common.body.errors[0].name).toBe('newPassword');
    await t.http.post('/api/v1/auth/password').set(bearer).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
    await t.http.post('/api/v1/auth/refresh').set('cookie', elsewhere.cookie).expect(401);
    await t.http.post('/api/v1/auth/refresh').set('cookie', here.cookie).expect(200);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: NEW_PASSWORD }).expect(200);
  });
});
