import { loadDemoData } from '../src/demo/demo-data';
import { startTestApp, TestApp } from './test-app';

/*
 * Statements per request, read from `Server-Timing`: round trips to PostgreSQL, BEGIN with the RLS
 * context (one message) and COMMIT included (sent alone, or with the last read of a GET: Db.finalQuery).
 * Every list and detail endpoint is asked twice — a page of 1 row and a page of 50, a record with
 * few children and one with many — and must cost the same: a statement per row (an N+1) would
 * make the second dearer. The expected counts pin today's figures, so that a change that adds a
 * statement to a hot path is seen and argued for.
 */

const PASSWORD = 'query-count-demo-1';
let t: TestApp;
let admin: { authorization: string };
let referent: { authorization: string };

beforeAll(async () => {
  t = await startTestApp();
  await loadDemoData(t.ownerUrl, PASSWORD);
  admin = await bearerOf('admin@coopera.example');
  referent = await bearerOf('referente.palermo@coopera.example');
  // Rows for the lists the demo data leaves empty: the sign-ins and this change are audit events;
  // outbox messages are written as the owner, already settled so that no worker sends them.
  await t.http.patch('/api/v1/auth/me').set(admin).send({ name: 'Amministratore (query counts)' }).expect(200);
  await t.sql(
    `INSERT INTO mail_outbox (kind, status, dedupe_key, meeting_id, comune_id, subject, text_body)
     SELECT 'CONVOCATION', 'SKIPPED', 'query-counts:' || c.id, (SELECT id FROM meetings ORDER BY starts_at LIMIT 1), c.id, 'Convocazione', 'Testo'
     FROM (SELECT id FROM comuni ORDER BY istat_code LIMIT 3) c`,
  );
});
afterAll(() => t.close());

async function bearerOf(email: string): Promise<{ authorization: string }> {
  const res = await t.http.post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
  return { authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
}

async function statements(path: string, as = admin): Promise<number> {
  const res = await t.http.get(path).set(as);
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
  const timing = /db;desc="(\d+) queries"/.exec(String(res.headers['server-timing']));
  if (!timing) throw new Error(`no Server-Timing on ${path}: ${String(res.headers['server-timing'])}`);
  return Number(timing[1]);
}

/** Two ids from `sql`'s rows, ordered by how many children they have: fewest first, most last. */
async function fewestAndMost(sql: string): Promise<[string, string]> {
  const rows = await t.sql<{ id: string; n: string }>(sql);
  if (rows.length < 2) throw new Error(`need two records: ${sql}`);
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last || Number(first.n) === Number(last.n)) throw new Error(`no difference in children: ${sql}`);
  return [first.id, last.id];
}

const LISTS: [path: string, expected: number][] = [
  ['/api/v1/comuni', 3],
  ['/api/v1/enti-gestori', 3],
  ['/api/v1/projects', 3],
  ['/api/v1/memberships', 3],
  ['/api/v1/meetings', 3],
  ['/api/v1/working-groups', 3],
  ['/api/v1/practices', 3],
  ['/api/v1/users', 4],
  ['/api/v1/audit-events', 4],
  ['/api/v1/outbox', 3],
];

describe('statements per request do not grow with the page', () => {
  it.each(LISTS)('%s: a page of 1 and a page of 50 cost %i statements', async (path, expected) => {
    const one = await statements(`${path}?pageSize=1`);
    const fifty = await statements(`${path}?pageSize=50`);
    expect({ one, fifty }).toEqual({ one: expected, fifty: expected });
    // Only a page with several rows can show a statement per row.
    const page = (await t.http.get(`${path}?pageSize=50`).set(admin).expect(200)).body as { items: unknown[] };
    expect(page.items.length).toBeGreaterThan(1);
  });
});

const DETAILS: [name: string, sql: string, path: (id: string) => string, expected: number][] = [
  [
    'Comune page (projects, enti gestori, groups)',
    `SELECT c.id, count(p.id) AS n FROM comuni c LEFT JOIN projects p ON p.comune_id = c.id GROUP BY c.id ORDER BY n, c.id`,
    (id) => `/api/v1/comuni/${id}`,
    8,
  ],
  [
    'ente gestore (projects and Comuni served)',
    `SELECT e.id, count(pe.project_id) AS n FROM enti_gestori e LEFT JOIN project_enti_gestori pe ON pe.ente_gestore_id = e.id GROUP BY e.id ORDER BY n, e.id`,
    (id) => `/api/v1/enti-gestori/${id}`,
    3,
  ],
  [
    'project (enti gestori, associated Comuni, changes)',
    `SELECT p.id, count(a.associated_comune_id) AS n FROM projects p LEFT JOIN project_associated_comuni a ON a.project_id = p.id GROUP BY p.id ORDER BY n, p.id`,
    (id) => `/api/v1/projects/${id}`,
    2,
  ],
  [
    'membership (history)',
    `SELECT m.id, count(e.id) AS n FROM memberships m LEFT JOIN membership_events e ON e.membership_id = m.id GROUP BY m.id ORDER BY n, m.id`,
    (id) => `/api/v1/memberships/${id}`,
    4,
  ],
  [
    'meeting (agenda, invitation counts)',
    `SELECT m.id, count(a.id) AS n FROM meetings m LEFT JOIN meeting_agenda_items a ON a.meeting_id = m.id GROUP BY m.id ORDER BY n, m.id`,
    (id) => `/api/v1/meetings/${id}`,
    7,
  ],
  [
    'meeting invitations',
    `SELECT m.id, count(i.comune_id) AS n FROM meetings m LEFT JOIN meeting_invitations i ON i.meeting_id = m.id GROUP BY m.id ORDER BY n, m.id`,
    (id) => `/api/v1/meetings/${id}/invitations?pageSize=100`,
    11,
  ],
  [
    'working group (members)',
    `SELECT g.id, count(m.comune_id) AS n FROM working_groups g LEFT JOIN working_group_members m ON m.working_group_id = g.id GROUP BY g.id ORDER BY n, g.id`,
    (id) => `/api/v1/working-groups/${id}`,
    4,
  ],
  [
    'practice (tags)',
    `SELECT p.id, cardinality(p.tags) AS n FROM practices p ORDER BY n, p.id`,
    (id) => `/api/v1/practices/${id}`,
    3,
  ],
];

describe('statements per record do not grow with its children', () => {
  it.each(DETAILS)('%s: %#', async (_name, sql, path, expected) => {
    const [few, many] = await fewestAndMost(sql);
    const cost = { few: await statements(path(few)), many: await statements(path(many)) };
    expect(cost).toEqual({ few: expected, many: expected });
  });
});

describe('the other reads', () => {
  it.each([
    ['/api/v1/auth/me', 2],
    ['/api/v1/stats/dashboard', 11],
    ['/api/v1/practices/tags', 3],
    ['/api/v1/outbox/overview', 3],
    ['/api/v1/audit-events/actors?search=coopera', 3],
  ])('%s costs %i statements', async (path, expected) => {
    expect(await statements(path)).toBe(expected);
  });

  it("a referent's directory costs what the secretariat's does: row-level security adds no statement", async () => {
    expect(await statements('/api/v1/comuni?pageSize=50', referent)).toBe(await statements('/api/v1/comuni?pageSize=50'));
  });
});
