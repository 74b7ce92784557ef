import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BackupError } from './backup-error';
import { run } from './backup';
import { BUILTIN_FORMAT, BUILTIN_MAGIC, builtinVersion } from './builtin-archive';
import { restoreBuiltin } from './builtin-restore';
import { candidateDirs, chooseRestore, findAll, FoundTool } from './pg-tools';
import { clientEnvironment, databaseOf, locateDatabase } from './server';
import { analyzeAndCount, prepareTarget, refuseRunningApp } from './target';

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
  /** Which kind of archive it was: pg_dump's custom format, or Coopera's built-in one. */
  format: 'pg_dump' | 'builtin';
  /** The pg_restore used; null for a built-in archive, which needs none. */
  pgRestore: FoundTool | null;
  /** 'created': the database was new or empty; 'replaced': it held data and --force replaced it. */
  outcome: 'created' | 'replaced';
}

/**
 * Restores an archive of `db:backup` into the configured database or the embedded one, by the
 * archive's own format (its first bytes say which). The target must be missing or empty (or
 * --force, which drops it and creates it again), and nobody may be connected to it: the API must
 * be stopped. Either format restores in one transaction, so a failed restore leaves an empty
 * database, never half of one.
 */
export async function restore(options: RestoreOptions): Promise<RestoreReport> {
  const started = Date.now();
  const file = resolve(options.file);
  if (archiveFormat(file) === 'builtin') return restoreBuiltin(file, options, started);

  const pgRestore = chooseRestore(await findAll('pg_restore', candidateDirs(options.env)));
  // Read the archive before touching the target: one this pg_restore cannot read changes nothing.
  await run(pgRestore.path, ['--list', file], options.env).catch((error: unknown) => {
    throw new BackupError(`${pgRestore.path} ${pgRestore.version} cannot read ${file}: ${(error as Error).message}`);
  });

  const location = await locateDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, startEmbedded: true, log: options.log });
  try {
    refuseRunningApp(location, options.dataDir);
    const { outcome } = await prepareTarget(location, options.force);
    options.log(`Restoring ${file} into ${location.description} with ${pgRestore.path} ${pgRestore.version}`);
    const { dbname, env } = clientEnvironment(location.url, options.env);
    // --no-owner: the objects belong to whoever restores (the owner of DATABASE_URL), not to the
    // role that owned them where the backup was made, which this server may not have.
    await run(pgRestore.path, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-password', `--dbname=${dbname}`, file], env);
    const { tables, rows } = await analyzeAndCount(location);
    return { database: databaseOf(location.url), tables, rows, ms: Date.now() - started, format: 'pg_dump', pgRestore, outcome };
  } finally {
    await location.close();
  }
}

/** A custom-format archive of pg_dump starts with "PGDMP", a built-in one with its magic line. */
function archiveFormat(file: string): 'pg_dump' | 'builtin' {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  if (!statSync(file).isFile()) throw new BackupError(`${file} is not a file.`);
  const head = Buffer.alloc(BUILTIN_MAGIC.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
  if (head.toString('latin1') === BUILTIN_MAGIC) {
    const version = builtinVersion(file);
    if (version === BUILTIN_FORMAT) return 'builtin';
    throw new BackupError(
      version !== null && version > BUILTIN_FORMAT
        ? `${file} is a built-in archive of format ${version}, made by a newer Coopera; this one reads format ${BUILTIN_FORMAT}. Restore it with the Coopera that made it, or a newer one.`
        : `${file} starts like a built-in archive of db:backup, but its first line is damaged.`,
    );
  }
  throw new BackupError(
    `${file} is not an archive of db:backup: it starts neither with PGDMP (pg_dump --format=custom) nor with ${BUILTIN_MAGIC} (Coopera's built-in format).`,
  );
}
