// npm run db:backup -- [FILE] [--database-url=URL] [--format=auto|pg_dump|builtin] [--force]
// npm run db:restore -- FILE [--database-url=URL] [--force]
// Run by ts-node like the other db:* scripts (package.json), so that they reuse the API's
// embedded PostgreSQL driver from its TypeScript source.
import { resolve } from 'node:path';
import { backup, BackupFormat } from './backup';
import { BackupError } from './backup-error';
import { restore } from './restore';

const USAGE = `Usage:
  npm run db:backup -- [FILE] [--database-url=URL] [--format=auto|pg_dump|builtin] [--force]
  npm run db:restore -- FILE [--database-url=URL] [--force]

db:backup writes an archive of the Coopera database to FILE (default
COOPERA_DATA_DIR/backups/coopera-<database>-<UTC time>.dump); --force replaces an existing FILE.
--format: pg_dump (its custom format; needs a pg_dump at least as new as the server), builtin
(Coopera's own format; needs no client program), or auto (the default: pg_dump if one fits,
else builtin).
db:restore restores either kind (it tells them apart by their first bytes) into a database that
is missing or empty; --force drops one that holds data first. The API must be stopped for a restore.

The database: --database-url, else DATABASE_URL, else the embedded PostgreSQL of npm start in
COOPERA_DATA_DIR (default .data), used while Coopera runs or started for the occasion.
pg_dump and pg_restore: PG_BIN_DIR if set, else the newest suitable ones found on this machine.`;

class UsageError extends Error {}

interface Arguments {
  file: string | null;
  databaseUrl: string | null;
  format: BackupFormat | null;
  force: boolean;
}

const FORMATS: readonly BackupFormat[] = ['auto', 'pg_dump', 'builtin'];

function parse(argv: readonly string[], env: NodeJS.ProcessEnv): Arguments | 'help' {
  const args: Arguments = { file: null, databaseUrl: env['DATABASE_URL'] || null, format: null, force: false };
  for (const arg of argv) {
    const [, name, value] = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg) ?? [];
    if (name === undefined) {
      if (args.file !== null) throw new UsageError(`One file only: "${args.file}" and "${arg}".`);
      args.file = arg;
    } else if (name === 'help' && value === undefined) {
      return 'help';
    } else if (name === 'force' && value === undefined) {
      args.force = true;
    } else if (name === 'database-url') {
      if (!value || !/^postgres(ql)?:\/\//.test(value)) throw new UsageError('--database-url must be a postgres:// URL.');
      args.databaseUrl = value;
    } else if (name === 'format') {
      const format = FORMATS.find((f) => f === value);
      if (!format) throw new UsageError(`--format is one of ${FORMATS.join(', ')}.`);
      args.format = format;
    } else {
      throw new UsageError(`Unknown option ${arg}.`);
    }
  }
  return args;
}

async function main(command: string | undefined, argv: readonly string[]): Promise<number> {
  const env = process.env;
  const log = (line: string) => console.log(line);
  let args: Arguments | 'help';
  try {
    if (command !== 'backup' && command !== 'restore') throw new UsageError('The first argument is "backup" or "restore".');
    args = parse(argv, env);
    if (args !== 'help' && command === 'restore' && !args.file) throw new UsageError('Which backup? Name the archive: npm run db:restore -- FILE');
    if (args !== 'help' && command === 'restore' && args.format) throw new UsageError('db:restore takes no --format: it reads the format from the file.');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const dataDir = resolve(env['COOPERA_DATA_DIR'] || '.data');
  try {
    if (command === 'backup') {
      const report = await backup({ databaseUrl: args.databaseUrl, dataDir, out: args.file, force: args.force, format: args.format ?? 'auto', env, log });
      const rows = report.rows === null ? '' : `, ${report.rows} rows`;
      log(`Backup written: ${report.file} (${report.format === 'builtin' ? 'built-in format' : 'pg_dump custom format'}, ${(report.bytes / 1024).toFixed(0)} KiB, ${report.tables} tables${rows}, ${(report.ms / 1000).toFixed(1)} s).`);
    } else {
      const report = await restore({ file: String(args.file), databaseUrl: args.databaseUrl, dataDir, force: args.force, env, log });
      log(
        `Restored into database "${report.database}"${report.outcome === 'replaced' ? ' (replaced)' : ''}: ` +
          `${report.tables} tables, ${report.rows} rows, ${(report.ms / 1000).toFixed(1)} s. Start the API: it applies any newer migrations.`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`db:${command}: ${error.message}`);
    return 1;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
