import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BackupError } from './backup-error';
import { candidateDirs, chooseDump, findAll, FoundTool } from './pg-tools';
import { clientEnvironment, connect, databaseOf, locateDatabase } from './server';

export interface BackupOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** The archive to write; null: `<dataDir>/backups/coopera-<database>-<UTC time>.dump`. */
  out: string | null;
  /** Overwrite an existing archive. */
  force: boolean;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  now?: Date;
}

export interface BackupReport {
  file: string;
  bytes: number;
  tables: number;
  ms: number;
  pgDump: FoundTool;
  serverVersion: string;
}

/**
 * `pg_dump --format=custom` of the Coopera database: one consistent snapshot (pg_dump reads in a
 * single repeatable-read transaction, so the app may keep writing), compressed, restorable table
 * by table. Written beside its final name and renamed once complete, so that a file with the
 * final name is always a whole archive; then read back with `pg_restore --list`.
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
    const dirs = candidateDirs(options.env);
    const pgDump = chooseDump(await findAll('pg_dump', dirs), serverMajor, serverVersion);
    const file = resolve(options.out ?? join(options.dataDir, 'backups', `coopera-${database}-${stamp(options.now ?? new Date())}.dump`));
    if (existsSync(file) && !options.force) throw new BackupError(`${file} already exists: choose another file, or pass --force to replace it.`);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });

    options.log(`Backing up ${location.description}, PostgreSQL ${serverVersion}, with ${pgDump.path} ${pgDump.version}`);
    const partial = `${file}.partial`;
    const { dbname, env } = clientEnvironment(location.url, options.env);
    try {
      await run(pgDump.path, ['--format=custom', '--lock-wait-timeout=30s', '--no-password', `--file=${partial}`, `--dbname=${dbname}`], env);
      // The archive holds password hashes and personal data: readable by its owner only.
      chmodSync(partial, 0o600);
      const pgRestore = join(dirname(pgDump.path), 'pg_restore');
      if (existsSync(pgRestore)) await run(pgRestore, ['--list', partial], env);
      renameSync(partial, file);
    } finally {
      rmSync(partial, { force: true });
    }
    return { file, bytes: statSync(file).size, tables, ms: Date.now() - started, pgDump, serverVersion };
  } finally {
    await location.close();
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
