import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiProcess, DEMO_EMAIL, FaultCluster, startApi, startFaultCluster, uniquePartitaIva } from './support';

/**
 * PostgreSQL dies (immediate shutdown, as in a crash or an OOM kill) three times under a steady
 * load of writes. Nothing acknowledged may be lost or doubled, the API process must survive,
 * readiness must follow the database, and every request must get a quick, clear answer.
 */

const WRITES_PER_SECOND = 30;
const CRASHES = 3;
const STEADY_MS = 3_000;
const OUTAGE_MS = 3_000;
/** Longer than any answer may take: a request still open by then is a hang. */
const HANG_MS = 5_000;

interface WriteOutcome {
  key: string;
  startedAt: number;
  endedAt: number;
  status: number | null;
  contentType: string | null;
  retryAfter: string | null;
  error: string | null;
}

interface Probe {
  at: number;
  status: number | null;
}

interface Outage {
  startedAt: number;
  recoveredAt: number;
}

let db: FaultCluster;
let api: ApiProcess;
let token: string;

beforeAll(async () => {
  db = await startFaultCluster('coopera-crash');
  api = await startApi({ databaseUrl: db.databaseUrl });
  token = await api.signIn(DEMO_EMAIL.SECRETARIAT);
}, 120_000);

afterAll(async () => {
  await api?.dispose();
  await db?.destroy();
});

describe('the database server crashes', () => {
  it('runs on a durable server: fsync, synchronous_commit and full_page_writes on', async () => {
    expect(await durability(db.databaseUrl)).toEqual(DURABLE);
  });

  it('is durable on the embedded PostgreSQL that `npm start` starts, too', async () => {
    const own = await startApi({});
    try {
      // The server's port (4th line of its lock file) and the superuser password Coopera generated.
      const port = readFileSync(join(own.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3];
      const password = readFileSync(join(own.dataDir, '.pg-superuser-password'), 'utf8').trim();
      expect(await durability(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/coopera`)).toEqual(DURABLE);
    } finally {
      await own.dispose();
    }
  });

  it('keeps every acknowledged write through three immediate shutdowns, answering 503 meanwhile and never hanging', async () => {
    const run = randomBytes(4).toString('hex');
    const writes: Promise<WriteOutcome>[] = [];
    const probes: Probe[] = [];
    const outages: Outage[] = [];
    let counter = 0;
    let apiExited = false;
    void api.exited.then(() => (apiExited = true));

    const load = setInterval(() => writes.push(write(run, counter++)), 1000 / WRITES_PER_SECOND);
    const readiness = startProbing(probes);
    try {
      for (let crash = 0; crash < CRASHES; crash++) {
        await pause(STEADY_MS);
        const startedAt = Date.now();
        await db.cluster.stopImmediately();
        await pause(OUTAGE_MS);
        await db.cluster.restart();
        const recoveredAt = Date.now();
        outages.push({ startedAt, recoveredAt });
        await until(() => probes.some((p) => p.at > recoveredAt && p.status === 200), 15_000);
      }
      await pause(STEADY_MS);
    } finally {
      clearInterval(load);
      readiness.stop();
    }
    const outcomes = await Promise.all(writes);
    await readiness.done;

    // What was acknowledged is there, once; what was not may or may not be (its answer was lost).
    const stored = await query<{ name: string; n: number }>(
      `SELECT name, count(*)::int AS n FROM enti_gestori WHERE name LIKE $1 GROUP BY name`,
      [`Crash ${run} %`],
    );
    const storedCount = new Map(stored.map((r) => [r.name, r.n]));
    const acknowledged = outcomes.filter((o) => o.status !== null && o.status >= 200 && o.status < 300);
    const lost = acknowledged.filter((o) => storedCount.get(o.key) !== 1);
    const doubled = stored.filter((r) => r.n > 1);

    const refused = outcomes.filter((o) => o.status !== null && o.status >= 300);
    const badRefusals = refused.filter(
      (o) => o.status !== 503 || !o.contentType?.startsWith('application/problem+json') || !o.retryAfter,
    );
    const failed = outcomes.filter((o) => o.status === null);
    const slowest = Math.max(...outcomes.map((o) => o.endedAt - o.startedAt));

    const timings = outages.map((outage) => ({
      notReadyAfterMs: firstAfter(probes, outage.startedAt, 503) - outage.startedAt,
      readyAfterMs: firstAfter(probes, outage.recoveredAt, 200) - outage.recoveredAt,
      refusedDuringOutage: refused.filter((o) => o.startedAt >= outage.startedAt && o.startedAt <= outage.recoveredAt).length,
    }));

    console.log(
      [
        `Database crash: ${CRASHES} immediate shutdowns under ${WRITES_PER_SECOND} writes/s`,
        `writes sent ${outcomes.length}, acknowledged ${acknowledged.length}, acknowledged and found ${acknowledged.length - lost.length}`,
        `stored ${stored.length} (of which unacknowledged ${stored.length - acknowledged.length + lost.length}), doubled ${doubled.length}`,
        `refused ${refused.length} (503 problem+json with Retry-After: ${refused.length - badRefusals.length}), transport failures ${failed.length}`,
        `answers by status: ${JSON.stringify(countBy(outcomes, (o) => String(o.status)))}`,
        `slowest answer ${slowest} ms`,
        ...timings.map(
          (t, i) => `outage ${i + 1}: readiness 503 after ${t.notReadyAfterMs} ms, 200 ${t.readyAfterMs} ms after recovery, ${t.refusedDuringOutage} writes refused`,
        ),
      ].join('\n'),
    );

    expect(apiExited).toBe(false);
    expect(api.alive).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(CRASHES * (STEADY_MS / 1000) * WRITES_PER_SECOND * 0.8);
    expect(lost.map((o) => o.key)).toEqual([]);
    expect(doubled).toEqual([]);
    expect(failed.map((o) => `${o.key}: ${o.error}`)).toEqual([]);
    expect(badRefusals.map((o) => `${o.key}: ${o.status} ${o.contentType} retry-after=${o.retryAfter}`)).toEqual([]);
    expect(slowest).toBeLessThan(HANG_MS);
    for (const t of timings) {
      expect(t.notReadyAfterMs).toBeLessThanOrEqual(2_000);
      expect(t.readyAfterMs).toBeLessThanOrEqual(10_000);
      expect(t.refusedDuringOutage).toBeGreaterThan(0);
    }
    // And it keeps working afterwards: the pool opened fresh connections.
    expect((await write(run, counter++)).status).toBe(201);
  });
});

/** Creates an ente gestore named after `key`, which the test finds it by afterwards. */
async function write(run: string, n: number): Promise<WriteOutcome> {
  const key = `Crash ${run} ${n}`;
  const startedAt = Date.now();
  try {
    const res = await fetch(`${api.url}/api/v1/enti-gestori`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: key, taxCode: uniquePartitaIva(run, n), legalForm: 'ASSOCIAZIONE' }),
      signal: AbortSignal.timeout(HANG_MS * 3),
    });
    await res.arrayBuffer();
    return {
      key,
      startedAt,
      endedAt: Date.now(),
      status: res.status,
      contentType: res.headers.get('content-type'),
      retryAfter: res.headers.get('retry-after'),
      error: null,
    };
  } catch (error) {
    return { key, startedAt, endedAt: Date.now(), status: null, contentType: null, retryAfter: null, error: String(error) };
  }
}

/** Asks for readiness every 100 ms, as a load balancer would, recording each answer's arrival. */
function startProbing(probes: Probe[]): { stop(): void; done: Promise<void> } {
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const status = await fetch(`${api.url}/api/health/ready`, { signal: AbortSignal.timeout(HANG_MS) }).then(
        (r) => r.arrayBuffer().then(() => r.status),
        () => null,
      );
      probes.push({ at: Date.now(), status });
      await pause(100);
    }
  })();
  return { stop: () => (stopped = true), done };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function firstAfter(probes: Probe[], after: number, status: number): number {
  return probes.find((p) => p.at >= after && p.status === status)?.at ?? Number.POSITIVE_INFINITY;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await pause(50);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const DURABLE = [
  { name: 'fsync', setting: 'on' },
  { name: 'full_page_writes', setting: 'on' },
  { name: 'synchronous_commit', setting: 'on' },
];

function durability(url: string): Promise<{ name: string; setting: string }[]> {
  return query(
    `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name`,
    [],
    url,
  );
}

async function query<R extends object>(text: string, params: unknown[] = [], url = db.databaseUrl): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}
