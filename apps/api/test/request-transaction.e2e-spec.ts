import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadDemoData } from '../src/demo/demo-data';
import { poolOf } from '../src/database/pool';
import { startTestApp, TestApp } from './test-app';

/*
 * The request's transaction as PostgreSQL sees it: the token's account is read by the very
 * message that begins the transaction (one round trip for both), and a request the access guard
 * refuses after that message gives its connection back to the pool.
 */

const PASSWORD = 'request-transaction-1';
const POOL_SIZE = 3;
let t: TestApp;

beforeAll(async () => {
  // A small pool: a connection kept by a refused request would show at once.
  t = await startTestApp({ DB_POOL_SIZE: String(POOL_SIZE), TOTP_REQUIRED_ROLES: 'SECRETARIAT' });
  await loadDemoData(t.ownerUrl, PASSWORD);
});
afterAll(() => t.close());

async function bearerOf(email: string): Promise<{ authorization: string }> {
  const res = await t.http.post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
  return { authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
}

/** The messages the app sends PostgreSQL while `work` runs: their texts, and which were named statements. */
async function sentDuring(work: () => Promise<unknown>): Promise<{ text: string; named: boolean }[]> {
  const sent: { text: string; named: boolean }[] = [];
  const original = Client.prototype.query;
  const send = original as (this: Client, ...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]): unknown {
    const [config] = args as [string | { text: string; name?: string }];
    sent.push(typeof config === 'string' ? { text: config, named: false } : { text: config.text, named: Boolean(config.name) });
    return send.apply(this, args);
  } as typeof Client.prototype.query;
  try {
    await work();
  } finally {
    Client.prototype.query = original;
  }
  return sent;
}

async function messagesDuring(work: () => Promise<unknown>): Promise<string[]> {
  return (await sentDuring(work)).map((m) => m.text);
}

function connectionsInUse(): { inUse: number; waiting: number } {
  const pool = poolOf(t.app.get(DataSource));
  return { inUse: pool.totalCount - pool.idleCount, waiting: pool.waitingCount };
}

describe('an authenticated request', () => {
  it('reads the account in the message that begins its transaction, and sends nothing the Server-Timing count leaves out', async () => {
    const admin = await bearerOf('admin@coopera.example');
    let timing = '';
    const messages = await messagesDuring(async () => {
      const res = await t.http.get('/api/v1/comuni?pageSize=5').set(admin).expect(200);
      timing = String(res.headers['server-timing']);
    });
    expect(messages[0]).toMatch(/^START TRANSACTION; SELECT a\.\*, set_config\('app\.user_id'.* FROM auth_account\('[0-9a-f-]{36}'\) a$/);
    expect(messages.filter((m) => m.includes('auth_account'))).toHaveLength(1);
    expect(messages.at(-1)).toBe('COMMIT');
    expect(timing).toContain(`db;desc="${messages.length} queries"`);
  });

  it('acts for the account the database answered: row-level security sees its Comune', async () => {
    const referent = await bearerOf('referente.palermo@coopera.example');
    const me = await t.http.get('/api/v1/auth/me').set(referent).expect(200);
    const comuneId = (me.body as { comuneId: string }).comuneId;
    const res = await t.http.get('/api/v1/memberships').set(referent).expect(200);
    const items = (res.body as { items: { comuneId: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m) => m.comuneId === comuneId)).toBe(true);
  });
});

describe('the hot reads', () => {
  it('are named statements, planned once per connection: the directory page and totals, a project', async () => {
    const admin = await bearerOf('admin@coopera.example');
    const [project] = await t.sql<{ id: string }>(`SELECT id FROM projects ORDER BY code LIMIT 1`);
    const directory = await sentDuring(() => t.http.get('/api/v1/comuni?pageSize=5').set(admin).expect(200));
    expect(directory.map((m) => m.named)).toEqual([false, true, true, false]); // BEGIN, page, totals, COMMIT
    const detail = await sentDuring(() => t.http.get(`/api/v1/projects/${project?.id}`).set(admin).expect(200));
    expect(detail.map((m) => m.named)).toEqual([false, true, false]);
  });

  it('read the account alone, as a named statement, on a route without a transaction', async () => {
    const admin = await bearerOf('admin@coopera.example');
    const sent = await sentDuring(() => t.http.get('/api/v1/exports/directory.csv?pageSize=5').set(admin).expect(200));
    expect(sent[0]).toEqual({ text: 'SELECT * FROM auth_account($1)', named: true });
  });
});

describe('a request refused after its transaction began', () => {
  it('gives the connection back: forbidden by role, more times than the pool has connections', async () => {
    const referent = await bearerOf('referente.palermo@coopera.example');
    for (let i = 0; i < POOL_SIZE * 3; i++) await t.http.get('/api/v1/users').set(referent).expect(403);
    expect(connectionsInUse()).toEqual({ inUse: 0, waiting: 0 });
    await t.http.get('/api/v1/comuni?pageSize=1').set(referent).expect(200);
  });

  it('gives the connection back: a second factor still to set up', async () => {
    const secretariat = await bearerOf('segreteria@coopera.example');
    for (let i = 0; i < POOL_SIZE * 3; i++) await t.http.get('/api/v1/comuni?pageSize=1').set(secretariat).expect(403);
    expect(connectionsInUse()).toEqual({ inUse: 0, waiting: 0 });
  });

  it('gives the connection back: an account deactivated since its token was issued', async () => {
    const referent = await bearerOf('referente.palermo@coopera.example');
    await t.sql(`UPDATE users SET active = false WHERE email = 'referente.palermo@coopera.example'`);
    try {
      await Promise.all(Array.from({ length: POOL_SIZE * 3 }, () => t.http.get('/api/v1/comuni?pageSize=1').set(referent).expect(401)));
      expect(connectionsInUse()).toEqual({ inUse: 0, waiting: 0 });
    } finally {
      await t.sql(`UPDATE users SET active = true WHERE email = 'referente.palermo@coopera.example'`);
    }
  });
});

describe('the end of a request’s transaction', () => {
  /** Runs `work` with the next COMMIT failing as a database shutting down would fail it. */
  async function withFailingCommit<T>(work: () => Promise<T>): Promise<T> {
    const original = Client.prototype.query;
    const send = original as (this: Client, ...args: unknown[]) => unknown;
    let failed = false;
    Client.prototype.query = function (this: Client, ...args: unknown[]): unknown {
      if (!failed && args[0] === 'COMMIT') {
        failed = true;
        return send.call(this, `DO $$ BEGIN RAISE EXCEPTION 'terminating connection' USING ERRCODE = '57P01'; END $$`);
      }
      return send.apply(this, args);
    } as typeof Client.prototype.query;
    try {
      return await work();
    } finally {
      Client.prototype.query = original;
    }
  }

  it('comes before the answer: a write whose COMMIT fails is answered with its problem, and nothing of it persists', async () => {
    const admin = await bearerOf('admin@coopera.example');
    const [comune] = await t.sql<{ id: string }>(
      `SELECT c.id FROM comuni c WHERE NOT EXISTS (SELECT 1 FROM comune_profiles p WHERE p.comune_id = c.id) ORDER BY c.name LIMIT 1`,
    );
    const path = `/api/v1/comuni/${comune?.id}`;
    const res = await withFailingCommit(() => t.http.patch(path).set(admin).send({ version: 0, notes: 'lost with its commit' }));
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatchObject({ status: 503, instance: path });
    expect(await t.sql(`SELECT 1 FROM comune_profiles WHERE comune_id = $1`, [comune?.id])).toHaveLength(0);
    expect(connectionsInUse()).toEqual({ inUse: 0, waiting: 0 });

    // The same write, committed, is answered as a success and persists.
    await t.http.patch(path).set(admin).send({ version: 0, notes: 'kept' }).expect(200);
    expect(await t.sql(`SELECT notes FROM comune_profiles WHERE comune_id = $1`, [comune?.id])).toEqual([{ notes: 'kept' }]);
  });

  it('is a rollback when the answer is an error, whatever the handler wrote before failing', async () => {
    const admin = await bearerOf('admin@coopera.example');
    const sent = await messagesDuring(() => t.http.patch(`/api/v1/comuni/${'0'.repeat(8)}-0000-4000-8000-000000000000`).set(admin).send({ version: 0 }).expect(404));
    expect(sent.at(-1)).toBe('ROLLBACK');
    expect(sent).not.toContain('COMMIT');
  });
});
