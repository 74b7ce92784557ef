import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadDemoData } from '../src/demo/demo-data';
import { beginActingFor, Db } from '../src/database/db-context';
import { newRequestScope, runInRequestScope } from '../src/database/db-scope';
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
    expect(messages.at(-1)).toMatch(/^(PREPARE coopera_final_\w+ AS .*; )?EXECUTE coopera_final_\w+(\(.*\))?; COMMIT$/s);
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
    // BEGIN, the page, the totals with COMMIT (an SQL-level prepared statement: below)
    expect(directory.map((m) => m.named)).toEqual([false, true, false]);
    const detail = await sentDuring(() => t.http.get(`/api/v1/projects/${project?.id}`).set(admin).expect(200));
    expect(detail.map((m) => m.named)).toEqual([false, false]); // BEGIN, the detail with COMMIT
  });

  it('end a read-only request with its last read: PREPAREd once per connection, then EXECUTEd with its COMMIT', async () => {
    const admin = await bearerOf('admin@coopera.example');
    // A filter no other test asks for: a totals statement no connection holds yet.
    const path = '/api/v1/comuni?pageSize=2&membership=SUSPENDED';
    const sent = await messagesDuring(async () => {
      for (let i = 0; i < POOL_SIZE * 2; i++) await t.http.get(path).set(admin).expect(200);
    });
    const finals = sent.filter((m) => m.includes('coopera_final_'));
    expect(finals).toHaveLength(POOL_SIZE * 2);
    const prepares = finals.filter((m) => m.startsWith('PREPARE '));
    expect(prepares.length).toBeGreaterThanOrEqual(1);
    expect(prepares.length).toBeLessThanOrEqual(POOL_SIZE);
    for (const m of finals) expect(m).toMatch(/EXECUTE coopera_final_\w+\('SUSPENDED'\); COMMIT$/);
    expect(sent).not.toContain('COMMIT');
    expect(connectionsInUse()).toEqual({ inUse: 0, waiting: 0 });
  });

  it("read in the write's transaction, which COMMITs on its own after them: a project read again after its change", async () => {
    const admin = await bearerOf('admin@coopera.example');
    const [project] = await t.sql<{ id: string; version: number }>(`SELECT id, version FROM projects WHERE status <> 'CLOSED' ORDER BY code LIMIT 1`);
    const sent = await messagesDuring(() =>
      t.http.patch(`/api/v1/projects/${project?.id}`).set(admin).send({ version: project?.version, responsibleOfficer: 'Final read test' }).expect(200),
    );
    expect(sent.filter((m) => m.includes('coopera_final_'))).toEqual([]);
    expect(sent.at(-1)).toBe('COMMIT');
  });

  it('leave no doubt about a statement when their message fails: the connection is not used again', async () => {
    const admin = await bearerOf('admin@coopera.example');
    // A filter of its own again (the statement's text, not its values, names it).
    const path = '/api/v1/comuni?pageSize=2&province=PA&kind=COMUNE';
    // The statement PREPAREd, then the message failing after it: the connection now holds a
    // statement the app cannot know it holds, and would fail to PREPARE it again.
    const original = Client.prototype.query;
    const send = original as (this: Client, ...args: unknown[]) => unknown;
    let failed = false;
    Client.prototype.query = function (this: Client, ...args: unknown[]): unknown {
      const [text] = args;
      if (!failed && typeof text === 'string' && text.startsWith('PREPARE coopera_final_')) {
        failed = true;
        return send.call(this, text.replace(/; EXECUTE .*$/s, '; SELECT 1 / 0'));
      }
      return send.apply(this, args);
    } as typeof Client.prototype.query;
    try {
      await t.http.get(path).set(admin).expect(500);
    } finally {
      Client.prototype.query = original;
    }
    expect(connectionsInUse()).toEqual({ inUse: 0, waiting: 0 });
    for (let i = 0; i < POOL_SIZE; i++) await t.http.get(path).set(admin).expect(200);
  });

  it('read the account alone, as a named statement, on a route without a transaction', async () => {
    const admin = await bearerOf('admin@coopera.example');
    const sent = await sentDuring(() => t.http.get('/api/v1/exports/directory.csv?pageSize=5').set(admin).expect(200));
    expect(sent[0]).toEqual({ text: 'SELECT * FROM auth_account($1)', named: true });
  });
});

describe('Db.finalQuery', () => {
  it('ends the transaction: a statement after it fails and says why, and the connection is back in the pool', async () => {
    const db = t.app.get(Db);
    const { transaction } = await db.open((client) => beginActingFor(client, { role: 'ADMIN' }));
    await runInRequestScope({ ...newRequestScope(true), transaction }, async () => {
      expect(await db.finalQuery<{ n: number }>('SELECT $1::int + 1 AS n', [41])).toEqual([{ n: 42 }]);
      await expect(db.query('SELECT 1')).rejects.toThrow(/final read \(Db\.finalQuery\) must be its last statement/);
    });
    expect(connectionsInUse()).toEqual({ inUse: 0, waiting: 0 });
    await db.close(transaction, true); // the end of the request: nothing left to commit
  });

  it('is a plain read in a request that writes, whose transaction stays open', async () => {
    const db = t.app.get(Db);
    const { transaction } = await db.open((client) => beginActingFor(client, { role: 'ADMIN' }));
    await runInRequestScope({ ...newRequestScope(false), transaction }, async () => {
      expect(await db.finalQuery<{ n: number }>('SELECT $1::int + 1 AS n', [1])).toEqual([{ n: 2 }]);
      expect(await db.query<{ open: boolean }>(`SELECT now() = statement_timestamp() AS open`)).toEqual([{ open: false }]);
    });
    await db.close(transaction, true);
    expect(connectionsInUse()).toEqual({ inUse: 0, waiting: 0 });
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
