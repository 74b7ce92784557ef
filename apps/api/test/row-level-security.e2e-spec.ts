import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { Db, DbActor } from '../src/database/db-context';
import { aUser, CANICATTINI, PALERMO, TestUser } from './factories';
import { actorOf, asApp as asAppOf } from './as-app';
import { startTestApp, TestApp } from './test-app';

// Everything here runs as the application role, never as a superuser: superusers bypass RLS.
let t: TestApp;
let palermo: TestUser;
let canicattini: TestUser;
let admin: TestUser;
let centrale: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  palermo = await aUser(t, 'COMUNE_REFERENT', { comune: PALERMO });
  canicattini = await aUser(t, 'COMUNE_REFERENT', { comune: CANICATTINI });
  admin = await aUser(t, 'ADMIN');
  centrale = await aUser(t, 'SERVIZIO_CENTRALE');
});
afterAll(() => t.close());

const asApp = <T>(actor: DbActor, work: (c: Client) => Promise<T>) => asAppOf(t, actor, work);

describe('the catalog', () => {
  it('has row-level security enabled and forced on every table with a comune_id', async () => {
    const rows = await t.sql<{ table: string; enabled: boolean; forced: boolean }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'comune_id' AND NOT a.attisdropped)
      ORDER BY 1`);
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(['audit_events', 'users']));
    expect(rows.filter((r) => !r.enabled || !r.forced)).toEqual([]);
  });
});

describe('users', () => {
  const select = (c: Client) => c.query<{ id: string; comune_id: string | null }>('SELECT * FROM users');

  it('shows a referent only their own Comune’s accounts', async () => {
    const rows = (await asApp(actorOf(palermo), select)).rows;
    expect(rows.map((r) => r.id)).toContain(palermo.id);
    expect(rows.filter((r) => r.comune_id !== palermo.comuneId)).toEqual([]);
  });

  it('shows nothing without a context', async () => {
    expect((await asApp({}, select)).rows).toEqual([]);
  });

  it('reads, without a context, only the one account a token names, through auth_account', async () => {
    const found = await asApp({}, async (c) => {
      const one = (await c.query(`SELECT id, role, comune_name, active FROM auth_account($1)`, [palermo.id])).rows;
      // The function's 'authenticate' purpose ends with it: the next statement sees nothing.
      const after = (await c.query(`SELECT current_setting('app.purpose', true) AS purpose`)).rows[0] as { purpose: string };
      const others = (await c.query(`SELECT id FROM users`)).rows;
      return { one, purpose: after.purpose, others };
    });
    expect(found).toEqual({
      one: [{ id: palermo.id, role: 'COMUNE_REFERENT', comune_name: 'Palermo', active: true }],
      purpose: '',
      others: [],
    });
  });

  it('keeps auth_account a PL/pgSQL function: its query planned once per connection, not at every request', async () => {
    // A SQL function with a SET clause is never inlined and replanned at every call (~0.2 ms of
    // PostgreSQL CPU per authenticated request, migration 1765430400000).
    const [fn] = await t.sql<{ language: string; config: string[] }>(
      `SELECT l.lanname AS language, p.proconfig AS config FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.proname = 'auth_account'`,
    );
    expect(fn).toEqual({ language: 'plpgsql', config: ['app.purpose=authenticate'] });
  });

  it('shows the Servizio Centrale every account, and lets it change none', async () => {
    const ids = (await asApp(actorOf(centrale), select)).rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([palermo.id, canicattini.id, admin.id]));
    const updated = await asApp(actorOf(centrale), (c) => c.query(`UPDATE users SET name = 'x' WHERE id = $1`, [palermo.id]));
    expect(updated.rowCount).toBe(0);
    await expect(
      asApp(actorOf(centrale), (c) => c.query(`INSERT INTO users (email, name, role, version) VALUES ('x@y.z', 'x', 'ADMIN', 1)`)),
    ).rejects.toThrow(/row-level security/);
  });

  it('lets a referent update their own account but not another Comune’s', async () => {
    const own = await asApp(actorOf(palermo), (c) => c.query(`UPDATE users SET name = 'Nuovo nome' WHERE id = $1`, [palermo.id]));
    expect(own.rowCount).toBe(1);
    const other = await asApp(actorOf(palermo), (c) => c.query(`UPDATE users SET name = 'x' WHERE id = $1`, [canicattini.id]));
    expect(other.rowCount).toBe(0);
    const promoted = asApp(actorOf(palermo), (c) =>
      c.query(`UPDATE users SET role = 'ADMIN', comune_id = NULL WHERE id = $1`, [palermo.id]),
    );
    await expect(promoted).rejects.toThrow(/only an administrator/);
  });

  it('lets an admin create and change accounts', async () => {
    const inserted = await asApp(actorOf(admin), (c) =>
      c.query(`INSERT INTO users (email, name, role, version) VALUES ('new-admin@test.example', 'x', 'ADMIN', 1)`),
    );
    expect(inserted.rowCount).toBe(1);
    const moved = await asApp(actorOf(admin), (c) =>
      c.query(`UPDATE users SET comune_id = $1 WHERE id = $2`, [canicattini.comuneId, palermo.id]),
    );
    expect(moved.rowCount).toBe(1);
  });
});

describe('audit_events', () => {
  it('is append-only for the app role', async () => {
    await asApp(actorOf(admin), async (c) => {
      await c.query(`INSERT INTO audit_events (action) VALUES ('test.event')`);
      await expect(c.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/permission denied/);
    });
    await asApp(actorOf(admin), (c) => expect(c.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/));
  });

  it('is readable by admins and the secretariat only', async () => {
    await t.sql(`INSERT INTO audit_events (action, comune_id) VALUES ('test.visible', $1)`, [palermo.comuneId]);
    const count = async (actor: DbActor) =>
      (await asApp(actor, (c) => c.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'test.visible'`))).rows[0].n as number;
    expect(await count(actorOf(admin))).toBe(1);
    expect(await count({ role: 'SECRETARIAT' })).toBe(1);
    expect(await count(actorOf(palermo))).toBe(0);
    expect(await count(actorOf(centrale))).toBe(0);
  });
});

describe('context isolation on pooled connections', () => {
  it('sees zero foreign rows over 1,000 transactions alternating two tenants on one connection', async () => {
    const dataSource: DataSource = createDataSource({ url: t.appUrl, poolSize: 1 });
    await dataSource.initialize();
    const db = new Db(dataSource);
    let foreign = 0;
    let seen = 0;
    try {
      for (let i = 0; i < 1000; i++) {
        const user = i % 2 === 0 ? palermo : canicattini;
        const rows = await db.run(actorOf(user), (m) => m.query('SELECT id, comune_id FROM users') as Promise<{ comune_id: string }[]>);
        seen += rows.length;
        foreign += rows.filter((r) => r.comune_id !== user.comuneId).length;
      }
      // And a context-free transaction after them sees nothing: nothing leaked into the session.
      expect(await db.run({}, (m) => m.query('SELECT id FROM users'))).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
    expect(seen).toBeGreaterThanOrEqual(1000);
    expect(foreign).toBe(0);
  });
});
