import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedCluster } from '../../../apps/api/src/database/embedded-cluster';
import { BackupError } from './backup-error';

/** The database of the embedded server, as `openDatabase` (database-setup.ts) names it. */
export const EMBEDDED_DATABASE = 'coopera';

export interface DatabaseLocation {
  /** Owner connection of the Coopera database (it may not exist yet, for a restore). */
  url: string;
  /** For messages: which database, on which server, configured how (never the password). */
  description: string;
  /** Set when the database is the embedded one of `npm start`. */
  embedded: { pgdata: string; pid: number | null } | null;
  /** Stops the embedded server if this script started it; a server it found running is left alone. */
  close(): Promise<void>;
}

export interface LocateOptions {
  /** `--database-url`, else DATABASE_URL; null: the embedded server in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Start the embedded server when it is not running (a backup may read it, a restore must). */
  startEmbedded: boolean;
  log: (line: string) => void;
}

/**
 * The configured server, or the embedded one of `npm start`: found running through its
 * `postmaster.pid` (the port) and the superuser password file beside its folder, or started
 * here on its folder when the app is not running (it runs only while the app does).
 */
export async function locateDatabase(options: LocateOptions): Promise<DatabaseLocation> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, description: `${describeUrl(options.databaseUrl)} (DATABASE_URL)`, embedded: null, close: async () => undefined };
  }
  const pgdata = join(options.dataDir, 'pg');
  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    throw new BackupError(`No Coopera database in ${pgdata}: start Coopera once (npm start), or set DATABASE_URL to the server to use.`);
  }
  const password = readPassword(pgdata);
  const running = runningServer(pgdata);
  if (running) {
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${EMBEDDED_DATABASE}`;
    return {
      url,
      description: `the embedded PostgreSQL of ${options.dataDir} (running, pid ${running.pid}, port ${running.port})`,
      embedded: { pgdata, pid: running.pid },
      close: async () => undefined,
    };
  }
  if (!options.startEmbedded) {
    throw new BackupError(`The embedded PostgreSQL of ${options.dataDir} is not running: start Coopera (npm start), or set DATABASE_URL.`);
  }
  options.log(`Starting the embedded PostgreSQL in ${pgdata} (Coopera is not running); it stops when done.`);
  let cluster: EmbeddedCluster;
  try {
    cluster = await EmbeddedCluster.start({ dir: pgdata, durable: true });
  } catch (error) {
    throw new BackupError(`Cannot start the embedded PostgreSQL in ${pgdata}: ${messageOf(error)}`);
  }
  return {
    url: cluster.url(EMBEDDED_DATABASE),
    description: `the embedded PostgreSQL of ${options.dataDir} (started for this, port ${cluster.port})`,
    embedded: { pgdata, pid: null },
    close: () => cluster.stop(),
  };
}

/** Connects, turning the usual failures into one line that says what to do. */
export async function connect(url: string, description: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new BackupError(`Cannot connect to ${description}: ${connectionProblem(error)}`);
  }
}

export function connectionProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = messageOf(error);
  if (code === 'ECONNREFUSED') return `nothing answers there (${message}): is the PostgreSQL server running?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `unknown host (${message})`;
  if (code === '28P01' || code === '28000') return `the server refused the credentials (${message})`;
  if (code === '3D000') return `the database does not exist (${message})`;
  return message;
}

/** `postgres://user@host:port/database`, without the password. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `database "${databaseOf(url)}" on ${parsed.hostname}:${parsed.port || 5432} as ${decodeURIComponent(parsed.username) || 'the default user'}`;
}

export function databaseOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new BackupError(`The database URL names no database: ${redact(url)}`);
  return name;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * libpq connection settings for pg_dump/pg_restore: the URL without its password (so that the
 * password shows in no process list) and the password through the environment.
 */
export function clientEnvironment(url: string, env: NodeJS.ProcessEnv): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' } };
}

function readPassword(pgdata: string): string {
  const file = join(dirname(pgdata), '.pg-superuser-password');
  if (!existsSync(file)) throw new BackupError(`The embedded PostgreSQL's password file ${file} is missing: the folder was not made by Coopera.`);
  return readFileSync(file, 'utf8').trim();
}

/** The server holding `pgdata`, from its lock file, if its process is alive. */
function runningServer(pgdata: string): { pid: number; port: number } | null {
  const lock = join(pgdata, 'postmaster.pid');
  if (!existsSync(lock)) return null;
  const lines = readFileSync(lock, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null; // the lock of a server that crashed
  }
  return { pid, port };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
