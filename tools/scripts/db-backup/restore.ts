import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { APP_ROLE } from '../../../apps/api/src/database/app-role';
import { BackupError } from './backup-error';
import { run } from './backup';
import { candidateDirs, chooseRestore, findAll, FoundTool } from './pg-tools';
import { clientEnvironment, connect, databaseOf, DatabaseLocation, locateDatabase, withDatabase } from './server';

export interface RestoreOptions {
  file: string;
  databaseUrl: string | null;
  dataDir: string;
  /** Replace a database that holds data (it is dropped and created again). */
  force: boolean;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

export interface RestoreReport {
  database: string;
  tables: number;
  rows: number;
  ms: number;
  pgRestore: FoundTool;
  /** 'created': the database was new or empty; 'replaced': it held data and --force replaced it. */
  outcome: 'created' | 'replaced';
}

/**
 * Restores an archive of `db:backup` into the configured database or the embedded one. The
 * target must be missing or empty (or --force, which drops it and creates it again), and nobody
 * may be connected to it: the API must be stopped. pg_restore runs in one transaction and stops
 * at the first error, so a failed restore leaves an empty database, never half of one.
 */
export async function restore(options: RestoreOptions): Promise<RestoreReport> {
  const started = Date.now();
  const file = resolve(options.file);
  assertArchive(file);
  const pgRestore = chooseRestore(await findAll('pg_restore', candidateDirs(options.env)));
  // Read the archive before touching the target: one this pg_restore cannot read changes nothing.
  await run(pgRestore.path, ['--list', file], options.env).catch((error: unknown) => {
    throw new BackupError(`${pgRestore.path} ${pgRestore.version} cannot read ${file}: ${(error as Error).message}`);
  });

  const location = await locateDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, startEmbedded: true, log: options.log });
  try {
    if (location.embedded?.pid) {
      throw new BackupError(
        `Coopera is running on ${options.dataDir} (its PostgreSQL has pid ${location.embedded.pid}): stop it (Ctrl-C) before restoring, ` +
          'then run db:restore again; it starts the embedded PostgreSQL by itself.',
      );
    }
    const outcome = await prepareTarget(location, options.force);
    options.log(`Restoring ${file} into ${location.description} with ${pgRestore.path} ${pgRestore.version}`);
    const { dbname, env } = clientEnvironment(location.url, options.env);
    // --no-owner: the objects belong to whoever restores (the owner of DATABASE_URL), not to the
    // role that owned them where the backup was made, which this server may not have.
    await run(pgRestore.path, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-password', `--dbname=${dbname}`, file], env);
    const client = await connect(location.url, location.description);
    try {
      await client.query('ANALYZE');
      const { tables, rows } = await countRows(client);
      return { database: databaseOf(location.url), tables, rows, ms: Date.now() - started, pgRestore, outcome };
    } finally {
      await client.end();
    }
  } finally {
    await location.close();
  }
}

/** A custom-format archive starts with "PGDMP". */
function assertArchive(file: string): void {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  if (!statSync(file).isFile()) throw new BackupError(`${file} is not a file.`);
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== 'PGDMP') {
    throw new BackupError(`${file} is not an archive of db:backup (pg_dump --format=custom): it does not start with PGDMP.`);
  }
}

/** Makes the target database exist and be empty; refuses one in use, or one with data unless `force`. */
async function prepareTarget(location: DatabaseLocation, force: boolean): Promise<'created' | 'replaced'> {
  const name = databaseOf(location.url);
  const server = await connectToServer(location);
  try {
    const exists = (await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    let outcome: 'created' | 'replaced' = 'created';
    if (exists) {
      const sessions = await server.query<{ app: string }>(
        `SELECT coalesce(nullif(application_name, ''), 'unnamed') AS app FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      if (sessions.rowCount) {
        const apps = [...new Set(sessions.rows.map((r) => r.app))].join(', ');
        throw new BackupError(`${location.description} is in use (${sessions.rowCount} sessions: ${apps}): stop the API before restoring.`);
      }
      const filled = await tablesOf(location);
      if (filled.length) {
        if (!force) {
          throw new BackupError(
            `${location.description} is not empty (${filled.length} tables: ${filled.slice(0, 3).join(', ')}…): ` +
              'pass --force to drop it and restore the backup in its place.',
          );
        }
        await server.query(`DROP DATABASE ${server.escapeIdentifier(name)} WITH (FORCE)`);
        await server.query(`CREATE DATABASE ${server.escapeIdentifier(name)}`);
        outcome = 'replaced';
      }
      // An empty database (made for us on a managed server, say) is used as it is.
    } else {
      await server.query(`CREATE DATABASE ${server.escapeIdentifier(name)}`);
    }
    // The app role belongs to the server, not to the archive: the archive's grants and policies name it.
    await server.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    return outcome;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Cannot prepare ${location.description}: ${(error as Error).message}`);
  } finally {
    await server.end();
  }
}

/** The server's maintenance database, to create or drop the target. */
async function connectToServer(location: DatabaseLocation): Promise<Client> {
  try {
    return await connect(withDatabase(location.url, 'postgres'), location.description);
  } catch {
    return connect(withDatabase(location.url, 'template1'), location.description);
  }
}

/** The tables of the database, if it has any (a missing database has none). */
async function tablesOf(location: DatabaseLocation): Promise<string[]> {
  const client = await connect(location.url, location.description);
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

async function countRows(client: Client): Promise<{ tables: number; rows: number }> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  );
  let rows = 0;
  for (const { name } of tables) rows += Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`)).rows[0]?.n);
  return { tables: tables.length, rows };
}
