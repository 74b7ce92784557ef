import { PROBLEM_CONTENT_TYPE } from '@coopera/domain';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { SHED_RETRY_AFTER_SECONDS } from '../src/common/load-shedding';
import { bearer } from './factories';
import { startTestApp, TestApp } from './test-app';

/*
 * Load shedding, with its limits set low through the configuration so that a few requests pass
 * them. Requests are held in progress by a lock on the directory's table: they wait in the
 * database (or for a connection) until the test lets them go.
 */

const MAX_IN_FLIGHT = 3;
const MAX_LAG_MS = 100;

function expectShed(res: Response, reason: RegExp): void {
  expect(res.status).toBe(503);
  expect(res.headers['content-type']?.split(';')[0]).toBe(PROBLEM_CONTENT_TYPE);
  expect(res.headers['retry-after']).toBe(String(SHED_RETRY_AFTER_SECONDS));
  expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable', detail: expect.stringMatching(/retry in 2 seconds/) });
  expect((res.body as { detail: string }).detail).toMatch(reason);
}

const waitFor = async (condition: () => boolean | Promise<boolean>, what: string) => {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/**
 * Runs `work` while the directory's table is locked (`waiters` counts the requests waiting on the
 * lock), then lets them go; answers what `work` answers.
 */
async function withDirectoryLocked<T>(t: TestApp, work: (waiters: () => Promise<number>) => Promise<T>): Promise<T> {
  const locker = new Client({ connectionString: t.ownerUrl });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE comuni IN ACCESS EXCLUSIVE MODE');
    return await work(async () =>
      Number(
        (await locker.query<{ n: string }>(`SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE NOT l.granted AND d.datname = current_database()`))
          .rows[0]?.n,
      ),
    );
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    await locker.end();
  }
}

/** Directory requests, which wait while the table is locked. */
const directory = (t: TestApp, auth: { authorization: string }, count: number) =>
  Array.from({ length: count }, () => Promise.resolve(t.http.get('/api/v1/comuni?pageSize=5').set(auth)));

describe('with a cap on requests in progress, and on event-loop lag', () => {
  let t: TestApp;
  let auth: { authorization: string };
  /** When the app was ready: the lag of its first two seconds (the start's) is not held against requests. */
  let readyAt = 0;
  /** The event-loop lag as the load shedding last sampled it. */
  const lag = () => t.app.getHttpAdapter().getInstance().memoryUsage().eventLoopDelay;

  beforeAll(async () => {
    t = await startTestApp({ MAX_IN_FLIGHT_REQUESTS: String(MAX_IN_FLIGHT), MAX_EVENT_LOOP_DELAY_MS: String(MAX_LAG_MS) });
    readyAt = Date.now();
    // Starting (compiling, migrating) lags the loop of this process, which the app shares.
    await waitFor(() => lag() <= MAX_LAG_MS, 'the start to settle');
    auth = await bearer(t, 'SERVIZIO_CENTRALE');
  });
  afterAll(() => t.close());

  it(`answers 503 problem+json with Retry-After, at once, to the request past ${MAX_IN_FLIGHT} in progress; the health probes still answer`, async () => {
    const held = await withDirectoryLocked(t, async (waiters) => {
      const requests = directory(t, auth, MAX_IN_FLIGHT);
      await waitFor(async () => (await waiters()) >= MAX_IN_FLIGHT, 'the requests to wait on the lock');
      const started = Date.now();
      expectShed(await t.http.get('/api/v1/meetings').set(auth), /3 requests in progress/);
      expect(Date.now() - started).toBeLessThan(1_000);
      await t.http.get('/api/health').expect(200);
      await t.http.get('/api/health/ready').expect(200);
      return requests;
    });
    // Let go, the held requests complete, and no longer count.
    expect((await Promise.all(held)).map((r) => r.status)).toEqual(Array(MAX_IN_FLIGHT).fill(200));
    await t.http.get('/api/v1/meetings').set(auth).expect(200);
  });

  it(`answers 503 while the event loop lags more than ${MAX_LAG_MS} ms, and serves again once it catches up; liveness answers throughout`, async () => {
    await waitFor(() => Date.now() > readyAt + 2_000, 'the start’s grace to pass');
    // Keep the loop busy in 300 ms slices until the sampler (once a second) sees the lag.
    await waitFor(async () => {
      const until = Date.now() + 300;
      while (Date.now() < until) {
        // busy: this is the overload
      }
      await new Promise((resolve) => setImmediate(resolve));
      return lag() > MAX_LAG_MS;
    }, 'the lag to be seen');

    expectShed(await t.http.get('/api/v1/meetings').set(auth), /event loop \d+ ms behind/);
    await t.http.get('/api/health').expect(200);

    await waitFor(() => lag() <= MAX_LAG_MS, 'the lag to pass');
    await t.http.get('/api/v1/meetings').set(auth).expect(200);
  });
});

describe('with a cap on the requests waiting for a database connection', () => {
  const POOL = 2;
  const MAX_WAITING = 2;
  let t: TestApp;
  let auth: { authorization: string };

  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_SIZE: String(POOL), MAX_POOL_WAITING: String(MAX_WAITING), MAX_EVENT_LOOP_DELAY_MS: '0' });
    auth = await bearer(t, 'SERVIZIO_CENTRALE');
  });
  afterAll(() => t.close());

  it(`answers 503 at once while ${MAX_WAITING} requests wait for one of the ${POOL} connections, and serves again once they are free`, async () => {
    const pool = () => (t.app.get(DataSource).driver as unknown as { master: { waitingCount: number } }).master;
    const held = await withDirectoryLocked(t, async (waiters) => {
      // Two hold the connections (waiting on the lock), two more wait for a connection.
      const holding = directory(t, auth, POOL);
      await waitFor(async () => (await waiters()) >= POOL, 'the connections to be held');
      const queued = directory(t, auth, MAX_WAITING);
      await waitFor(() => pool().waitingCount >= MAX_WAITING, 'the requests to queue for a connection');
      expectShed(await t.http.get('/api/v1/meetings').set(auth), /2 waiting for the database/);
      await t.http.get('/api/health').expect(200);
      return [...holding, ...queued];
    });
    expect((await Promise.all(held)).map((r) => r.status)).toEqual(Array(POOL + MAX_WAITING).fill(200));
    await t.http.get('/api/v1/meetings').set(auth).expect(200);
  });
});

describe('with a cap on event-loop utilization, past two requests in progress', () => {
  const POOL = 2;
  const MAX_BUSY_PERCENT = 50;
  let t: TestApp;
  let auth: { authorization: string };
  let readyAt = 0;
  /** The share of the last second the loop was busy, as the load shedding last sampled it. */
  const busy = () => t.app.getHttpAdapter().getInstance().memoryUsage().eventLoopUtilized;
  /** Keeps this process's loop (which the app shares) busy in 300 ms slices until the sampler sees it. */
  const saturate = () =>
    waitFor(async () => {
      const until = Date.now() + 300;
      while (Date.now() < until) {
        // busy: this is the overload
      }
      await new Promise((resolve) => setImmediate(resolve));
      return busy() > MAX_BUSY_PERCENT / 100;
    }, 'the busy loop to be seen');

  beforeAll(async () => {
    t = await startTestApp({
      DB_POOL_SIZE: String(POOL),
      MAX_EVENT_LOOP_DELAY_MS: '0',
      MAX_EVENT_LOOP_UTILIZATION_PERCENT: String(MAX_BUSY_PERCENT),
    });
    readyAt = Date.now();
    auth = await bearer(t, 'SERVIZIO_CENTRALE');
  });
  afterAll(() => t.close());

  it('serves while no more than two requests are in progress, however busy the loop: a heavy export does not refuse the others', async () => {
    await waitFor(() => Date.now() > readyAt + 2_000, 'the start’s grace to pass');
    const held = await withDirectoryLocked(t, async (waiters) => {
      // The heavy one, held in progress; the second, answered without the database (which waits
      // on the lock too), gets its answer rather than a 503.
      const requests = directory(t, auth, 1);
      await waitFor(async () => (await waiters()) >= 1, 'the request to be held');
      await saturate();
      await t.http.get('/api/v1/no-such-thing').set(auth).expect(404);
      return requests;
    });
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200]);
  });

  it(`answers 503 while the loop is busy past ${MAX_BUSY_PERCENT} % and more than two requests are in progress; serves again once it is not`, async () => {
    await waitFor(() => Date.now() > readyAt + 2_000, 'the start’s grace to pass');
    await waitFor(() => busy() <= MAX_BUSY_PERCENT / 100, 'the loop to settle');
    const held = await withDirectoryLocked(t, async (waiters) => {
      // Two in progress, holding the connections (waiting on the lock): the next is the third.
      const requests = directory(t, auth, 2);
      await waitFor(async () => (await waiters()) >= POOL, 'the connections to be held');
      await saturate();
      expectShed(await t.http.get('/api/v1/meetings').set(auth), /busy \d+ % of the last second/);
      await t.http.get('/api/health').expect(200);
      return requests;
    });
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    await waitFor(() => busy() <= MAX_BUSY_PERCENT / 100, 'the loop to settle');
    await t.http.get('/api/v1/meetings').set(auth).expect(200);
  });
});
