import { ComuneSummary, Page, PROBLEM_CONTENT_TYPE, ProblemDetails, PROVINCES } from '@coopera/domain';
import { Client } from 'pg';
import { directoryFilter, directoryOrder } from '../src/comuni/directory.query';
import { ListComuniQueryDto } from '../src/comuni/dto/list-comuni.query';
import { aUser, signIn } from './factories';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
let auth: { authorization: string };
beforeAll(async () => {
  t = await startTestApp();
  auth = { authorization: `Bearer ${(await signIn(t, await aUser(t, 'SERVIZIO_CENTRALE'))).token}` };
});
afterAll(() => t.close());

async function list(query: string): Promise<Page<ComuneSummary>> {
  const res = await t.http.get(`/api/v1/comuni?${query}`).set(auth).expect(200);
  return res.body as Page<ComuneSummary>;
}

async function problem(path: string, status: number): Promise<ProblemDetails> {
  const res = await t.http.get(path).set(auth).expect(status);
  expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
  expect(res.text).not.toMatch(/\bat .+\.(js|ts):\d+/); // never a stack trace
  return res.body as ProblemDetails;
}

describe('GET /api/v1/comuni — the directory of the network', () => {
  it('lists the 21 Comuni of Siracusa, Canicattini Bagni among them, with their Libero Consorzio', async () => {
    const page = await list('province=SR&pageSize=100');
    const comuni = page.items.filter((c) => c.kind === 'COMUNE');
    expect(comuni).toHaveLength(21);
    expect(page.items.filter((c) => c.kind === 'LIBERO_CONSORZIO').map((c) => c.name)).toEqual([
      'Libero Consorzio comunale di Siracusa',
    ]);
    expect(page.total).toBe(22);
    expect(comuni.find((c) => c.name === 'Canicattini Bagni')).toMatchObject({
      istatCode: '089005',
      codiceCatastale: 'B603',
      province: 'SR',
    });
  });

  it('holds the 391 Sicilian Comuni, the 6 Liberi Consorzi and the 3 Città metropolitane', async () => {
    expect((await list('kind=COMUNE&pageSize=1')).total).toBe(391);
    expect((await list('kind=LIBERO_CONSORZIO&pageSize=1')).total).toBe(6);
    expect((await list('kind=CITTA_METROPOLITANA&pageSize=1')).total).toBe(3);
    expect((await list('pageSize=1')).total).toBe(400);
  });

  it('counts the Comuni of every province as ISTAT does', async () => {
    const expected = { AG: 43, CL: 22, CT: 58, EN: 20, ME: 108, PA: 82, RG: 12, SR: 21, TP: 25 };
    for (const province of PROVINCES) {
      expect([province, (await list(`kind=COMUNE&province=${province}&pageSize=1`)).total]).toEqual([
        province,
        expected[province],
      ]);
    }
  });

  it('searches names ignoring case, accents and apostrophes', async () => {
    expect((await list('q=PATERNO')).items.map((c) => c.name)).toEqual(['Paternò']);
    expect((await list('q=citta%20metropolitana')).total).toBe(3);
    expect((await list('q=sant%E2%80%99agata%20di%20militello')).items.map((c) => c.name)).toEqual([
      "Sant'Agata di Militello",
    ]);
  });

  it('treats LIKE wildcards in the search as plain text', async () => {
    expect((await list('q=%25')).total).toBe(0);
    expect((await list('q=_')).total).toBe(0);
  });

  it('sorts by population, descending, with unknown populations last', async () => {
    const page = await list('kind=COMUNE&sort=-population&pageSize=100');
    expect(page.items.slice(0, 3).map((c) => c.name)).toEqual(['Palermo', 'Catania', 'Messina']);
    const populations = page.items.map((c) => c.population ?? -1);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it('pages without overlaps or gaps', async () => {
    const all = await list('province=RG&sort=istatCode&pageSize=100');
    const first = await list('province=RG&sort=istatCode&pageSize=5&page=1');
    const second = await list('province=RG&sort=istatCode&pageSize=5&page=2');
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(all.items.slice(0, 10).map((c) => c.id));
    expect(second).toMatchObject({ page: 2, pageSize: 5, total: all.total });
    const beyond = await list('province=RG&pageSize=5&page=99');
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(all.total);
  });

  it('reads one Comune by id', async () => {
    const [palermo] = (await list('q=palermo&kind=COMUNE')).items;
    const res = await t.http.get(`/api/v1/comuni/${palermo?.id}`).set(auth).expect(200);
    expect(res.body).toMatchObject({ name: 'Palermo', province: 'PA', istatCode: '082053' });
  });

  it('answers 404 problem+json for an unknown id, 400 for a malformed one', async () => {
    const missing = await problem('/api/v1/comuni/7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10', 404);
    expect(missing).toMatchObject({ status: 404, title: 'Not Found' });
    const malformed = await problem('/api/v1/comuni/not-a-uuid', 400);
    expect(malformed.errors).toEqual([{ name: 'id', reason: 'must be a UUID' }]);
  });

  it.each([
    ['pageSize=100000', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['page=-1', 'page'],
    ['page=1.5', 'page'],
    ['page=abc', 'page'],
    ['province=XX', 'province'],
    ['kind=CONDOMINIO', 'kind'],
    ['sort=password', 'sort'],
    ['province=SR&province=PA', 'province'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['admin=true', 'admin'],
  ])('refuses ?%s with 400 problem+json naming %s', async (query, field) => {
    const body = await problem(`/api/v1/comuni?${query}`, 400);
    expect(body.type).toBe('urn:coopera:problem:validation-error');
    expect(body.errors?.map((e) => e.name)).toEqual([field]);
    expect(body.detail).toContain(field);
  });

  it('names every offending field at once', async () => {
    const body = await problem('/api/v1/comuni?pageSize=100000&page=-1&province=XX', 400);
    expect(body.errors?.map((e) => e.name).sort()).toEqual(['page', 'pageSize', 'province']);
  });
});

describe('errors and headers', () => {
  it('answers an unknown API route with 404 problem+json', async () => {
    const body = await problem('/api/v1/nowhere', 404);
    expect(body).toMatchObject({ type: 'about:blank', status: 404, instance: '/api/v1/nowhere' });
  });

  it('sends security headers', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('a name search, as a prepared statement', () => {
  // The directory's page is a named statement and its totals a final read: after five runs
  // PostgreSQL may keep a generic plan, where a function of a parameter is not folded into a
  // constant. The pattern goes through a sub-select, computed once per run, not once per Comune.
  it('folds the pattern once, in a generic plan too', async () => {
    const query = Object.assign(new ListComuniQueryDto(), { q: "Sant'Agata", sort: 'name' as const, page: 1, pageSize: 20 });
    const { where, params } = directoryFilter(query);
    const client = new Client({ connectionString: t.ownerUrl });
    await client.connect();
    try {
      await client.query(`SET plan_cache_mode = force_generic_plan`);
      await client.query(`PREPARE directory_search AS SELECT c.id FROM comuni c ${where} ${directoryOrder(query.sort)}`);
      const args = params.map((p) => client.escapeLiteral(String(p))).join(', ');
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE directory_search(${args})`)).rows.map((r) => r['QUERY PLAN']);
      const filter = plan.find((line) => line.includes('Filter:')) ?? '';
      // The name compared with the sub-select's value ($n up to PostgreSQL 16, (InitPlan n).coln after).
      expect(filter).toMatch(/~~ (\$\d+|\(InitPlan \d+\)\.col\d+)\)?$/);
    } finally {
      await client.end();
    }
  });
});
