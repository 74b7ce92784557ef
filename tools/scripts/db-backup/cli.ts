// npm run db:backup -- [FILE] [--database-url=URL] [--force]
// npm run db:restore -- FILE [--database-url=URL] [--force]
// Run by ts-node like the other db:* scripts (package.json), so that they reuse the API's
// embedded PostgreSQL driver from its TypeScript source.
import { resolve } from 'node:path';
import { backup } from './backup';
import { BackupError } from './backup-error';
import { restore } from './restore';

const USAGE = `Usage:
  npm run db:backup -- [FILE] [--database-url=URL] [--force]
  npm run db:restore -- FILE [--database-url=URL] [--force]

db:backup writes a pg_dump archive (custom format) of the Coopera database to FILE (default
COOPERA_DATA_DIR/backups/coopera-<database>-<UTC time>.dump); --force replaces an existing FILE.
db:restore restores such an archive into a database that is missing or empty; --force drops
one that holds data first. The API must be stopped for a restore.

The database: --database-url, else DATABASE_URL, else the embedded PostgreSQL of npm start in
COOPERA_DATA_DIR (default .data), used while Coopera runs or started for the occasion.
pg_dump and pg_restore: PG_BIN_DIR if set, else the newest suitable ones found on this machine.`;

class UsageError extends Error {}

interface Arguments {
  file: string | null;
  databaseUrl: string | null;
  force: boolean;
}

function parse(argv: readonly string[], env: NodeJS.ProcessEnv): Arguments | 'help' {
  const args: Arguments = { file: null, databaseUrl: env['DATABASE_URL'] || null, force: false };
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
      const report = await backup({ databaseUrl: args.databaseUrl, dataDir, out: args.file, force: args.force, env, log });
      log(`Backup written: ${report.file} (${(report.bytes / 1024).toFixed(0)} KiB, ${report.tables} tables, ${(report.ms / 1000).toFixed(1)} s).`);
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
