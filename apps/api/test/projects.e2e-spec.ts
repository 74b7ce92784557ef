import { CLOSED_PROJECT_PROBLEM_TYPE, EnteGestore, Page, ProblemDetails, ProjectDetail, ProjectSummary, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { aProject, aTaxCode, bearer, anEnte, CANICATTINI, comuneId, PALERMO } from './factories';
import { startTestApp, TestApp } from './test-app';

const NOTO = '089013';
const PARTINICO = '082054';

let t: TestApp;
const auth: Record<'palermo' | 'canicattini' | 'partinico' | 'secretariat' | 'centrale', { authorization: string }> = {} as never;
let palermoId: string;

beforeAll(async () => {
  t = await startTestApp();
  palermoId = await comuneId(t, PALERMO);
  auth.palermo = await bearer(t, 'COMUNE_REFERENT', PALERMO);
  auth.canicattini = await bearer(t, 'COMUNE_REFERENT', CANICATTINI);
  auth.partinico = await bearer(t, 'COMUNE_REFERENT', PARTINICO);
  auth.secretariat = await bearer(t, 'SECRETARIAT');
  auth.centrale = await bearer(t, 'SERVIZIO_CENTRALE');
});
afterAll(() => t.close());

let codes = 0;
const valid = (overrides: object = {}) => ({
  code: `PROG-${process.pid}-${++codes}`,
  title: 'SAI Palermo — Disagio mentale',
  category: 'DM_DS',
  titolareComuneId: palermoId,
  posti: 12,
  startDate: '2026-01-01',
  endDate: '2028-12-31',
  services: ['ACCOGLIENZA_MATERIALE', 'TUTELA_PSICO_SOCIO_SANITARIA'],
  ...overrides,
});

const countRows = async () =>
  (
    await t.sql<{ n: string }>(
      `SELECT (SELECT count(*) FROM projects) + (SELECT count(*) FROM enti_gestori) + (SELECT count(*) FROM project_enti_gestori)
            + (SELECT count(*) FROM project_expansions) + (SELECT count(*) FROM audit_events WHERE action LIKE 'project.%') AS n`,
    )
  )[0]?.n;

describe('creating a project', () => {
  it('lets a referent create one for their own Comune, with ampliamenti, proroghe, associated Comuni and enti gestori', async () => {
    const ente = await anEnte(t);
    const res = await t.http
      .post('/api/v1/projects')
      .set(auth.palermo)
      .send(
        valid({
          category: 'MSNA',
          associatedComuneIds: [await comuneId(t, PARTINICO)],
          expansions: [{ posti: 8, effectiveFrom: '2026-06-01', actReference: 'Decreto n. 10 del 2026' }],
          extensions: [{ until: '2029-06-30', actReference: 'Decreto n. 11 del 2028' }],
          entiGestori: [{ taxCode: ` ${ente.taxCode.slice(0, 5)} ${ente.taxCode.slice(5)} `, role: 'ATTUATORE' }],
          responsibleOfficer: 'Dott.ssa Lo Bue',
          mailbox: 'msna@comune.test',
        }),
      )
      .expect(201);
    const project = res.body as ProjectDetail;
    expect(project).toMatchObject({
      category: 'MSNA',
      status: 'ACTIVE',
      titolareComuneName: 'Palermo',
      posti: 12,
      postiTotal: 20,
      originalEndDate: '2028-12-31',
      endDate: '2029-06-30',
      associatedComuni: [{ name: 'Partinico' }],
      entiGestori: [{ enteGestoreId: ente.id, role: 'ATTUATORE' }],
      version: 1,
    });
    const [audit] = await t.sql<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1`, [project.id]);
    expect(audit?.action).toBe('project.create');
    await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [project.id]);
  });

  it('refuses a referent creating a project for another Comune (403), and the Servizio Centrale any write', async () => {
    const other = await comuneId(t, CANICATTINI);
    await t.http.post('/api/v1/projects').set(auth.palermo).send(valid({ titolareComuneId: other })).expect(403);
    await t.http.post('/api/v1/projects').set(auth.centrale).send(valid()).expect(403);
  });

  it('lets the secretariat create a project for any Comune', async () => {
    const noto = await comuneId(t, NOTO);
    const res = await t.http.post('/api/v1/projects').set(auth.secretariat).send(valid({ titolareComuneId: noto, category: 'ORDINARI' })).expect(201);
    expect((res.body as ProjectDetail).titolareComuneName).toBe('Noto');
  });

  it('links an ente gestore already in the register by tax code, and proposes an unknown one', async () => {
    const known = await anEnte(t, 'Cooperativa Già Registrata');
    const fresh = aTaxCode();
    const res = await t.http
      .post('/api/v1/projects')
      .set(auth.palermo)
      .send(
        valid({
          titolareComuneId: palermoId,
          category: 'ORDINARI',
          entiGestori: [
            { taxCode: known.taxCode, role: 'PARTNER', name: 'A different name is ignored' },
            { taxCode: fresh, role: 'ATTUATORE', name: 'Nuova Cooperativa Proposta', legalForm: 'COOPERATIVA_SOCIALE' },
          ],
        }),
      )
      .expect(201);
    const enti = (res.body as ProjectDetail).entiGestori;
    expect(enti.find((e) => e.taxCode === known.taxCode)).toMatchObject({ enteGestoreId: known.id, name: 'Cooperativa Già Registrata' });
    const [registered] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM enti_gestori WHERE tax_code = $1`, [known.taxCode]);
    expect(registered?.n).toBe('1');
    const proposed = await t.http.get(`/api/v1/enti-gestori?taxCode=${fresh}`).set(auth.palermo).expect(200);
    expect((proposed.body as Page<EnteGestore>).items).toEqual([
      expect.objectContaining({ name: 'Nuova Cooperativa Proposta', proposed: true, projectCount: 1 }),
    ]);
  });

  it('answers 409 for a second open project of the same category, and for a code in use', async () => {
    const p = await aProject(t, CANICATTINI, { category: 'MSNA' });
    const canicattini = await comuneId(t, CANICATTINI);
    const sameCategory = await t.http.post('/api/v1/projects').set(auth.secretariat).send(valid({ titolareComuneId: canicattini, category: 'MSNA' })).expect(409);
    expect((sameCategory.body as ProblemDetails).detail).toMatch(/already has an open project of this category/);
    const sameCode = await t.http.post('/api/v1/projects').set(auth.secretariat).send(valid({ titolareComuneId: canicattini, category: 'DM_DS', code: p.code })).expect(409);
    expect((sameCode.body as ProblemDetails).detail).toMatch(/already has this code/);
  });

  it('keeps nothing of a refused request: an ente proposed with a project that then conflicts is not registered', async () => {
    const taken = await aProject(t, NOTO, { category: 'MSNA' });
    const fresh = aTaxCode();
    const before = await countRows();
    await t.http
      .post('/api/v1/projects')
      .set(auth.palermo)
      .send(valid({ code: taken.code, entiGestori: [{ taxCode: fresh, role: 'ATTUATORE', name: 'Cooperativa Mai Nata' }] }))
      .expect(409);
    expect(await countRows()).toBe(before);
    const [row] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM enti_gestori WHERE tax_code = $1`, [fresh]);
    expect(row?.n).toBe('0');
    await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [taken.id]);
  });
});

describe('bad input', () => {
  const long = 'x'.repeat(301);
  it.each([
    ['a wrong tax-code checksum', { entiGestori: [{ taxCode: '02118311007', role: 'PARTNER' }] }, ['entiGestori.0.taxCode']],
    ['a malformed codice fiscale', { entiGestori: [{ taxCode: 'RSSMRA85T10A562T', role: 'PARTNER' }] }, ['entiGestori.0.taxCode']],
    ['posti 0', { posti: 0 }, ['posti']],
    ['negative posti', { posti: -3 }, ['posti']],
    ['posti not an integer', { posti: 2.5 }, ['posti']],
    ['posti as a string', { posti: '12' }, ['posti']],
    ['an ampliamento of 0 posti', { expansions: [{ posti: 0, effectiveFrom: '2026-02-01', actReference: 'Decreto 1' }] }, ['expansions.0.posti']],
    ['end before start', { endDate: '2025-12-31' }, ['endDate']],
    ['end equal to start', { endDate: '2026-01-01' }, ['endDate']],
    ['an impossible date', { startDate: '2026-02-30' }, ['startDate']],
    ['an extension before the end', { extensions: [{ until: '2027-01-01', actReference: 'Decreto 2' }] }, ['extensions.0.until']],
    ['an unknown category', { category: 'ADULTI' }, ['category']],
    ['an unknown service', { services: ['ACCOGLIENZA_MATERIALE', 'MASSAGGI'] }, ['services']],
    ['a duplicated service', { services: ['ACCOGLIENZA_MATERIALE', 'ACCOGLIENZA_MATERIALE'] }, ['services']],
    ['an unknown field', { budget: 1000 }, ['budget']],
    ['an unknown nested field', { entiGestori: [{ taxCode: '02118311006', role: 'PARTNER', iban: 'IT00' }] }, ['entiGestori.0.iban']],
    ['an oversize title', { title: long }, ['title']],
    ['an oversize code', { code: 'P'.repeat(41) }, ['code']],
    ['a status of closed', { status: 'CLOSED' }, ['status']],
    ['an unknown ente role', { entiGestori: [{ taxCode: '02118311006', role: 'CAPOFILA' }] }, ['entiGestori.0.role']],
    ['an unknown ente without a name', { entiGestori: [{ taxCode: aTaxCode(), role: 'PARTNER' }] }, ['entiGestori.0.name']],
    ['a titolare among the associated', { associatedComuneIds: ['<palermo>'] }, ['associatedComuneIds.0']],
    ['an associated id that is no Comune', { associatedComuneIds: ['7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10'] }, ['associatedComuneIds.0']],
    ['several errors at once', { posti: 0, category: 'X', title: long }, ['category', 'posti', 'title']],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_, overrides, fields) => {
    const body: Record<string, unknown> = valid(overrides);
    if (Array.isArray(body['associatedComuneIds'])) {
      body['associatedComuneIds'] = (body['associatedComuneIds'] as string[]).map((id) => (id === '<palermo>' ? palermoId : id));
    }
    const before = await countRows();
    const res = await t.http.post('/api/v1/projects').set(auth.palermo).send(body).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(((res.body as ProblemDetails).errors ?? []).map((e) => e.name).sort()).toEqual(fields);
    expect(await countRows()).toBe(before);
  });
});

describe('reading', () => {
  it('gives a referent of another Comune 404 on the detail, but the public summary in the list', async () => {
    const p = await aProject(t, CANICATTINI, { category: 'DM_DS' });
    await t.http.get(`/api/v1/projects/${p.id}`).set(auth.palermo).expect(404);
    await t.http.get(`/api/v1/projects/${p.id}`).set(auth.canicattini).expect(200);
    await t.http.get(`/api/v1/projects/${p.id}`).set(auth.centrale).expect(200);
    const list = await t.http.get(`/api/v1/projects?q=${p.code}`).set(auth.palermo).expect(200);
    const [summary] = (list.body as Page<ProjectSummary>).items;
    expect(summary).toMatchObject({ id: p.id, titolareComuneName: 'Canicattini Bagni' });
    expect(summary).not.toHaveProperty('mailbox');
    expect(summary).not.toHaveProperty('responsibleOfficer');
  });

  it('lets an associated Comune read the project but not change it', async () => {
    const p = await aProject(t, PALERMO, { category: 'DM_DS', associated: [PARTINICO] });
    await t.http.get(`/api/v1/projects/${p.id}`).set(auth.partinico).expect(200);
    await t.http.patch(`/api/v1/projects/${p.id}`).set(auth.partinico).send({ version: 1, title: 'Cambiato' }).expect(403);
    await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [p.id]);
  });

  it('filters and sorts the list', async () => {
    const res = await t.http.get('/api/v1/projects?province=SR&category=MSNA&sort=-posti&pageSize=100').set(auth.centrale).expect(200);
    const page = res.body as Page<ProjectSummary>;
    expect(page.items.every((p) => p.province === 'SR' && p.category === 'MSNA')).toBe(true);
    await t.http.get('/api/v1/projects?sort=budget').set(auth.centrale).expect(400);
    await t.http.get('/api/v1/projects?status=OPEN').set(auth.centrale).expect(400);
  });
});

describe('changing a project', () => {
  it('applies a change based on the current version and increments it; lists are replaced whole', async () => {
    const p = await aProject(t, PALERMO, { category: 'MSNA' });
    const res = await t.http
      .patch(`/api/v1/projects/${p.id}`)
      .set(auth.palermo)
      .send({ version: 1, services: ['MEDIAZIONE_LINGUISTICO_CULTURALE', 'ORIENTAMENTO_LEGALE'], posti: 30 })
      .expect(200);
    expect(res.body).toMatchObject({ version: 2, posti: 30, postiTotal: 30, services: ['MEDIAZIONE_LINGUISTICO_CULTURALE', 'ORIENTAMENTO_LEGALE'] });
    const [audit] = await t.sql<{ changes: Record<string, unknown> }>(`SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'project.update'`, [p.id]);
    expect(Object.keys(audit?.changes ?? {}).sort()).toEqual(['posti', 'services']);
    await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [p.id]);
  });

  it('answers 409 with the current version to a stale write, which changes nothing', async () => {
    const p = await aProject(t, PALERMO, { category: 'MSNA' });
    await t.http.patch(`/api/v1/projects/${p.id}`).set(auth.palermo).send({ version: 1, title: 'Prima modifica' }).expect(200);
    const stale = await t.http.patch(`/api/v1/projects/${p.id}`).set(auth.palermo).send({ version: 1, title: 'Modifica superata' }).expect(409);
    expect(stale.body).toMatchObject({ type: STALE_VERSION_PROBLEM_TYPE, currentVersion: 2 });
    const [row] = await t.sql<{ title: string }>(`SELECT title FROM projects WHERE id = $1`, [p.id]);
    expect(row?.title).toBe('Prima modifica');
    await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [p.id]);
  });

  it('of two concurrent updates from the same version, exactly one wins and nothing is lost', async () => {
    const p = await aProject(t, PALERMO, { category: 'MSNA' });
    const results = await Promise.all(
      ['Scrittore A', 'Scrittore B'].map((title) => t.http.patch(`/api/v1/projects/${p.id}`).set(auth.palermo).send({ version: 1, title })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)?.body as ProjectDetail;
    const [row] = await t.sql<{ title: string; version: number }>(`SELECT title, version FROM projects WHERE id = $1`, [p.id]);
    expect(row).toEqual({ title: winner.title, version: 2 });
    const loser = results.find((r) => r.status === 409)?.body as ProblemDetails;
    expect(loser.currentVersion).toBe(2);
    await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [p.id]);
  });

  it('gives a referent of another Comune 404 on update and close, and the Servizio Centrale 403', async () => {
    const p = await aProject(t, CANICATTINI, { category: 'ORDINARI' });
    await t.http.patch(`/api/v1/projects/${p.id}`).set(auth.palermo).send({ version: 1, title: 'Intrusione' }).expect(404);
    await t.http.post(`/api/v1/projects/${p.id}/close`).set(auth.palermo).send({ version: 1, reason: 'Intrusione' }).expect(404);
    await t.http.patch(`/api/v1/projects/${p.id}`).set(auth.centrale).send({ version: 1, title: 'Mai' }).expect(403);
    const [row] = await t.sql<{ title: string; status: string }>(`SELECT title, status FROM projects WHERE id = $1`, [p.id]);
    expect(row).toEqual({ title: `Progetto ${p.code}`, status: 'ACTIVE' });
    await t.sql(`DELETE FROM projects WHERE id = $1`, [p.id]);
  });

  it('closes a project, which is then read-only and frees its category for a new one', async () => {
    const p = await aProject(t, PALERMO, { category: 'MSNA' });
    await t.http.post(`/api/v1/projects/${p.id}/close`).set(auth.palermo).send({ version: 1 }).expect(400);
    const closed = await t.http.post(`/api/v1/projects/${p.id}/close`).set(auth.palermo).send({ version: 1, reason: 'Fine del triennio' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', closedReason: 'Fine del triennio', version: 2 });
    const again = await t.http.patch(`/api/v1/projects/${p.id}`).set(auth.palermo).send({ version: 2, title: 'Riaperto?' }).expect(409);
    expect((again.body as ProblemDetails).type).toBe(CLOSED_PROJECT_PROBLEM_TYPE);
    await t.http.post(`/api/v1/projects/${p.id}/close`).set(auth.palermo).send({ version: 2, reason: 'Di nuovo' }).expect(409);
    const next = await aProject(t, PALERMO, { category: 'MSNA' });
    expect(next.id).toBeDefined();
    await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [next.id]);
  });
});
