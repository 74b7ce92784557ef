import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// tools/ is no Nx project, so the boundary rule cannot place it; a test may drive the script's modules.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { backup } from '../../../tools/scripts/db-backup/backup';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { chooseDump } from '../../../tools/scripts/db-backup/pg-tools';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { restore } from '../../../tools/scripts/db-backup/restore';
import { prepareSchema } from '../src/database/database-setup';
import { EmbeddedCluster } from '../src/database/embedded-cluster';
import { loadDemoData } from '../src/demo/demo-data';
import { cli, fingerprint, freePort, serverVersion, expectServedByApi } from './backup-helpers';

/*
 * npm run db:backup / db:restore against a server of the test's own, laid out as the embedded one
 * of `npm start` (COOPERA_DATA_DIR/pg, the superuser password beside it). It runs Debian's
 * PostgreSQL binaries, whose pg_dump can read it: the embedded binaries ship no pg_dump, and
 * Debian's (15) cannot read the embedded server (18), a newer one. The built-in format on the
 * embedded server itself: backup-builtin.e2e-spec.ts.
 */
jest.setTimeout(120_000);

const DEMO_PASSWORD = 'coopera-demo-2021';
let work: string;
let dataDir: string;
let server: DebianServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'coopera-backup-'));
  dataDir = join(work, 'data');
  server = await DebianServer.start(dataDir);
  await server.createDatabase('coopera');
  await prepareSchema(server.url('coopera'), () => undefined);
  await loadDemoData(server.url('coopera'), DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run db:backup and db:restore', () => {
  it('back up the running server of npm start and restore into a fresh database: every table’s rows, policies and grants the same, and the API serves it', async () => {
    const file = join(work, 'demo.dump');
    const backedUp = await cli(['backup', file], { COOPERA_DATA_DIR: dataDir });
    expect(backedUp).toMatchObject({ code: 0, stderr: '' });
    expect(backedUp.stdout).toContain(`Backup written: ${file} (pg_dump custom format,`);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restored = await cli(['restore', file, `--database-url=${server.url('coopera_restored')}`], { COOPERA_DATA_DIR: dataDir });
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toMatch(/Restored into database "coopera_restored": \d+ tables, \d+ rows/);

    const source = await fingerprint(server.url('coopera'));
    expect(Object.keys(source.tables).length).toBeGreaterThan(20);
    expect(source.tables['meetings']?.rows).toBeGreaterThan(0);
    expect(await fingerprint(server.url('coopera_restored'))).toEqual(source);

    // The restored database is the app's: its confined role connects, RLS holds, a demo account signs in.
    await expectServedByApi(server.url('coopera_restored'), join(work, 'app'), DEMO_PASSWORD, source.tables['meetings']?.rows);
  });

  it('writes Coopera’s built-in format when asked (--format=builtin), through DATABASE_URL, and restores it as exactly as pg_dump’s', async () => {
    const file = join(work, 'builtin.dump');
    const backedUp = await cli(['backup', file, '--format=builtin'], { DATABASE_URL: server.url('coopera') });
    expect(backedUp).toMatchObject({ code: 0, stderr: '' });
    expect(backedUp.stdout).toContain(`in Coopera's built-in format (asked with --format=builtin; it needs no client program)`);
    expect(backedUp.stdout).toMatch(/Backup written: .* \(built-in format, \d+ KiB, \d+ tables, \d+ rows/);
    expect(readFileSync(file).subarray(0, 15).toString('latin1')).toBe('COOPERA-BACKUP ');

    const report = await restore({ file, databaseUrl: server.url('coopera_builtin'), dataDir, force: false, env: process.env, log: () => undefined });
    expect(report).toMatchObject({ format: 'builtin', pgRestore: null, outcome: 'created' });
    expect(await fingerprint(server.url('coopera_builtin'))).toEqual(await fingerprint(server.url('coopera')));
  });

  it('refuses, with one clear line each, what would lose data or cannot work', async () => {
    const options = { databaseUrl: null, dataDir, force: false, env: process.env, log: () => undefined };
    const file = join(work, 'refusals.dump');
    await backup({ ...options, out: file });

    await expect(backup({ ...options, out: file })).rejects.toThrow(`${file} already exists: choose another file, or pass --force to replace it.`);
    await expect(restore({ ...options, file: join(work, 'missing.dump') })).rejects.toThrow(`No backup file at ${join(work, 'missing.dump')}.`);
    writeFileSync(join(work, 'notes.txt'), 'not an archive');
    await expect(restore({ ...options, file: join(work, 'notes.txt') })).rejects.toThrow(/is not an archive of db:backup/);
    // Into the running app's own database: the app must be stopped first.
    await expect(restore({ ...options, file })).rejects.toThrow(/Coopera is running on .* stop it \(Ctrl-C\) before restoring/);

    const target = { ...options, file, databaseUrl: server.url('coopera_target') };
    expect(await restore(target)).toMatchObject({ database: 'coopera_target', outcome: 'created' });
    await expect(restore(target)).rejects.toThrow(/database "coopera_target" .* is not empty \(\d+ tables: .*\): pass --force to drop it/);
    const connected = new Client({ connectionString: server.url('coopera_target') });
    await connected.connect();
    try {
      await expect(restore({ ...target, force: true })).rejects.toThrow(/is in use \(1 sessions: .*\): stop the API before restoring/);
    } finally {
      await connected.end();
    }
    expect(await restore({ ...target, force: true })).toMatchObject({ outcome: 'replaced' });
    expect(await fingerprint(server.url('coopera_target'))).toEqual(await fingerprint(server.url('coopera')));

    const closedPort = await freePort();
    await expect(backup({ ...options, out: null, databaseUrl: `postgres://postgres:x@127.0.0.1:${closedPort}/coopera` })).rejects.toThrow(
      `Cannot connect to database "coopera" on 127.0.0.1:${closedPort} as postgres (DATABASE_URL): nothing answers there`,
    );
    await expect(backup({ ...options, out: null, dataDir: join(work, 'nothing-here') })).rejects.toThrow(
      `No Coopera database in ${join(work, 'nothing-here', 'pg')}: start Coopera once (npm start), or set DATABASE_URL`,
    );
    expect(() => chooseDump([{ path: '/usr/bin/pg_dump', version: '15.20', major: 15 }], 18, '18.4')).toThrow(
      'The server is PostgreSQL 18.4, but the newest pg_dump here is 15.20 (/usr/bin/pg_dump), and pg_dump cannot read a server newer than itself.',
    );
  });

  it('starts the embedded PostgreSQL of a stopped Coopera for the backup, and stops it again', async () => {
    const stopped = join(work, 'stopped');
    mkdirSync(stopped);
    const cluster = await EmbeddedCluster.start({ dir: join(stopped, 'pg'), durable: false });
    const maintenance = new Client({ connectionString: cluster.url('postgres') });
    await maintenance.connect();
    await maintenance.query('CREATE DATABASE coopera');
    await maintenance.end();
    const coopera = new Client({ connectionString: cluster.url('coopera') });
    await coopera.connect();
    await coopera.query('CREATE TABLE comuni (id int PRIMARY KEY)'); // something to back up
    await coopera.end();
    const embeddedVersion = await serverVersion(cluster.url('coopera'));
    await cluster.stop();

    const lines: string[] = [];
    const attempt = backup({ databaseUrl: null, dataDir: stopped, out: join(work, 'embedded.dump'), force: false, format: 'pg_dump', env: process.env, log: (l) => lines.push(l) });
    // Debian's pg_dump cannot read the embedded server (a newer major): asked for pg_dump, the refusal says so.
    const canDump = Number(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).match(/(\d+)\./)?.[1]) >= Number(embeddedVersion.split('.')[0]);
    if (canDump) await expect(attempt).resolves.toMatchObject({ serverVersion: embeddedVersion });
    else await expect(attempt).rejects.toThrow(`The server is PostgreSQL ${embeddedVersion}, but the newest pg_dump here is`);
    expect(lines[0]).toMatch(/^Starting the embedded PostgreSQL in .* \(Coopera is not running\); it stops when done\.$/);
    expect(existsSync(join(stopped, 'pg', 'postmaster.pid'))).toBe(false);
  });
});

/** Debian's PostgreSQL in `<dataDir>/pg`, with the superuser password in `<dataDir>/.pg-superuser-password`, as the embedded one. */
class DebianServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly port: number,
    private readonly password: string,
  ) {}

  static async start(dataDir: string): Promise<DebianServer> {
    const bin = debianBin();
    const pgdata = join(dataDir, 'pg');
    mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    const password = randomBytes(18).toString('base64url');
    writeFileSync(join(dataDir, '.pg-superuser-password'), password, { mode: 0o600 });
    // PostgreSQL refuses to run as root: as root, as the postgres user (Debian's package makes it).
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    const asPostgres = process.getuid?.() === 0 ? { uid: id('-u'), gid: id('-g') } : null;
    const pwfile = join(dataDir, 'initdb-password');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (asPostgres) {
      for (const path of [work, dataDir]) execFileSync('chmod', ['o+x', path]);
      chownSync(pgdata, asPostgres.uid, asPostgres.gid);
      chownSync(pwfile, asPostgres.uid, asPostgres.gid);
    }
    execFileSync(join(bin, 'initdb'), [`--pgdata=${pgdata}`, '--username=postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8'], {
      ...(asPostgres ?? {}),
      stdio: 'ignore',
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });
    rmSync(pwfile);
    const port = await freePort();
    const child = spawn(
      join(bin, 'postgres'),
      ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=50'],
      { ...(asPostgres ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } },
    );
    await new Promise<void>((ready, fail) => {
      let output = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('database system is ready to accept connections')) ready();
      });
      child.once('exit', (code) => fail(new Error(`Debian's PostgreSQL exited at start (code ${code}): ${output}`)));
    });
    return new DebianServer(child, port, password);
  }

  url(database: string): string {
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    await client.end();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGINT');
    await exited;
  }
}

/** The newest of Debian's PostgreSQL versions that has the server, initdb and pg_dump. */
function debianBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? execFileSync('ls', [root], { encoding: 'utf8' }).split('\n').filter((v) => /^\d+$/.test(v)) : [];
  const usable = versions.sort((a, b) => Number(b) - Number(a)).find((v) => ['postgres', 'initdb', 'pg_dump'].every((p) => existsSync(join(root, v, 'bin', p))));
  if (!usable) throw new Error(`These tests need Debian's PostgreSQL server and client programs (apt-get install postgresql): none in ${root}.`);
  return join(root, usable, 'bin');
}
