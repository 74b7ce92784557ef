import { DirectoryPage, ProjectDetail } from '@coopera/domain';
import { Client } from 'pg';
import { aMembership, aProject, bearer, CANICATTINI, comuneId, PALERMO } from './factories';
import { startTestApp, TestApp } from './test-app';

/*
 * The directory reads each Comune's figures (membership, open projects, posti) and the totals by
 * province from what triggers keep (migration DirectoryAggregates1765344000000). These tests change
 * projects and memberships every way the API can, and concurrently, and compare the kept figures with
 * a recount from the source tables.
 */

let t: TestApp;
let secretariat: { authorization: string };
let palermo: { authorization: string };

beforeAll(async () => {
  t = await startTestApp();
  secretariat = await bearer(t, 'SECRETARIAT');
  palermo = await bearer(t, 'COMUNE_REFERENT', PALERMO);
});
afterAll(() => t.close());

/** Every Comune whose kept figures differ from a recount: none, when the triggers are right. */
async function comuniOutOfStep(): Promise<unknown[]> {
  return t.sql(`
    SELECT c.id, c.name, c.membership_status, c.project_count, c.posti_total, m.status AS actual_status, p.*
    FROM comuni c
    LEFT JOIN memberships m ON m.comune_id = c.id
    LEFT JOIN (
      SELECT comune_id, count(*)::int AS n, sum(posti_total)::int AS posti,
             coalesce(sum(posti_total) FILTER (WHERE category = 'ORDINARI'), 0)::int AS ordinari,
             coalesce(sum(posti_total) FILTER (WHERE category = 'MSNA'), 0)::int AS msna,
             coalesce(sum(posti_total) FILTER (WHERE category = 'DM_DS'), 0)::int AS dm_ds
      FROM projects WHERE status <> 'CLOSED' GROUP BY comune_id
    ) p ON p.comune_id = c.id
    WHERE c.membership_status IS DISTINCT FROM m.status
       OR (c.project_count, c.posti_total, c.posti_ordinari, c.posti_msna, c.posti_dm_ds)
          <> (coalesce(p.n, 0), coalesce(p.posti, 0), coalesce(p.ordinari, 0), coalesce(p.msna, 0), coalesce(p.dm_ds, 0))`);
}

/** Every row of the kept province totals that differs from a recount from comuni, either way. */
async function provinceTotalsOutOfStep(): Promise<unknown[]> {
  return t.sql(`
    WITH recount AS (
      SELECT province, kind, coalesce(membership_status::text, 'NONE') AS membership, count(*)::int AS comuni,
             (count(*) FILTER (WHERE project_count > 0))::int AS comuni_with_projects,
             sum(project_count)::int AS projects, sum(posti_total)::int AS posti
      FROM comuni GROUP BY 1, 2, 3
    ), kept AS (SELECT * FROM directory_province_totals WHERE comuni <> 0)
    (SELECT 'kept' AS side, * FROM kept EXCEPT SELECT 'kept', * FROM recount)
    UNION ALL
    (SELECT 'recount', * FROM recount EXCEPT SELECT 'recount', * FROM kept)`);
}

const directory = async (query: string) => (await t.http.get(`/api/v1/comuni?${query}`).set(secretariat).expect(200)).body as DirectoryPage;

it('keeps step with projects and memberships written directly, closed ones counting nothing', async () => {
  await aProject(t, CANICATTINI, { category: 'MSNA', posti: 15 });
  await aProject(t, CANICATTINI, { category: 'ORDINARI', posti: 25 });
  await aProject(t, CANICATTINI, { category: 'ORDINARI', posti: 40, status: 'CLOSED' });
  await aMembership(t, CANICATTINI, 'ACTIVE');
  const [row] = await t.sql(`SELECT membership_status, project_count, posti_ordinari, posti_msna, posti_total FROM comuni WHERE istat_code = $1`, [CANICATTINI]);
  expect(row).toEqual({ membership_status: 'ACTIVE', project_count: 2, posti_ordinari: 25, posti_msna: 15, posti_total: 40 });
  expect(await comuniOutOfStep()).toEqual([]);
  expect(await provinceTotalsOutOfStep()).toEqual([]);
});

it('follows projects created, enlarged and closed through the API', async () => {
  const body = {
    code: `AGG-${process.pid}`,
    title: 'SAI Palermo — aggregati',
    category: 'DM_DS',
    titolareComuneId: await comuneId(t, PALERMO),
    posti: 7,
    startDate: '2026-01-01',
    endDate: '2028-12-31',
    services: ['ACCOGLIENZA_MATERIALE'],
  };
  const created = await t.http.post('/api/v1/projects').set(palermo).send(body);
  // Palermo may already hold an open DM_DS project in the demo: then close that one first.
  let project = created.body as ProjectDetail;
  if (created.status === 409) {
    const [open] = await t.sql<{ id: string; version: number }>(
      `SELECT p.id, p.version FROM projects p JOIN comuni c ON c.id = p.comune_id
       WHERE c.istat_code = $1 AND p.category = 'DM_DS' AND p.status <> 'CLOSED'`,
      [PALERMO],
    );
    await t.http.post(`/api/v1/projects/${open?.id}/close`).set(palermo).send({ version: open?.version, reason: 'Fine del triennio' }).expect(200);
    project = (await t.http.post('/api/v1/projects').set(palermo).send({ ...body, code: `AGG2-${process.pid}` }).expect(201)).body;
  } else {
    expect(created.status).toBe(201);
  }
  expect(await comuniOutOfStep()).toEqual([]);
  const before = (await directory(`q=Palermo&kind=COMUNE`)).items.find((c) => c.istatCode === PALERMO);
  expect(before?.posti.DM_DS).toBe(7);

  project = (
    await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(palermo)
      .send({ version: project.version, posti: 9, expansions: [{ posti: 3, effectiveFrom: '2026-06-01', actReference: 'Decreto n. 1' }] })
      .expect(200)
  ).body as ProjectDetail;
  expect(await comuniOutOfStep()).toEqual([]);
  expect((await directory(`q=Palermo&kind=COMUNE`)).items.find((c) => c.istatCode === PALERMO)?.posti.DM_DS).toBe(12);

  await t.http.post(`/api/v1/projects/${project.id}/close`).set(palermo).send({ version: project.version, reason: 'Fine del triennio' }).expect(200);
  expect(await comuniOutOfStep()).toEqual([]);
  expect(await provinceTotalsOutOfStep()).toEqual([]);
  expect((await directory(`q=Palermo&kind=COMUNE`)).items.find((c) => c.istatCode === PALERMO)?.posti.DM_DS).toBe(0);
});

it('follows memberships requested, approved, suspended and deleted', async () => {
  const [comune] = await t.sql<{ id: string }>(`SELECT id FROM comuni WHERE membership_status IS NULL AND kind = 'COMUNE' ORDER BY name LIMIT 1`);
  const request = await t.http.post('/api/v1/memberships').set(secretariat).send({ comuneId: comune?.id, referentName: 'Dott. Aggregati' }).expect(201);
  expect(await comuniOutOfStep()).toEqual([]);
  await t.http.post(`/api/v1/memberships/${request.body.id}/approve`).set(secretariat).send({}).expect(200);
  await t.http.post(`/api/v1/memberships/${request.body.id}/suspend`).set(secretariat).send({ reason: 'Verifica dei requisiti' }).expect(200);
  expect(await comuniOutOfStep()).toEqual([]);
  expect(await provinceTotalsOutOfStep()).toEqual([]);
  await t.sql(`DELETE FROM memberships WHERE id = $1`, [request.body.id]);
  expect(await comuniOutOfStep()).toEqual([]);
  expect(await provinceTotalsOutOfStep()).toEqual([]);
});

it('counts every one of concurrent changes to one Comune’s projects (no lost delta)', async () => {
  const [comune] = await t.sql<{ id: string }>(`SELECT id FROM comuni WHERE project_count = 0 AND kind = 'COMUNE' ORDER BY name LIMIT 1`);
  const clients = await Promise.all(
    ['ORDINARI', 'MSNA', 'DM_DS'].map(async (category, i) => {
      const c = new Client({ connectionString: t.ownerUrl });
      await c.connect();
      await c.query(`SET application_name = 'aggregates-writer'`);
      await c.query('BEGIN');
      const insert = () =>
        c.query(
          `INSERT INTO projects (comune_id, code, title, category, status, posti, posti_total, start_date, end_date, effective_end_date, version)
           VALUES ($1, $2, 'Concorrente', $3, 'ACTIVE', $4, $4, '2026-01-01', '2027-12-31', '2027-12-31', 1)`,
          [comune?.id, `CONC-${process.pid}-${i}`, category, 10 + i],
        );
      return { c, insert };
    }),
  );
  try {
    const [first, ...others] = clients;
    if (!first) throw new Error('no client');
    // The first writer holds the Comune's row; the others start while it does, and wait for it.
    await first.insert();
    const waiting = others.map(async (w) => {
      await w.insert();
      await w.c.query('COMMIT');
    });
    await until(async () => {
      const [{ n }] = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'aggregates-writer' AND wait_event_type = 'Lock'`,
      );
      return n >= 1;
    });
    await first.c.query('COMMIT');
    await Promise.all(waiting);
  } finally {
    await Promise.all(clients.map(({ c }) => c.end()));
  }
  const [row] = await t.sql<{ project_count: number; posti_total: number }>(`SELECT project_count, posti_total FROM comuni WHERE id = $1`, [comune?.id]);
  expect(row).toEqual({ project_count: 3, posti_total: 10 + 11 + 12 });
  expect(await comuniOutOfStep()).toEqual([]);
  expect(await provinceTotalsOutOfStep()).toEqual([]);
});

/** Polls a condition PostgreSQL offers no event for (a backend waiting on a lock). */
async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('answers the same totals from the kept table as from a count of the Comuni themselves', async () => {
  const filters = ['', 'kind=COMUNE', 'province=PA', 'membership=ACTIVE', 'membership=NONE', 'withProjects=true', 'kind=COMUNE&withProjects=true&province=CT'];
  for (const filter of filters) {
    const kept = await directory(`${filter}&pageSize=1`);
    // A name search matching every name ('a' or not: the empty pattern is refused) takes the counting path.
    const counted = await t.sql<{ province: string; comuni: number; members: number; projects: number; posti: number }>(
      `SELECT c.province, count(*)::int AS comuni, count(*) FILTER (WHERE c.membership_status = 'ACTIVE')::int AS members,
              sum(c.project_count)::int AS projects, sum(c.posti_total)::int AS posti
       FROM comuni c
       WHERE ($1::text IS NULL OR c.kind::text = $1) AND ($2::text IS NULL OR c.province::text = $2)
         AND ($3::text IS NULL OR coalesce(c.membership_status::text, 'NONE') = $3) AND (NOT $4 OR c.project_count > 0)
       GROUP BY c.province ORDER BY c.province`,
      [param(filter, 'kind'), param(filter, 'province'), param(filter, 'membership'), param(filter, 'withProjects') === 'true'],
    );
    expect({ filter, totals: kept.provinceTotals }).toEqual({ filter, totals: counted });
    expect(kept.total).toBe(counted.reduce((n, p) => n + p.comuni, 0));
  }
});

function param(query: string, name: string): string | null {
  return new URLSearchParams(query).get(name);
}
