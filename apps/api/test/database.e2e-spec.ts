import { DataSource } from 'typeorm';
import { APP_ROLE } from '../src/database/app-role';
import { createDataSource } from '../src/database/data-source';
import { assertConfined, prepareSchema } from '../src/database/database-setup';
import { onServer } from './test-database';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('schema', () => {
  it('matches the entities exactly: a change without its migration fails here', async () => {
    const ds: DataSource = createDataSource({ url: t.ownerUrl, poolSize: 1 });
    await ds.initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
      expect(await ds.showMigrations()).toBe(false); // nothing pending
    } finally {
      await ds.destroy();
    }
  });

  it('loads the reference data idempotently', async () => {
    await prepareSchema(t.ownerUrl, () => undefined);
    const [row] = await t.sql<{ n: string; distinct: string }>(
      'SELECT count(*) AS n, count(DISTINCT istat_code) AS distinct FROM comuni',
    );
    expect(row).toEqual({ n: '400', distinct: '400' });
  });
});

describe('the application role', () => {
  it('serves requests as the confined role', async () => {
    const [row] = await onServer(t.appUrl, async (c) => (await c.query('SELECT current_user AS role')).rows);
    expect(row).toEqual({ role: APP_ROLE });
  });

  it('is not superuser, has no BYPASSRLS and owns no table', async () => {
    const [role] = await t.sql<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [APP_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await t.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1", [
      APP_ROLE,
    ]);
    expect(owned).toEqual([]);
  });

  it('can read the directory but not change it or the schema', async () => {
    await onServer(t.appUrl, async (c) => {
      expect((await c.query('SELECT count(*)::int AS n FROM comuni')).rows[0]).toEqual({ n: 400 });
      await expect(c.query("UPDATE comuni SET name = 'x'")).rejects.toThrow(/permission denied/);
      await expect(c.query('CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied/);
    });
  });

  it('is refused as the owner: the API will not serve as a role that bypasses row-level security', async () => {
    await expect(assertConfined(t.ownerUrl)).rejects.toThrow(/refuses to serve as database role/);
  });
});
