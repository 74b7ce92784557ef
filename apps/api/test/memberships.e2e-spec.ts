import { ILLEGAL_TRANSITION_PROBLEM_TYPE, MembershipDetail, Page, Membership, ProblemDetails } from '@coopera/domain';
import { aMembership, bearer, CANICATTINI, comuneId, PALERMO } from './factories';
import { startTestApp, TestApp } from './test-app';

const NOTO = '089013';
const AUGUSTA = '089001';
const MODICA = '088006';
const ENNA = '086009';

let t: TestApp;
type Who = 'palermo' | 'canicattini' | 'noto' | 'secretariat' | 'centrale';
const auth = {} as Record<Who, { authorization: string }>;

beforeAll(async () => {
  t = await startTestApp();
  auth.palermo = await bearer(t, 'COMUNE_REFERENT', PALERMO);
  auth.canicattini = await bearer(t, 'COMUNE_REFERENT', CANICATTINI);
  auth.noto = await bearer(t, 'COMUNE_REFERENT', NOTO);
  auth.secretariat = await bearer(t, 'SECRETARIAT');
  auth.centrale = await bearer(t, 'SERVIZIO_CENTRALE');
});
afterAll(() => t.close());

const request = async (who: Who, istat: string, status = 201) =>
  (
    await t.http
      .post('/api/v1/memberships')
      .set(auth[who])
      .send({ comuneId: await comuneId(t, istat), referentName: 'Dott. Corrado Bonfanti', referentRole: 'Dirigente Servizi sociali', note: 'Delibera di Giunta n. 45' })
      .expect(status)
  ).body as MembershipDetail;

const decide = (id: string, decision: string, reason: string | null, status = 200) =>
  t.http.post(`/api/v1/memberships/${id}/${decision}`).set(auth.secretariat).send(reason === null ? {} : { reason }).expect(status);

describe('the membership of a Comune', () => {
  it('goes from a referent’s request to the secretariat’s approval, and keeps both steps with who, when and why', async () => {
    const requested = await request('noto', NOTO);
    expect(requested).toMatchObject({ status: 'REQUESTED', comuneName: 'Noto', referentName: 'Dott. Corrado Bonfanti' });
    const approved = (await decide(requested.id, 'approve', 'Delibera verificata')).body as MembershipDetail;
    expect(approved.status).toBe('ACTIVE');
    expect(approved.history).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'REQUESTED', reason: 'Delibera di Giunta n. 45', actorRole: 'COMUNE_REFERENT' }),
      expect.objectContaining({ fromStatus: 'REQUESTED', toStatus: 'ACTIVE', reason: 'Delibera verificata', actorRole: 'SECRETARIAT', actorName: 'Test SECRETARIAT' }),
    ]);
    expect(Date.parse(approved.history[1]?.occurredAt ?? '')).toBeGreaterThanOrEqual(Date.parse(approved.history[0]?.occurredAt ?? ''));
    // …and the referent sees the same history.
    const seen = await t.http.get(`/api/v1/memberships/${requested.id}`).set(auth.noto).expect(200);
    expect((seen.body as MembershipDetail).history).toHaveLength(2);
  });

  it('walks suspend → approve (reinstate) → withdraw → a new request, each step kept', async () => {
    const m = await aMembership(t, AUGUSTA, 'ACTIVE');
    await decide(m.id, 'suspend', 'Referente non designato');
    await decide(m.id, 'approve', null);
    await decide(m.id, 'withdraw', 'Recesso deliberato');
    const res = await t.http.get(`/api/v1/memberships/${m.id}`).set(auth.secretariat).expect(200);
    expect((res.body as MembershipDetail).history.map((e) => e.toStatus)).toEqual(['REQUESTED', 'SUSPENDED', 'ACTIVE', 'WITHDRAWN']);
    const again = await t.http
      .post('/api/v1/memberships')
      .set(auth.secretariat)
      .send({ comuneId: m.comuneId, referentName: 'Nuovo Referente' })
      .expect(201);
    expect((again.body as MembershipDetail).history.map((e) => e.toStatus)).toEqual(['REQUESTED', 'SUSPENDED', 'ACTIVE', 'WITHDRAWN', 'REQUESTED']);
  });

  it.each([
    ['approve', 'ACTIVE'],
    ['reject', 'ACTIVE'],
    ['suspend', 'REQUESTED'],
    ['withdraw', 'REQUESTED'],
    ['approve', 'REJECTED'],
    ['suspend', 'WITHDRAWN'],
  ])('answers 409 to %s from %s and changes nothing', async (decision, from) => {
    const m = await aMembership(t, MODICA, from);
    const res = await decide(m.id, decision, 'Motivo', 409);
    expect((res.body as ProblemDetails).type).toBe(ILLEGAL_TRANSITION_PROBLEM_TYPE);
    const [row] = await t.sql<{ status: string; events: string }>(
      `SELECT status, (SELECT count(*) FROM membership_events WHERE membership_id = $1) AS events FROM memberships WHERE id = $1`,
      [m.id],
    );
    expect(row).toEqual({ status: from, events: '1' });
    await t.sql(`DELETE FROM memberships WHERE id = $1`, [m.id]);
  });

  it('answers 409 to a second request while one is pending or active', async () => {
    const m = await aMembership(t, ENNA, 'REQUESTED');
    const res = await t.http.post('/api/v1/memberships').set(auth.secretariat).send({ comuneId: m.comuneId, referentName: 'Altro' }).expect(409);
    expect((res.body as ProblemDetails).detail).toMatch(/Cannot request a membership that is REQUESTED/);
    await t.sql(`DELETE FROM memberships WHERE id = $1`, [m.id]);
  });

  it.each(['reject', 'suspend', 'withdraw'])('requires a reason to %s (400 on the field)', async (decision) => {
    const m = await aMembership(t, MODICA, decision === 'reject' ? 'REQUESTED' : 'ACTIVE');
    const res = await decide(m.id, decision, null, 400);
    expect((res.body as ProblemDetails).errors).toEqual([{ name: 'reason', reason: `is required to ${decision}` }]);
    await decide(m.id, decision, '   ', 400);
    await t.sql(`DELETE FROM memberships WHERE id = $1`, [m.id]);
  });

  it('lets two racing approvals apply once: one 200, one 409, one history step', async () => {
    const m = await aMembership(t, MODICA, 'REQUESTED');
    const results = await Promise.all([1, 2].map(() => t.http.post(`/api/v1/memberships/${m.id}/approve`).set(auth.secretariat).send({})));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const [row] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM membership_events WHERE membership_id = $1 AND to_status = 'ACTIVE'`, [m.id]);
    expect(row?.n).toBe('1');
    await t.sql(`DELETE FROM memberships WHERE id = $1`, [m.id]);
  });
});

describe('who sees and does what', () => {
  it('lets a referent ask only for their own Comune, and never decide', async () => {
    await request('palermo', CANICATTINI, 403);
    const own = await request('canicattini', CANICATTINI);
    await t.http.post(`/api/v1/memberships/${own.id}/approve`).set(auth.canicattini).send({}).expect(403);
    await t.http.post(`/api/v1/memberships/${own.id}/approve`).set(auth.centrale).send({}).expect(403);
    await t.sql(`DELETE FROM memberships WHERE id = $1`, [own.id]);
  });

  it('shows a referent only their own Comune’s membership: others are 404 and absent from the list', async () => {
    const palermo = await aMembership(t, PALERMO, 'ACTIVE');
    await t.http.get(`/api/v1/memberships/${palermo.id}`).set(auth.canicattini).expect(404);
    const list = await t.http.get('/api/v1/memberships?pageSize=100').set(auth.canicattini).expect(200);
    expect((list.body as Page<Membership>).items.every((m) => m.comuneName === 'Canicattini Bagni')).toBe(true);
    const all = await t.http.get(`/api/v1/memberships?comuneId=${palermo.comuneId}`).set(auth.centrale).expect(200);
    expect((all.body as Page<Membership>).items.map((m) => m.id)).toEqual([palermo.id]);
  });

  it('filters the secretariat’s queue by status', async () => {
    const res = await t.http.get('/api/v1/memberships?status=REQUESTED&sort=requestedAt').set(auth.secretariat).expect(200);
    expect((res.body as Page<Membership>).items.every((m) => m.status === 'REQUESTED')).toBe(true);
    await t.http.get('/api/v1/memberships?status=PENDING').set(auth.secretariat).expect(400);
  });
});
