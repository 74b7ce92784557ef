import { ComuneDetail, DirectoryPage, EnteGestore, Page, ProblemDetails, STALE_VERSION_PROBLEM_TYPE, WorkingGroup, WorkingGroupDetail } from '@coopera/domain';
import { aMembership, aProject, aTaxCode, bearer, anEnte, aWorkingGroup, CANICATTINI, comuneId, PALERMO } from './factories';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
type Who = 'palermo' | 'canicattini' | 'secretariat' | 'centrale';
const auth = {} as Record<Who, { authorization: string }>;
let palermoId: string;
let canicattiniId: string;

beforeAll(async () => {
  t = await startTestApp();
  auth.palermo = await bearer(t, 'COMUNE_REFERENT', PALERMO);
  auth.canicattini = await bearer(t, 'COMUNE_REFERENT', CANICATTINI);
  auth.secretariat = await bearer(t, 'SECRETARIAT');
  auth.centrale = await bearer(t, 'SERVIZIO_CENTRALE');
  palermoId = await comuneId(t, PALERMO);
  canicattiniId = await comuneId(t, CANICATTINI);
});
afterAll(() => t.close());

const detail = async (who: Who, id: string) => (await t.http.get(`/api/v1/comuni/${id}`).set(auth[who]).expect(200)).body as ComuneDetail;

describe('the Comune profile', () => {
  it('is saved first from version 0, then versioned; only its referents and the secretariat edit it', async () => {
    expect((await detail('canicattini', canicattiniId)).profile).toMatchObject({ version: 0, saiOffice: null, notes: null });
    const first = await t.http
      .patch(`/api/v1/comuni/${canicattiniId}`)
      .set(auth.canicattini)
      .send({ version: 0, saiOffice: 'Settore Servizi sociali', email: 'sai@comune.test', pec: 'protocollo@pec.comune.test', phone: '+39 0931 540000', coordinationReferent: 'Dott. Paolo Amenta', notes: 'Riunioni il martedì' })
      .expect(200);
    expect((first.body as ComuneDetail).profile).toMatchObject({ version: 1, saiOffice: 'Settore Servizi sociali', notes: 'Riunioni il martedì' });
    await t.http.patch(`/api/v1/comuni/${canicattiniId}`).set(auth.palermo).send({ version: 1, phone: '000000' }).expect(403);
    await t.http.patch(`/api/v1/comuni/${canicattiniId}`).set(auth.centrale).send({ version: 1, phone: '000000' }).expect(403);
    const stale = await t.http.patch(`/api/v1/comuni/${canicattiniId}`).set(auth.secretariat).send({ version: 0, phone: '+39 0931 1' }).expect(409);
    expect(stale.body).toMatchObject({ type: STALE_VERSION_PROBLEM_TYPE, currentVersion: 1 });
    const bySecretariat = await t.http.patch(`/api/v1/comuni/${canicattiniId}`).set(auth.secretariat).send({ version: 1, email: '' }).expect(200);
    expect((bySecretariat.body as ComuneDetail).profile).toMatchObject({ version: 2, email: null, saiOffice: 'Settore Servizi sociali' });
  });

  it('shows everyone signed in the public part, and the notes only to the Comune and the network roles', async () => {
    const other = await detail('palermo', canicattiniId);
    expect(other.profile).not.toHaveProperty('notes');
    expect(other.editable).toBe(false);
    expect((await detail('centrale', canicattiniId)).profile.notes).toBe('Riunioni il martedì');
    expect((await detail('canicattini', canicattiniId)).editable).toBe(true);
  });

  it.each([
    ['an invalid e-mail', { version: 2, email: 'non-una-mail' }, ['email']],
    ['an invalid PEC', { version: 2, pec: 'x@' }, ['pec']],
    ['a phone with letters', { version: 2, phone: 'chiamami' }, ['phone']],
    ['an oversize SAI office', { version: 2, saiOffice: 'x'.repeat(201) }, ['saiOffice']],
    ['oversize notes', { version: 2, notes: 'x'.repeat(2001) }, ['notes']],
    ['an unknown field', { version: 2, website: 'https://x.test' }, ['website']],
    ['no version', { saiOffice: 'Ufficio' }, ['version']],
  ])('refuses %s with 400 naming the field', async (_, body, fields) => {
    const res = await t.http.patch(`/api/v1/comuni/${canicattiniId}`).set(auth.canicattini).send(body).expect(400);
    expect(((res.body as ProblemDetails).errors ?? []).map((e) => e.name)).toEqual(fields);
  });

  it('of two concurrent first saves, exactly one wins', async () => {
    const results = await Promise.all(
      ['Ufficio A', 'Ufficio B'].map((saiOffice) => t.http.patch(`/api/v1/comuni/${palermoId}`).set(auth.palermo).send({ version: 0, saiOffice })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe('the network directory', () => {
  it('lists each Comune with its membership, open projects and posti by category, and province totals', async () => {
    const membership = await aMembership(t, CANICATTINI, 'ACTIVE');
    await aProject(t, CANICATTINI, { category: 'ORDINARI', posti: 25 });
    await aProject(t, CANICATTINI, { category: 'MSNA', posti: 10 });
    await aProject(t, CANICATTINI, { category: 'DM_DS', posti: 99, status: 'CLOSED' });
    const res = await t.http.get('/api/v1/comuni?province=SR&q=canicattini').set(auth.palermo).expect(200);
    const page = res.body as DirectoryPage;
    expect(page.items).toEqual([
      expect.objectContaining({ name: 'Canicattini Bagni', membershipStatus: 'ACTIVE', projectCount: 2, posti: { ORDINARI: 25, MSNA: 10, DM_DS: 0 }, postiTotal: 35 }),
    ]);
    expect(page.provinceTotals).toEqual([{ province: 'SR', comuni: 1, members: 1, projects: 2, posti: 35 }]);

    const members = (await t.http.get('/api/v1/comuni?membership=ACTIVE&pageSize=100').set(auth.palermo).expect(200)).body as DirectoryPage;
    expect(members.items.map((c) => c.name)).toContain('Canicattini Bagni');
    expect(members.items.every((c) => c.membershipStatus === 'ACTIVE')).toBe(true);
    const none = (await t.http.get('/api/v1/comuni?membership=NONE&province=SR&pageSize=100').set(auth.palermo).expect(200)).body as DirectoryPage;
    expect(none.items.map((c) => c.name)).not.toContain('Canicattini Bagni');
    expect(none.total).toBe(none.provinceTotals.reduce((s, p) => s + p.comuni, 0));
    const withProjects = (await t.http.get('/api/v1/comuni?withProjects=true&sort=-postiTotal').set(auth.palermo).expect(200)).body as DirectoryPage;
    expect(withProjects.items[0]?.postiTotal).toBeGreaterThanOrEqual(withProjects.items.at(-1)?.postiTotal ?? 0);
    expect(withProjects.items.every((c) => c.projectCount > 0)).toBe(true);
    await t.http.get('/api/v1/comuni?membership=MAYBE').set(auth.palermo).expect(400);
    await t.http.get('/api/v1/comuni?withProjects=si').set(auth.palermo).expect(400);
    await t.sql(`DELETE FROM memberships WHERE id = $1`, [membership.id]);
  });

  it('keeps the total past the last page', async () => {
    const res = await t.http.get('/api/v1/comuni?province=SR&page=50').set(auth.palermo).expect(200);
    expect(res.body).toMatchObject({ items: [], total: 22 });
  });

  it('shows the Comune page with its projects, enti gestori and working groups', async () => {
    const ente = await anEnte(t, 'Cooperativa Aretusa');
    const p = await aProject(t, PALERMO, { category: 'DM_DS' });
    await t.sql(`INSERT INTO project_enti_gestori (project_id, comune_id, ente_gestore_id, role) VALUES ($1, $2, $3, 'ATTUATORE')`, [p.id, p.comuneId, ente.id]);
    const group = await aWorkingGroup(t, [PALERMO]);
    const page = await detail('secretariat', palermoId);
    expect(page.projects.map((x) => x.code)).toContain(p.code);
    expect(page.entiGestori).toContainEqual({ id: ente.id, name: 'Cooperativa Aretusa', taxCode: ente.taxCode, role: 'ATTUATORE' });
    expect(page.workingGroups).toContainEqual({ id: group.id, name: group.name });
    // A referent of another Comune sees the public facts, not the groups it does not sit in.
    const fromOutside = await detail('canicattini', palermoId);
    expect(fromOutside.projects.map((x) => x.code)).toContain(p.code);
    expect(fromOutside.workingGroups).toEqual([]);
    await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [p.id]);
  });

  it('needs a signed-in user', async () => {
    await t.http.get('/api/v1/comuni').expect(401);
  });
});

describe('the enti gestori register', () => {
  it('lets the secretariat create, find by tax code and edit an ente gestore, versioned', async () => {
    const taxCode = aTaxCode();
    const created = await t.http
      .post('/api/v1/enti-gestori')
      .set(auth.secretariat)
      .send({ name: 'Cooperativa Sociale Trinacria', taxCode, legalForm: 'COOPERATIVA_SOCIALE', seatComuneId: palermoId, website: 'https://trinacria.example' })
      .expect(201);
    const ente = created.body as EnteGestore;
    expect(ente).toMatchObject({ taxCode, seatComuneName: 'Palermo', proposed: false, projectCount: 0, version: 1 });
    const found = await t.http.get(`/api/v1/enti-gestori?taxCode=${taxCode.toLowerCase()}`).set(auth.canicattini).expect(200);
    expect((found.body as Page<EnteGestore>).items.map((e) => e.id)).toEqual([ente.id]);
    const byName = await t.http.get('/api/v1/enti-gestori?q=trinacria').set(auth.canicattini).expect(200);
    expect((byName.body as Page<EnteGestore>).total).toBe(1);
    const edited = await t.http.patch(`/api/v1/enti-gestori/${ente.id}`).set(auth.secretariat).send({ version: 1, phone: '+39 091 123456' }).expect(200);
    expect(edited.body).toMatchObject({ phone: '+39 091 123456', version: 2 });
    await t.http.patch(`/api/v1/enti-gestori/${ente.id}`).set(auth.secretariat).send({ version: 1, phone: '+39 091 1' }).expect(409);
  });

  it('refuses a duplicate tax code (409) and a wrong checksum (400)', async () => {
    const existing = await anEnte(t);
    const dup = await t.http.post('/api/v1/enti-gestori').set(auth.secretariat).send({ name: 'Doppione', taxCode: existing.taxCode, legalForm: 'ALTRO' }).expect(409);
    expect((dup.body as ProblemDetails).detail).toMatch(existing.taxCode);
    const bad = await t.http.post('/api/v1/enti-gestori').set(auth.secretariat).send({ name: 'Errore', taxCode: '12345678901', legalForm: 'ALTRO' }).expect(400);
    expect((bad.body as ProblemDetails).errors).toEqual([{ name: 'taxCode', reason: 'has a wrong check digit (partita IVA)' }]);
    await t.http.post('/api/v1/enti-gestori').set(auth.secretariat).send({ name: 'Errore', taxCode: existing.taxCode, legalForm: 'SPA' }).expect(400);
  });

  it('lets the secretariat mark a proposal reviewed; referents and the Servizio Centrale never write', async () => {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO enti_gestori (name, tax_code, legal_form, proposed, proposed_by_comune_id, version) VALUES ('Proposta', $1, 'ALTRO', true, $2, 1) RETURNING id`,
      [aTaxCode(), palermoId],
    );
    const proposals = await t.http.get('/api/v1/enti-gestori?proposed=true').set(auth.secretariat).expect(200);
    expect((proposals.body as Page<EnteGestore>).items.map((e) => e.id)).toContain(row?.id);
    await t.http.patch(`/api/v1/enti-gestori/${row?.id}`).set(auth.palermo).send({ version: 1, proposed: false }).expect(403);
    await t.http.post('/api/v1/enti-gestori').set(auth.centrale).send({ name: 'Mai', taxCode: aTaxCode(), legalForm: 'ALTRO' }).expect(403);
    await t.http.patch(`/api/v1/enti-gestori/${row?.id}`).set(auth.secretariat).send({ version: 1, proposed: true }).expect(400);
    const reviewed = await t.http.patch(`/api/v1/enti-gestori/${row?.id}`).set(auth.secretariat).send({ version: 1, proposed: false }).expect(200);
    expect((reviewed.body as EnteGestore).proposed).toBe(false);
  });
});

describe('working groups', () => {
  it('lets the secretariat create a group with its member Comuni, edit and delete it', async () => {
    const created = await t.http
      .post('/api/v1/working-groups')
      .set(auth.secretariat)
      .send({ name: 'Salute mentale', description: 'Tavolo DM-DS', memberComuneIds: [palermoId, canicattiniId] })
      .expect(201);
    const group = created.body as WorkingGroupDetail;
    expect(group.members.map((m) => m.comuneName)).toEqual(['Canicattini Bagni', 'Palermo']);
    const edited = await t.http.patch(`/api/v1/working-groups/${group.id}`).set(auth.secretariat).send({ version: 1, memberComuneIds: [palermoId] }).expect(200);
    expect(edited.body).toMatchObject({ version: 2, memberCount: 1 });
    await t.http.patch(`/api/v1/working-groups/${group.id}`).set(auth.secretariat).send({ version: 1, name: 'Vecchio' }).expect(409);
    await t.http.post('/api/v1/working-groups').set(auth.secretariat).send({ name: 'Salute mentale' }).expect(409);
    await t.http.post('/api/v1/working-groups').set(auth.secretariat).send({ name: 'Errato', memberComuneIds: ['not-a-uuid'] }).expect(400);
    await t.http.delete(`/api/v1/working-groups/${group.id}`).set(auth.secretariat).expect(204);
    await t.http.get(`/api/v1/working-groups/${group.id}`).set(auth.secretariat).expect(404);
  });

  it('shows a referent only the groups their Comune sits in', async () => {
    const withPalermo = await aWorkingGroup(t, [PALERMO, CANICATTINI]);
    const without = await aWorkingGroup(t, [CANICATTINI]);
    const list = (await t.http.get('/api/v1/working-groups?pageSize=100').set(auth.palermo).expect(200)).body as Page<WorkingGroup>;
    expect(list.items.map((g) => g.id)).toContain(withPalermo.id);
    expect(list.items.map((g) => g.id)).not.toContain(without.id);
    await t.http.get(`/api/v1/working-groups/${without.id}`).set(auth.palermo).expect(404);
    await t.http.post('/api/v1/working-groups').set(auth.palermo).send({ name: 'Abusivo' }).expect(403);
    const all = (await t.http.get('/api/v1/working-groups?pageSize=100').set(auth.centrale).expect(200)).body as Page<WorkingGroup>;
    expect(all.items.map((g) => g.id)).toEqual(expect.arrayContaining([withPalermo.id, without.id]));
  });
});
