import { hash } from '@node-rs/argon2';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { ARGON2_PARAMS } from '../../../apps/api/src/auth/password.service';
import { insertRows, TableSpec } from './bulk-table';
import { makeDataset } from './dataset';
import { Dataset, TABLES, TableName } from './tables';
import { migrate, prepareTarget } from './target-database';

export interface SeedOptions {
  databaseUrl: string;
  seed: number;
  scale: number;
  /** YYYY-MM-DD */
  today: string;
  reset: boolean;
  /** The password of every account. */
  password: string;
}

export interface SeedReport {
  database: 'created' | 'reused' | 'recreated';
  migrations: string[];
  /** Milliseconds per step, in order. */
  timings: [string, number][];
  /** Rows per table, counted in the database after the load. */
  counts: Record<TableName, number>;
  totalMs: number;
}

type Log = (line: string) => void;

/**
 * `npm run seed:national`: a database of its own (created, or refused if it has data), the
 * project's migrations, then the generated national dataset in one transaction of bulk inserts
 * as the owner, and VACUUM ANALYZE so that the planner and index-only scans are ready for a
 * benchmark at once.
 */
export async function seedNational(options: SeedOptions, log: Log = () => undefined): Promise<SeedReport> {
  const started = performance.now();
  const timings: [string, number][] = [];
  const step = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const result = await work();
    const ms = performance.now() - t;
    timings.push([name, ms]);
    log(`  ${name.padEnd(32)} ${(ms / 1000).toFixed(2).padStart(6)} s`);
    return result;
  };

  const database = await step('database', () => prepareTarget(options.databaseUrl, options.reset));
  const migrations = await step('migrations', () => migrate(options.databaseUrl));

  // One argon2id hash for every account (hashing each would take minutes), computed on the
  // thread pool while the dataset is generated. Its salt comes from the seed, so that two runs
  // with the same seed store the same hash.
  const salt = createHash('sha256').update(`coopera-national:${options.seed}`).digest().subarray(0, 16);
  const passwordHash = hash(options.password, { ...ARGON2_PARAMS, salt });
  const { rows, accounts } = await step('generate', () => makeDataset(options));
  const dataset: Dataset = { ...rows, users: accounts.rows(await passwordHash) };

  const client = new Client({ connectionString: options.databaseUrl, application_name: 'coopera-seed-national' });
  await client.connect();
  try {
    await client.query('BEGIN');
    // A superuser ignores row-level security; an owner that is not one is bound by it (FORCE):
    // act as an administrator, as the demo seed does.
    await client.query(`SELECT set_config('app.role', 'ADMIN', true)`);
    for (const name of Object.keys(TABLES) as TableName[]) {
      // (TypeScript cannot pair each table's spec with its rows through the union of names.)
      await step(`load ${name}`, () => insertRows(client, TABLES[name] as TableSpec<object>, dataset[name] as object[]));
    }
    await step('commit', () => client.query('COMMIT'));
    await step('vacuum analyze', () => client.query('VACUUM (ANALYZE)'));
    const tables = Object.keys(TABLES) as TableName[];
    const { rows: counted } = await client.query<Record<TableName, string>>(
      `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`,
    );
    const counts = Object.fromEntries(tables.map((t) => [t, Number(counted[0]?.[t])])) as Record<TableName, number>;
    return { database, migrations, timings, counts, totalMs: performance.now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
