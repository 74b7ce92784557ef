import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, TestApp } from '../test-app';
import { AppRoute, isWriteRoute, listAppRoutes } from '../app-routes';
import { excerpt, FuzzCase, judge, judgeAnswer, planRoute, prepare, Prepared, REFUSALS } from './fuzz/cases';
import { queryCases, queryRequest } from './fuzz/query-cases';
import { buildWorld, FuzzWorld, RouteFixture } from './fuzz/route-fixtures';
import { CaseScheduler } from './fuzz/scheduler';
import { StampedRow, WriteProbe } from './fuzz/write-probe';

/*
 * Generated bad input (issue 8) on every write route the app has: never a 5xx; every refusal a
 * problem+json 400/404/409/413/414/415/422 (or a 401/403 the route's fixture documents); a 2xx
 * only for a request that may be valid; and nothing written by a refused request. Bodies are
 * valid seeds mutated from the DTOs' own validation metadata (a field dropped, retyped, past its
 * limit, odd text…), so that the rules behind "is an object" are reached; path parameters,
 * query strings, content types and multipart uploads are generated too. The routes that read a
 * query string get generated ones as well, and must not write either.
 *
 *   FUZZ_SEED=123 FUZZ_RUNS=200 FUZZ_QUERY_RUNS=50 FUZZ_LANES=3 npm run test:faults -- bad-input
 *
 * A failure prints the route, the shrunk request (`drop title (required)`, `"x"×1048577`), the
 * answer, and the seed and path that replay it (fc's `{ seed, path }`). FUZZ_LOG=1 logs the
 * stack of each 5xx. Cases per route, statuses and times: the table printed at the end and
 * tmp/faults/bad-input.json.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_211_207);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1_000);
const QUERY_RUNS = Number(process.env['FUZZ_QUERY_RUNS'] ?? 100);
/** Routes fuzzed at a time: the API waits on the database most of the time. */
const LANES = Number(process.env['FUZZ_LANES'] ?? 3);
const REPORT = join(__dirname, '../../../../tmp/faults/bad-input.json');

let t: TestApp;
let world: FuzzWorld;
let probe: WriteProbe;
let routes: AppRoute[];

beforeAll(async () => {
  t = await startTestApp({
    // Nothing may write behind the requests' backs: the outbox worker sleeps through the test.
    MAIL_POLL_MS: '3600000',
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_LIMIT_PER_IP: '1000000',
    LOGIN_LIMIT_PER_ACCOUNT: '1000000',
    // Load shedding answers 503 when the machine is busy: not what is tested here.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    // FUZZ_LOG=1 shows the stack of every 5xx.
    LOG_LEVEL: process.env['FUZZ_LOG'] === '1' ? 'error' : 'silent',
  });
  routes = listAppRoutes(t.app).filter(isWriteRoute);
  world = await buildWorld(t);
  probe = await WriteProbe.open(t.ownerUrl, t.dataDir);
  fc.configureGlobal({ seed: SEED, numRuns: RUNS });
}, 120_000);

afterAll(async () => {
  await probe?.close();
  await t?.close();
});

interface RouteStats {
  route: string;
  cases: number;
  accepted: number;
  refused: Record<string, number>;
  ms: number;
  failure?: string;
}

it('fuzzes every write route of the app (a new route without a fixture fails here)', () => {
  const keys = routes.map((r) => r.key);
  expect(keys.length).toBeGreaterThan(40);
  expect(keys.filter((k) => !world.fixtures[k])).toEqual([]);
  expect(Object.keys(world.fixtures).filter((k) => !keys.includes(k))).toEqual([]);
});

it('sees what a request commits, and only that: its probe is what "writes nothing" rests on', async () => {
  const group = () => `Tavolo ${randomUUID().slice(0, 8)}`;
  await probe.reset();
  expect(await probe.written()).toEqual({ rows: [], files: false });
  await probe.reset();
  await t.sql(`INSERT INTO working_groups (name, version) VALUES ($1, 1)`, [group()]);
  expect((await probe.written()).rows.map((r) => r.table)).toEqual(['public.working_groups']);
  // A transaction rolled back (as a refused request's is) leaves nothing.
  await probe.reset();
  await t.sql(`BEGIN`);
  await t.sql(`INSERT INTO working_groups (name, version) VALUES ($1, 1)`, [group()]);
  await t.sql(`ROLLBACK`);
  expect(await probe.written()).toEqual({ rows: [], files: false });
  // A batch of requests that all had to be refused, one of which wrote.
  const scheduler = new CaseScheduler(probe, 2);
  const [quiet, noisy] = await Promise.all([
    scheduler.together('quiet', () => Promise.resolve(400), (status) => ({ status, mayWrite: false })),
    scheduler.together('noisy', async () => (await t.sql(`INSERT INTO working_groups (name, version) VALUES ($1, 1)`, [group()]), 409), (status) => ({ status, mayWrite: false })),
  ]);
  expect(quiet.outcome).toMatchObject({ members: ['400 quiet', '409 noisy'], anyMayHaveWritten: false, rows: [expect.objectContaining({ table: 'public.working_groups' })] });
  expect(noisy.outcome).toBe(quiet.outcome);
  // And a file in the data folder.
  await probe.reset();
  writeFileSync(join(t.dataDir, `probe-${randomUUID()}.txt`), 'x');
  expect((await probe.written()).files).toBe(true);
});

it(
  'never answers 5xx, refuses with problem+json and writes nothing when it refuses',
  async () => {
    const startedAt = performance.now();
    const cpuAtStart = process.cpuUsage();
    const scheduler = new CaseScheduler(probe, LANES);
    // LANES routes at a time, each with its own property run.
    const queue = [...routes];
    const stats: RouteStats[] = [];
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let route = queue.shift(); route; route = queue.shift()) {
          const fixture = world.fixtures[route.key];
          if (fixture) stats.push(await fuzzRoute(route, fixture, scheduler)); // else reported by the test above
        }
      }),
    );
    stats.sort((a, b) => a.route.localeCompare(b.route));

    const total = stats.reduce((sum, s) => sum + s.cases, 0);
    const cpu = process.cpuUsage(cpuAtStart);
    const seconds = Math.round((performance.now() - startedAt) / 1000);
    console.log(
      [
        `bad input: ${total} cases on ${stats.length} write routes in ${seconds} s (${LANES} routes at a time; ${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU in this process), seed ${SEED}`,
        'cases   2xx      ms  route  refusals',
        ...stats.map((s) => `${String(s.cases).padStart(5)} ${String(s.accepted).padStart(5)} ${String(s.ms).padStart(7)}  ${s.route}  ${JSON.stringify(s.refused)}`),
      ].join('\n'),
    );
    mkdirSync(join(REPORT, '..'), { recursive: true });
    writeFileSync(REPORT, JSON.stringify({ seed: SEED, runs: RUNS, lanes: LANES, total, seconds, routes: stats }, null, 2));

    expect(stats.filter((s) => s.failure).map((s) => s.failure)).toEqual([]);
    expect(stats.filter((s) => s.cases < RUNS).map((s) => `${s.route}: ${s.cases}`)).toEqual([]);
    // A route that never accepted a generated request was only fuzzed at its door.
    expect(stats.filter((s) => s.accepted === 0 && !world.fixtures[s.route]?.neverAccepts).map((s) => s.route)).toEqual([]);
  },
  30 * 60_000,
);

it(
  'never answers 5xx to generated query strings on the routes that read one, and reads write nothing',
  async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    const reads = listAppRoutes(t.app).filter((r) => r.method === 'GET' && r.query);
    expect(reads.length).toBeGreaterThan(10);
    const scheduler = new CaseScheduler(probe, LANES);
    const failures: string[] = [];
    const counts: string[] = [];
    await Promise.all(
      reads.map(async (route) => {
        let cases = 0;
        const details = await fc.check(
          fc.asyncProperty(queryCases(route, world.allIds.length), async (c) => {
            const request = queryRequest(route, c, world.allIds, world.auth);
            const { result: res, outcome } = await scheduler.together(`GET ${String(request.url)}`, () => fastify.inject(request), (r) => ({
              status: r.statusCode,
              mayWrite: false,
            }));
            cases++;
            const problem = judgeAnswer(res, REFUSALS, 'any');
            if (problem) throw new Error(`GET ${excerpt(String(request.url), 600)}\n  ${problem}: ${excerpt(res.body)}`);
            if (outcome.rows.length || outcome.files) throw new Error(`a read wrote: ${outcome.members.join('; ')} ${JSON.stringify(outcome.rows).slice(0, 600)}`);
          }),
          { numRuns: QUERY_RUNS },
        );
        counts.push(`${String(cases).padStart(5)}  ${route.key}`);
        if (details.failed) failures.push(`${route.key}\n  ${String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance)}\n${fc.defaultReportMessage(details) ?? ''}`);
      }),
    );
    console.log([`query strings: ${QUERY_RUNS} cases on each of ${reads.length} routes that read one`, ...counts.sort()].join('\n'));
    expect(failures).toEqual([]);
  },
  10 * 60_000,
);

/** RUNS generated cases on one route; the first failure is shrunk and reported, not thrown. */
async function fuzzRoute(route: AppRoute, fixture: RouteFixture, scheduler: CaseScheduler): Promise<RouteStats> {
  const fastify = t.app.getHttpAdapter().getInstance();
  const plan = await planRoute(route, fixture, world);
  const row: RouteStats = { route: route.key, cases: 0, accepted: 0, refused: {}, ms: 0 };
  const started = performance.now();

  const count = (res: LightMyRequestResponse) => {
    row.cases++;
    if (res.statusCode < 300) {
      row.accepted++;
      world.forgetVersions(); // the seeds read versions again
    } else row.refused[res.statusCode] = (row.refused[res.statusCode] ?? 0) + 1;
  };
  const wrote = (rows: StampedRow[], files: boolean) => {
    const unexpected = rows.filter((r) => !fixture.refusalMayWrite?.(r));
    if (!unexpected.length && !files) return null;
    return `${files ? 'files in the data folder; ' : ''}${unexpected.map((r) => `${r.table} ${excerpt(JSON.stringify(r.row), 200)}`).join('; ')}`;
  };

  const run = async (c: FuzzCase): Promise<void> => {
    // A fresh caller is written while preparing: then the request runs alone, after it.
    const early = fixture.freshCaller ? null : await prepare(plan, c, world);
    let res: LightMyRequestResponse;
    let prepared: Prepared;
    let written: string | null = null;
    if (early?.verdict === 'refuse') {
      // Must be refused: it may share its window with other such requests.
      prepared = early;
      const { result, outcome } = await scheduler.together(
        early.description,
        () => fastify.inject(early.options),
        (r) => ({ status: r.statusCode, mayWrite: r.statusCode < 300 }),
      );
      res = result;
      if (res.statusCode >= 300 && !outcome.anyMayHaveWritten) {
        const what = wrote(outcome.rows, outcome.files);
        if (what) written = `one of these requests, all refused, wrote ${what}\n    ${outcome.members.map((m) => excerpt(m, 300)).join('\n    ')}`;
      }
    } else {
      // May be accepted (and write): alone, between two probes.
      ({ res, prepared, written } = await scheduler.alone(async (p) => {
        const ready = early ?? (await prepare(plan, c, world));
        await p.reset();
        const answer = await fastify.inject(ready.options);
        if (answer.statusCode < 300) return { res: answer, prepared: ready, written: null };
        const after = await p.written();
        return { res: answer, prepared: ready, written: wrote(after.rows, after.files) };
      }));
    }
    count(res);
    const problem = judge(plan, prepared, res);
    if (problem) throw new Error(`${excerpt(prepared.description, 1500)}\n  ${problem}: ${excerpt(res.body)}`);
    if (written) throw new Error(`${excerpt(prepared.description, 1500)}\n  refused with ${res.statusCode}, but ${written}`);
  };

  world.forgetVersions();
  const details = await fc.check(fc.asyncProperty(plan.arbitrary, run));
  row.ms = Math.round(performance.now() - started);
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    row.failure = `${route.key}\n  ${error}\n${fc.defaultReportMessage(details) ?? ''}`;
  }
  return row;
}
