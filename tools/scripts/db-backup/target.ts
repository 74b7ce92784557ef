import { Client } from 'pg';
import { APP_ROLE } from '../../../apps/api/src/database/app-role';
import { BackupError } from './backup-error';
import { connect, databaseOf, DatabaseLocation, withDatabase } from './server';

/** The target database of a restore, whichever the archive's format. */
export interface PreparedTarget {
  /** 'created': the database was new or empty; 'replaced': it held data and --force replaced it. */
  outcome: 'created' | 'replaced';
  /** The restore created the database (it did not exist): a failed restore drops it again. */
  createdDatabase: boolean;
}

/** A restore into the database of a running Coopera would pull it from under the API. */
export function refuseRunningApp(location: DatabaseLocation, dataDir: string): void {
  if (location.embedded?.pid) {
    throw new BackupError(
      `Coopera is running on ${dataDir} (its PostgreSQL has pid ${location.embedded.pid}): stop it (Ctrl-C) before restoring, ` +
        'then run db:restore again; it starts the embedded PostgreSQL by itself.',
    );
  }
}

/** Makes the target database exist and be empty; refuses one in use, or one with data unless `force`. */
export async function prepareTarget(location: DatabaseLocation, force: boolean): Promise<PreparedTarget> {
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
    return { outcome, createdDatabase: !exists };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Cannot prepare ${location.description}: ${(error as Error).message}`);
  } finally {
    await server.end();
  }
}

/** Drops the target database after a failed restore that created it. */
export async function dropDatabase(location: DatabaseLocation): Promise<void> {
  const server = await connectToServer(location);
  try {
    await server.query(`DROP DATABASE IF EXISTS ${server.escapeIdentifier(databaseOf(location.url))} WITH (FORCE)`);
  } finally {
    await server.end();
  }
}

/** The server's maintenance database, to create or drop the target. */
export async function connectToServer(location: DatabaseLocation): Promise<Client> {
  try {
    return await connect(withDatabase(location.url, 'postgres'), location.description);
  } catch {
    return connect(withDatabase(location.url, 'template1'), location.description);
  }
}

/** The tables of the database, if it has any (a missing database has none). */
export async function tablesOf(location: DatabaseLocation): Promise<string[]> {
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

/** ANALYZE (a restored database has no statistics, and the planner would guess), then count what is there. */
export async function analyzeAndCount(location: DatabaseLocation): Promise<{ tables: number; rows: number }> {
  const client = await connect(location.url, location.description);
  try {
    await client.query('ANALYZE');
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    let rows = 0;
    for (const { name } of tables) rows += Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`)).rows[0]?.n);
    return { tables: tables.length, rows };
  } finally {
    await client.end();
  }
}
