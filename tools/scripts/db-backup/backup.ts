import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BackupError, messageOf } from './backup-error';
import { readArchive } from './builtin-archive';
import { writeBuiltinArchive } from './builtin-backup';
import { candidateDirs, chooseDump, dumpFor, findAll, FoundTool, noDumpReason } from './pg-tools';
import { clientEnvironment, connect, databaseOf, locateDatabase } from './server';

/**
 * pg_dump: PostgreSQL's own custom format, read by pg_restore. builtin: Coopera's own archive,
 * written and read by these scripts over an ordinary connection, needing no client programs.
 * auto: pg_dump when one here can read the server, else builtin.
 */
export type BackupFormat = 'auto' | 'pg_dump' | 'builtin';

export interface BackupOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** The archive to write; null: `<dataDir>/backups/coopera-<database>-<UTC time>.dump`. */
  out: string | null;
  /** Overwrite an existing archive. */
  force: boolean;
  /** Default 'auto'. */
  format?: BackupFormat;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  now?: Date;
}

export interface BackupReport {
  file: string;
  bytes: number;
  tables: number;
  /** Rows archived: counted by the built-in format, null for pg_dump (which does not say). */
  rows: number | null;
  ms: number;
  format: 'pg_dump' | 'builtin';
  /** The pg_dump used; null for the built-in format. */
  pgDump: FoundTool | null;
  serverVersion: string;
}

/**
 * An archive of the Coopera database: `pg_dump --format=custom` when a pg_dump here can read the
 * server, else (or when asked) Coopera's built-in format (builtin-backup.ts), which needs no client
 * program: the embedded server is PostgreSQL 18 and ships none. Either is one consistent snapshot
 * (a single repeatable-read transaction, so the app may keep writing), compressed, readable by its
 * owner only. Written beside its final name, read back (`pg_restore --list`, or every checksum of
 * the built-in one) and only then renamed, so that a file with the final name is always whole.
 */
export async function backup(options: BackupOptions): Promise<BackupReport> {
  const started = Date.now();
  const location = await locateDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, startEmbedded: true, log: options.log });
  try {
    const database = databaseOf(location.url);
    const client = await connect(location.url, location.description);
    let serverVersion: string;
    let tables: number;
    try {
      serverVersion = String((await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v);
      tables = Number(
        (await client.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`)).rows[0]?.n,
      );
    } finally {
      await client.end();
    }
    if (tables === 0) throw new BackupError(`${location.description} has no tables: there is nothing to back up.`);

    const serverMajor = Number(/^(\d+)/.exec(serverVersion)?.[1]);
    const format = options.format ?? 'auto';
    let pgDump: FoundTool | null = null;
    let why = 'asked with --format=builtin';
    if (format !== 'builtin') {
      const found = await findAll('pg_dump', candidateDirs(options.env));
      pgDump = dumpFor(found, serverMajor);
      why = noDumpReason(found, serverMajor);
      if (!pgDump && format === 'pg_dump') {
        // Asked for pg_dump, none fits: the same refusal as ever, saying what to install, and the way without.
        try {
          chooseDump(found, serverMajor, serverVersion);
        } catch (error) {
          throw new BackupError(`${messageOf(error)} Or leave --format out: the built-in format needs no pg_dump.`);
        }
      }
    }
    const now = options.now ?? new Date();
    const file = resolve(options.out ?? join(options.dataDir, 'backups', `coopera-${database}-${stamp(now)}.dump`));
    if (existsSync(file) && !options.force) throw new BackupError(`${file} already exists: choose another file, or pass --force to replace it.`);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });

    const partial = `${file}.partial`;
    let rows: number | null = null;
    try {
      if (pgDump) {
        options.log(`Backing up ${location.description}, PostgreSQL ${serverVersion}, with ${pgDump.path} ${pgDump.version} (pg_dump's custom format)`);
        const { dbname, env } = clientEnvironment(location.url, options.env);
        await run(pgDump.path, ['--format=custom', '--lock-wait-timeout=30s', '--no-password', `--file=${partial}`, `--dbname=${dbname}`], env);
        // The archive holds password hashes and personal data: readable by its owner only.
        chmodSync(partial, 0o600);
        const pgRestore = join(dirname(pgDump.path), 'pg_restore');
        if (existsSync(pgRestore)) await run(pgRestore, ['--list', partial], env);
      } else {
        options.log(`Backing up ${location.description}, PostgreSQL ${serverVersion}, in Coopera's built-in format (${why}; it needs no client program)`);
        rows = (await writeBuiltinArchive(location.url, location.description, partial, now)).rows;
        chmodSync(partial, 0o600);
        await readArchive(partial).catch((error: unknown) => {
          throw new BackupError(`The archive just written does not read back, so it was not kept: ${messageOf(error)}`);
        });
      }
      sync(partial);
      renameSync(partial, file);
      sync(dirname(file)); // the rename itself survives a crash
    } finally {
      rmSync(partial, { force: true });
    }
    return { file, bytes: statSync(file).size, tables, rows, ms: Date.now() - started, format: pgDump ? 'pg_dump' : 'builtin', pgDump, serverVersion };
  } finally {
    await location.close();
  }
}

/** Flushes a file's or a folder's content to the disk. */
function sync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `20261101T174500Z`: sorts by time, and is a valid file name everywhere. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Runs a client program; its error output becomes the message of the failure. */
export function run(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(path, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', (error) => fail(new BackupError(`Cannot run ${path}: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) done(stdout);
      else fail(new BackupError(`${path.split('/').pop()} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' | ') || 'no message'}`));
    });
  });
}
