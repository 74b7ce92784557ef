import { AuditActor, AuditEventView, Page } from '@coopera/domain';
import { anEnte, aUser, signIn, TestUser } from './factories';
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

  it('follows one record through its history, and an area by its prefix with a hyphen', async () => {
    const ente = await anEnte(t);
    for (const phone of ['+39 091 111111', '+39 091 222222']) {
      const [{ version }] = await t.sql<{ version: number }>('SELECT version FROM enti_gestori WHERE id = $1', [ente.id]);
      await t.http.patch(`/api/v1/enti-gestori/${ente.id}`).set(bearer).send({ version, phone }).expect(200);
    }
    const other = await anEnte(t);
    const [{ version }] = await t.sql<{ version: number }>('SELECT version FROM enti_gestori WHERE id = $1', [other.id]);
    await t.http.patch(`/api/v1/enti-gestori/${other.id}`).set(bearer).send({ version, phone: '+39 091 333333' }).expect(200);

    const history = await list(`entityType=ente-gestore&entityId=${ente.id}`);
    expect(history.items.map((e) => [e.action, e.entityId])).toEqual([
      ['ente-gestore.update', ente.id],
      ['ente-gestore.update', ente.id],
    ]);
    expect(history.items[0]?.changes).toMatchObject({ phone: { before: '+39 091 111111', after: '+39 091 222222' } });

    const area = await list('action=ente-gestore.&pageSize=100');
    expect(area.total).toBe(3);
    expect(area.items.every((e) => e.action.startsWith('ente-gestore.'))).toBe(true);
    expect((await list(`action=ente-gestore.update&actorId=${admin.id}&entityType=ente-gestore`)).total).toBe(3);
  });

  it.each([
    ['entityType=nonsense', 'entityType'],
    ['entityId=42', 'entityId'],
    ['action=Auth.', 'action'],
    ['action=auth..login', 'action'],
    ['actorId=someone', 'actorId'],
  ])('refuses %s with a 400 naming the parameter', async (query, name) => {
    const res = await t.http.get(`/api/v1/audit-events?${query}`).set(bearer).expect(400);
    expect(res.body.errors.map((e: { name: string }) => e.name)).toContain(name);
  });

  it('suggests the accounts to filter by: by name without accents, by e-mail, by id', async () => {
    const person = await aUser(t, 'COMUNE_REFERENT');
    await t.sql(`UPDATE users SET name = 'Nicolò Lo Presti' WHERE id = $1`, [person.id]);
    const actors = async (query: string) => (await t.http.get(`/api/v1/audit-events/actors?${query}`).set(bearer).expect(200)).body as AuditActor[];

    expect(await actors('search=NICOLO')).toEqual([
      { id: person.id, email: person.email, name: 'Nicolò Lo Presti', role: 'COMUNE_REFERENT', comuneName: 'Palermo' },
    ]);
    expect((await actors(`search=${encodeURIComponent(person.email.slice(0, 20))}`)).map((a) => a.id)).toEqual([person.id]);
    expect((await actors(`id=${person.id}`)).map((a) => a.name)).toEqual(['Nicolò Lo Presti']);
    // LIKE's wildcards are searched for as text, not as wildcards.
    expect(await actors('search=%25%25')).toEqual([]);
    // At most ten suggestions, by name.
    for (let i = 0; i < 11; i++) await aUser(t, 'SECRETARIAT');
    const many = await actors('search=test');
    expect(many).toHaveLength(10);
    expect(many.map((a) => a.name)).toEqual([...many.map((a) => a.name)].sort());

    const tooShort = await t.http.get('/api/v1/audit-events/actors?search=n').set(bearer).expect(400);
    expect(tooShort.body.errors[0].name).toBe('search');
  });
});
