import { DEMO_ACCOUNTS } from '@coopera/domain';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The built API (`dist/apps/api/main.js`) as a child process, started as `npm start` starts it
 * (demo accounts) but on a database server of the test's own: fault tests crash that server, or
 * send the process signals, and watch it from outside as a load balancer would.
 */

const ROOT = join(__dirname, '../../../../..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');

export const DEMO_PASSWORD = 'coopera-demo-2021';
/** The demo accounts by role, e.g. `DEMO_EMAIL.SECRETARIAT`. */
export const DEMO_EMAIL = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.role, a.email])) as Record<
  (typeof DEMO_ACCOUNTS)[number]['role'],
  string
>;

export interface ApiExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** When the process exited (Date.now()). */
  at: number;
}

export interface StartApiOptions {
  /**
   * Owner connection: the API migrates this database and loads the demo data into it. Without
   * it, the API starts its own embedded PostgreSQL in its data folder, as `npm start` does.
   */
  databaseUrl?: string;
  /** Added to (and overriding) the defaults below. */
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}

export interface ApiProcess {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Its COOPERA_DATA_DIR (embedded PostgreSQL in `pg/` when started without a database URL). */
  readonly dataDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Whether the process is still running. */
  readonly alive: boolean;
  /** Settles when the process exits, however it exits. */
  readonly exited: Promise<ApiExit>;
  /** Signs in (a demo account by default password) and returns the bearer access token. */
  signIn(email: string, password?: string): Promise<string>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit; `ms` is signal → exit. */
  stop(signal?: NodeJS.Signals): Promise<ApiExit & { ms: number }>;
  /** Cleanup for `afterAll`: stops it if still running (SIGTERM, SIGKILL after 15 s), deletes its data folder. */
  dispose(): Promise<void>;
}

/**
 * Starts the built API and resolves once `/api/health/ready` answers 200. Defaults: demo mode,
 * LOG_LEVEL=warn, a free port on 127.0.0.1, a throw-away COOPERA_DATA_DIR, and rate limits high
 * enough for one test client to play many users (override them through `env` to test them).
 */
export async function startApi(options: StartApiOptions): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npx nx build api" first (npm run test:faults does).`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'coopera-faults-data-'));
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'],
      COOPERA_DEMO: '1',
      COOPERA_DATA_DIR: dataDir,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'faults-test-secret-of-at-least-32-characters',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_LIMIT_PER_IP: '1000',
      LOGIN_LIMIT_PER_ACCOUNT: '1000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<ApiExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  const api = describeProcess(child, url, port, dataDir, exited, () => output);
  try {
    await waitReady(api, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await api.dispose();
    throw error;
  }
  return api;
}

function describeProcess(
  child: ChildProcess,
  url: string,
  port: number,
  dataDir: string,
  exited: Promise<ApiExit>,
  output: () => string,
): ApiProcess {
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    port,
    pid: child.pid ?? -1,
    dataDir,
    output,
    get alive() {
      return alive();
    },
    exited,
    async signIn(email, password = DEMO_PASSWORD) {
      // As a well-behaved client: a 503 (load shedding just after start) is retried after Retry-After.
      for (let attempt = 1; ; attempt++) {
        const res = await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
        const retryAfter = Number(res.headers.get('retry-after'));
        if (res.status === 503 && retryAfter > 0 && attempt < 10) {
          await res.arrayBuffer();
          await new Promise((r) => setTimeout(r, Math.min(retryAfter, 5) * 1000));
          continue;
        }
        if (res.status !== 200) throw new Error(`Sign-in of ${email} answered ${res.status}: ${await res.text()}`);
        return ((await res.json()) as { accessToken: string }).accessToken;
      }
    },
    async stop(signal = 'SIGTERM') {
      const sent = Date.now();
      if (alive()) child.kill(signal);
      const exit = await exited;
      return { ...exit, ms: exit.at - sent };
    },
    async dispose() {
      if (alive()) {
        // SIGTERM first: an API on its embedded PostgreSQL stops that server on the way out.
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitReady(api: ApiProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Polling is the only way to learn readiness from outside, as a load balancer does.
  while (Date.now() < deadline) {
    if (!api.alive) throw new Error(`The API exited during start:\n${api.output()}`);
    const ready = await fetch(`${api.url}/api/health/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The API was not ready within ${timeoutMs} ms:\n${api.output()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
