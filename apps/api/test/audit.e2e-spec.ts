import { AuditEventView, Page } from '@coopera/domain';
import { aUser, signIn, TestUser } from './factories';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
let admin: TestUser;
let bearer: { authorization: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await aUser(t, 'ADMIN');
  bearer = { authorization: `Bearer ${(await signIn(t, admin)).token}` };
});
afterAll(() => t.close());

const list = async (query: string) =>
  (await t.http.get(`/api/v1/audit-events?${query}`).set(bearer).expect(200)).body as Page<AuditEventView>;

describe('the audit browser', () => {
  it('records a sign-in failure, a denied request and a write with its before/after', async () => {
    const referent = await aUser(t, 'COMUNE_REFERENT');
    await t.http.post('/api/v1/auth/login').send({ email: referent.email, password: 'wrong-password-here' }).expect(401);
    const session = await signIn(t, referent);
    await t.http.get('/api/v1/users').set('authorization', `Bearer ${session.token}`).expect(403);
    await t.http.patch('/api/v1/auth/me').set('authorization', `Bearer ${session.token}`).send({ name: 'Nome Nuovo' }).expect(200);

    const events = await list(`actorId=${referent.id}&pageSize=100`);
    expect(events.items.map((e) => e.action).reverse()).toEqual([
      'auth.login.failed',
      'auth.login.succeeded',
      'auth.denied',
      'user.profile.update',
    ]);
    const write = events.items.find((e) => e.action === 'user.profile.update');
    expect(write).toMatchObject({
      actorEmail: referent.email,
      actorRole: 'COMUNE_REFERENT',
      comuneName: 'Palermo',
      entityType: 'user',
      changes: { name: { before: 'Test COMUNE_REFERENT', after: 'Nome Nuovo' } },
    });
  });

  it('filters by action prefix, Comune and period', async () => {
    const all = await list('action=auth.&pageSize=100');
    expect(all.items.every((e) => e.action.startsWith('auth.'))).toBe(true);
    expect((await list('from=2099-01-01T00:00:00Z')).total).toBe(0);
    const res = await t.http.get('/api/v1/audit-events?from=yesterday').set(bearer).expect(400);
    expect(res.body.errors[0].name).toBe('from');
  });

  it('is for administrators and the secretariat only', async () => {
    for (const role of ['SERVIZIO_CENTRALE', 'COMUNE_REFERENT'] as const) {
      const session = await signIn(t, await aUser(t, role));
      await t.http.get('/api/v1/audit-events').set('authorization', `Bearer ${session.token}`).expect(403);
    }
    const secretariat = await signIn(t, await aUser(t, 'SECRETARIAT'));
    await t.http.get('/api/v1/audit-events').set('authorization', `Bearer ${secretariat.token}`).expect(200);
  });
});
