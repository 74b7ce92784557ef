import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built API as an operator runs it: `node dist/apps/api/main.js` (npm test builds it first).
const root = join(__dirname, '../../..');
const main = join(root, 'dist/apps/api/main.js');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { PATH: process.env['PATH'], LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitReady(port: number, run: Run): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`exited early: ${run.output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready in 30 s: ${run.output()}`);
}

/** Pids of postgres servers running on `dir` (there must be none once the API has stopped). */
function postgresOn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('starting the built API', () => {
  beforeAll(() => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npx nx build api" first (npm test does).`);
  });

  it.each([
    [{}, 'Coopera cannot start: JWT_SECRET is required outside demo mode'],
    [{ COOPERA_DEMO: '1', DATABASE_URL: 'mysql://db/x' }, 'Coopera cannot start: DATABASE_URL must start with postgres://'],
    [{ COOPERA_DEMO: '1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/coopera' }, 'Coopera cannot start: Cannot connect to the database'],
    [{ COOPERA_DEMO: '1', NODE_ENV: 'production' }, 'Coopera cannot start: COOPERA_DEMO=1 is refused'],
  ])('refuses %j with one clear line and exit code 1', async (env, line) => {
    const run = start(env);
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(line);
  });

  it('starts on the embedded PostgreSQL in COOPERA_DATA_DIR and PORT, stops cleanly, reuses the data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coopera-start-'));
    const port = 20_000 + (process.pid % 20_000);
    try {
      // The directory needs a signed-in user: one of the demo accounts.
      const palermo = async () => {
        const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'servizio.centrale@coopera.example', password: 'coopera-demo-2021' }),
        });
        const { accessToken } = (await login.json()) as { accessToken: string };
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/comuni?q=palermo&kind=COMUNE`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        const body = (await res.json()) as { items: { id: string; projectCount: number }[] };
        return body.items[0];
      };
      const palermoId = async () => (await palermo())?.id;
      const tirocini = async () => {
        const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'referente.palermo@coopera.example', password: 'coopera-demo-2021' }),
        });
        const { accessToken } = (await login.json()) as { accessToken: string };
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/practices?q=tirocinio`, { headers: { authorization: `Bearer ${accessToken}` } });
        return ((await res.json()) as { items: { title: string }[] }).items.map((p) => p.title);
      };

      const first = start({ COOPERA_DEMO: '1', COOPERA_DATA_DIR: dataDir, PORT: String(port) });
      await waitReady(port, first);
      expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
      const id = await palermoId();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      expect(postgresOn(join(dataDir, 'pg'))).toEqual([]);

      const second = start({ COOPERA_DEMO: '1', COOPERA_DATA_DIR: dataDir, PORT: String(port) });
      await waitReady(port, second);
      expect(await palermoId()).toBe(id); // the same database, not a new one
      expect((await palermo())?.projectCount).toBe(2); // demo projects loaded once, not twice
      expect(await tirocini()).toEqual(['Tirocini formativi per titolari di protezione', 'Modello di convenzione con le aziende ospitanti']);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(postgresOn(join(dataDir, 'pg'))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
