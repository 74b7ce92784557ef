import { Client } from 'pg';
import { createDataSource } from '../../../apps/api/src/database/data-source';

/** What `COMMENT ON DATABASE` says of a database this script made: only such a one is ever dropped. */
export const NATIONAL_DATASET_MARK = 'Coopera national dataset (npm run seed:national)';

export class RefusedTarget extends Error {}

/**
 * Makes sure the target database exists and is empty, so that the national dataset never lands
 * on top of other data (the demo's, someone's development data). A database that has rows is
 * refused; with `reset`, it is dropped and made again, but only if this script made it (its
 * comment says so): --reset never destroys a database it did not create.
 */
export async function prepareTarget(url: string, reset: boolean): Promise<'created' | 'reused' | 'recreated'> {
  const name = databaseName(url);
  const server = new Client({ connectionString: withDatabase(url, 'postgres') });
  await server.connect();
  try {
    const exists = (await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    let outcome: 'created' | 'reused' | 'recreated' = 'created';
    if (exists) {
      const { filled, marked } = await inspect(url);
      if (filled.length > 0 && !reset) {
        throw new RefusedTarget(`Database "${name}" already holds data (${filled.slice(0, 3).join(', ')}…). Pass --reset to drop and recreate it.`);
      }
      if (filled.length > 0 && !marked) {
        throw new RefusedTarget(`Database "${name}" holds data that seed:national did not load: it is not dropped, even with --reset. Drop it yourself, or choose another --database-url.`);
      }
      if (reset) {
        await server.query(`DROP DATABASE ${server.escapeIdentifier(name)} WITH (FORCE)`);
        outcome = 'recreated';
      } else outcome = 'reused';
    }
    if (outcome !== 'reused') await server.query(`CREATE DATABASE ${server.escapeIdentifier(name)}`);
    await server.query(`COMMENT ON DATABASE ${server.escapeIdentifier(name)} IS ${server.escapeLiteral(NATIONAL_DATASET_MARK)}`);
    return outcome;
  } finally {
    await server.end();
  }
}

/** The project's migrations, through the same DataSource and runner as the API (one transaction each). */
export async function migrate(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'coopera-seed-national' });
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Which tables of the database have rows (the migrations' own bookkeeping aside), and whether this script made it. */
async function inspect(url: string): Promise<{ filled: string[]; marked: boolean }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables
       WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'typeorm_migrations' ORDER BY 1`,
    );
    const filled: string[] = [];
    for (const { name } of tables) {
      const { rowCount } = await client.query(`SELECT 1 FROM ${name} LIMIT 1`);
      if (rowCount) filled.push(name);
    }
    const { rows } = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`,
    );
    return { filled, marked: rows[0]?.comment === NATIONAL_DATASET_MARK };
  } finally {
    await client.end();
  }
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new RefusedTarget(`--database-url must name a database: ${redact(url)}`);
  if (name === 'postgres' || name.startsWith('template')) throw new RefusedTarget(`Refusing to load the national dataset into the "${name}" database.`);
  return name;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
