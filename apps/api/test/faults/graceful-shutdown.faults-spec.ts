import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiExit, ApiProcess, DEMO_EMAIL, FaultCluster, startApi, startFaultCluster, uniquePartitaIva } from './support';

/**
 * SIGTERM, as an orchestrator sends it on a deploy or a scale-down, while the API is busy. The
 * load balancer must learn at once (readiness 503) while requests are still served; whatever was
 * accepted completes; the mail worker stops after the message it is sending; the process exits 0.
 */

const DRAIN_MS = 2_000;
const EXIT_WITHIN_MS = 10_000;
/** A real load balancer needs a few failed probes before it stops sending: this much after the first 503. */
const BALANCER_LAG_MS = 500;
const REQUESTS_PER_SECOND = 30;
/** Fewer than the API's pool (10): each holds a connection while it waits. */
const IN_FLIGHT = 8;

interface Outcome {
  what: string;
  sentAt: number;
  endedAt: number;
  status: number | null;
  /** Bytes of the body as received; null when the transfer failed. */
  body: string | null;
  error: string | null;
}

let db: FaultCluster;

beforeAll(async () => {
  db = await startFaultCluster('coopera-shutdown');
}, 120_000);

afterAll(async () => {
  await db?.destroy();
});

describe('SIGTERM', () => {
  let api: ApiProcess;
  afterEach(async () => {
    await api?.dispose();
  });

  it('turns not ready at once, serves on during the drain, lets the mail worker finish its message, exits 0', async () => {
    api = await startApi({
      databaseUrl: db.databaseUrl,
      // Load shedding on event-loop lag and use has tests of its own: here every request must be
      // served, however busy the shared machine running the tests is.
      env: { SHUTDOWN_DRAIN_MS: String(DRAIN_MS), MAIL_POLL_MS: '20', MAX_EVENT_LOOP_DELAY_MS: '0', MAX_EVENT_LOOP_UTILIZATION_PERCENT: '0' },
    });
    const token = await api.signIn(DEMO_EMAIL.SECRETARIAT);
    const run = randomBytes(4).toString('hex');
    const outcomes: Promise<Outcome>[] = [];
    const probes: { sentAt: number; endedAt: number; status: number | null }[] = [];
    let balancerSendsUntil = Number.POSITIVE_INFINITY;

    // A load balancer: asks for readiness every 100 ms and, a little after a 503, stops sending.
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const sentAt = Date.now();
        const status = await fetch(`${api.url}/api/health/ready`).then((r) => r.arrayBuffer().then(() => r.status), () => null);
        probes.push({ sentAt, endedAt: Date.now(), status });
        if (status !== 200 && balancerSendsUntil === Number.POSITIVE_INFINITY) balancerSendsUntil = Date.now() + BALANCER_LAG_MS;
        await pause(100);
      }
    })();
    let n = 0;
    const load = setInterval(() => {
      if (Date.now() >= balancerSendsUntil) return;
      const i = n++;
      outcomes.push(i % 2 === 0 ? send(api, token, 'GET', '/api/v1/enti-gestori?pageSize=20') : createEnte(api, token, run, i));
    }, 1000 / REQUESTS_PER_SECOND);

    await pause(1_000);
    // Plenty of mail, so that the worker is mid-queue when the signal comes.
    const queued = await queueMail(run, 3_000);
    await pause(1_000);
    expect(api.alive).toBe(true);

    const signalledAt = Date.now();
    const exit = await api.stop('SIGTERM');
    clearInterval(load);
    probing = false;
    await prober;
    const results = await Promise.all(outcomes);

    const afterSignal = probes.filter((p) => p.sentAt >= signalledAt + 50);
    const notReadyAt = afterSignal.find((p) => p.status === 503)?.endedAt ?? Number.POSITIVE_INFINITY;
    // Still listening, and saying 503, until the drain period is nearly over.
    const duringDrain = afterSignal.filter((p) => p.sentAt <= signalledAt + DRAIN_MS - 300);
    const servedDuringDrain = results.filter((r) => r.sentAt > notReadyAt && r.status !== null && r.status < 300);
    const failed = results.filter((r) => r.status === null || r.status >= 300);
    const mail = await mailState(run);
    // Delivered files are named `<date>-<outbox id>.eml`.
    const delivered = new Set(readdirSync(join(api.dataDir, 'mail')).filter((f) => f.endsWith('.eml')).map((f) => f.slice(-40, -4)));
    const ourFiles = mail.all.filter((id) => delivered.has(id));

    console.log(
      [
        `Graceful shutdown (drain ${DRAIN_MS} ms) under ${REQUESTS_PER_SECOND} requests/s`,
        `exit code ${exit.code} ${exit.ms} ms after SIGTERM; readiness 503 ${notReadyAt - signalledAt} ms after it`,
        `requests ${results.length}, failed ${failed.length}, served after readiness turned 503: ${servedDuringDrain.length}`,
        `mail queued ${queued}: sent ${mail.sent.length}, files written ${ourFiles.length}, pending ${mail.pending}, left locked ${mail.locked}`,
      ].join('\n'),
    );

    expect(exit.code).toBe(0);
    expect(exit.ms).toBeGreaterThanOrEqual(DRAIN_MS);
    expect(exit.ms).toBeLessThan(EXIT_WITHIN_MS);
    expect(afterSignal[0]?.status).toBe(503);
    expect(duringDrain.length).toBeGreaterThanOrEqual(3);
    expect(duringDrain.map((p) => p.status)).toEqual(duringDrain.map(() => 503));
    expect(failed.map((r) => `${r.what}: ${r.status ?? r.error}`)).toEqual([]);
    expect(servedDuringDrain.length).toBeGreaterThan(0);
    // The worker was interrupted mid-queue, finished the message it held, and released the rest.
    expect(mail.sent.length).toBeGreaterThan(0);
    expect(mail.pending).toBeGreaterThan(0);
    expect(mail.locked).toBe(0);
    expect(mail.pendingAttempted).toBe(0);
    // Each message sent is recorded as such, and nothing recorded was left unsent.
    expect(ourFiles).toEqual(mail.sent);
  });

  it('completes the requests in flight when the listener closes, then exits 0', async () => {
    api = await startApi({ databaseUrl: db.databaseUrl, env: { SHUTDOWN_DRAIN_MS: '0' } });
    const token = await api.signIn(DEMO_EMAIL.SECRETARIAT);
    const run = randomBytes(4).toString('hex');

    // The test holds a lock that new enti gestori wait for: the writes stay inside their transaction.
    const blocker = new Client({ connectionString: db.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE enti_gestori IN SHARE MODE');
    const writes = Array.from({ length: IN_FLIGHT }, (_, i) => createEnte(api, token, run, i));
    let exit: ApiExit & { ms: number };
    try {
      await until(async () => (await waitingOnLock()) === IN_FLIGHT);
      const signalled = api.stop('SIGTERM');
      // The listener closes while they wait: a new connection is refused from then on.
      await until(() => fetch(`${api.url}/api/health`).then(() => false, () => true));
      expect(api.alive).toBe(true);
      await blocker.query('COMMIT');
      exit = await signalled;
    } finally {
      await blocker.end();
    }
    const results = await Promise.all(writes);

    console.log(`In flight when the listener closed: ${IN_FLIGHT} writes; exit code ${exit.code} after ${exit.ms} ms`);
    expect(results.map((r) => r.status ?? r.error)).toEqual(results.map(() => 201));
    expect(results.map((r) => (JSON.parse(r.body ?? '{}') as { name?: string }).name).sort()).toEqual(
      Array.from({ length: IN_FLIGHT }, (_, i) => `Shutdown ${run} ${i}`).sort(),
    );
    expect(await sql(`SELECT 1 FROM enti_gestori WHERE name LIKE $1`, [`Shutdown ${run} %`])).toHaveLength(IN_FLIGHT);
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(EXIT_WITHIN_MS);
  });
});

async function send(api: ApiProcess, token: string, method: string, path: string, body?: unknown): Promise<Outcome> {
  const sentAt = Date.now();
  const what = `${method} ${path}`;
  try {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { what, sentAt, endedAt: Date.now(), status: res.status, body: text, error: null };
  } catch (error) {
    return { what, sentAt, endedAt: Date.now(), status: null, body: null, error: String(error) };
  }
}

function createEnte(api: ApiProcess, token: string, run: string, n: number): Promise<Outcome> {
  return send(api, token, 'POST', '/api/v1/enti-gestori', { name: `Shutdown ${run} ${n}`, taxCode: uniquePartitaIva(run, n), legalForm: 'ASSOCIAZIONE' });
}

/** Messages to Palermo (which has a demo referent), written straight into the outbox. */
async function queueMail(run: string, count: number): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `WITH queued AS (
       INSERT INTO mail_outbox (kind, dedupe_key, comune_id, subject, text_body)
       SELECT 'CONVOCATION', 'shutdown-' || $1 || '-' || i, (SELECT id FROM comuni WHERE istat_code = '082053'),
              'Convocazione di prova ' || i, 'Messaggio di prova.'
       FROM generate_series(1, $2::int) AS i
       RETURNING 1)
     SELECT count(*)::int AS n FROM queued`,
    [run, count],
  );
  return row?.n ?? 0;
}

async function mailState(run: string): Promise<{ all: string[]; sent: string[]; pending: number; locked: number; pendingAttempted: number }> {
  const rows = await sql<{ id: string; status: string; locked: boolean; attempts: number }>(
    `SELECT id, status, locked_until IS NOT NULL AS locked, attempts FROM mail_outbox WHERE dedupe_key LIKE $1 ORDER BY id`,
    [`shutdown-${run}-%`],
  );
  const pending = rows.filter((r) => r.status === 'PENDING');
  return {
    all: rows.map((r) => r.id),
    sent: rows.filter((r) => r.status === 'SENT').map((r) => r.id),
    pending: pending.length,
    locked: rows.filter((r) => r.locked).length,
    pendingAttempted: pending.filter((r) => r.attempts > 0).length,
  };
}

async function sql<R extends object>(text: string, params: unknown[]): Promise<R[]> {
  const client = new Client({ connectionString: db.databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Writes of the API waiting for a lock: they are inside their transaction, in flight. */
async function waitingOnLock(): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'coopera-api' AND wait_event_type = 'Lock'`,
    [],
  );
  return row?.n ?? 0;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await pause(50);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
