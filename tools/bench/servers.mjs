// Starting and stopping the two servers under test. Both run pinned to core 0 (`taskset -c 0`),
// the load generator to core 1, so that the generator never steals the server's CPU; PostgreSQL
// is not ours to pin and runs where the kernel puts it.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
const API_MAIN = join(ROOT, 'dist/apps/api/main.js');
const BASELINE_MAIN = join(ROOT, 'tools/bench/baseline/server.mjs');
const CAPTURE = join(ROOT, 'tools/bench/capture-sql.cjs');
/** The lock the project's sessions take around `nx build api`. */
export const BUILD_LOCK = '/tmp/api-build.lock';
export const SERVER_CORE = '0';
export const BASELINE_APPLICATION_NAME = 'coopera-bench-baseline';
export const LOAD_CORE = '1';
/**
 * Node's flags in production, read from the Dockerfile's CMD (`npm start` repeats them, and
 * apps/api/src/config/node-flags.spec.ts checks that the two agree): the API is measured as it
 * runs there, and the baseline gets the same garbage collector settings, so that the ratio
 * compares code.
 */
export const PRODUCTION_NODE_FLAGS = dockerfileNodeFlags(join(ROOT, 'Dockerfile'));

function dockerfileNodeFlags(dockerfile) {
  const cmd = readFileSync(dockerfile, 'utf8').match(/^CMD (\[.*\])$/m);
  const args = cmd ? JSON.parse(cmd[1]) : [];
  if (args[0] !== 'node') throw new Error(`${dockerfile}: no CMD ["node", …] to take Node's flags from.`);
  return args.slice(1).filter((arg) => arg.startsWith('--'));
}

/**
 * A private copy of the built API, taken right after the build: other sessions rebuild
 * dist/apps/api while a benchmark runs, and the servers measured must be the very code the check
 * phase compared with the baseline. Copied under the build lock, so never half-written. The
 * bundle has no relative requires; its packages resolve through NODE_PATH to node_modules.
 */
export function snapshotApi(workDir) {
  const dir = join(workDir, 'api-build');
  mkdirSync(dir, { recursive: true });
  const main = join(dir, 'main.js');
  const copy = spawnSync('flock', [BUILD_LOCK, 'cp', API_MAIN, main], { encoding: 'utf8' });
  if (copy.status !== 0) throw new Error(`Cannot copy ${API_MAIN}: ${copy.stderr}`);
  return main;
}

/**
 * The application role's connection, derived exactly as the API derives it without
 * DATABASE_APP_URL (apps/api/src/database/database-setup.ts, enableAppLogin): the baseline must
 * connect as the same confined role, so that row-level security filters the same rows.
 */
export function appRoleUrl(ownerUrl) {
  const url = new URL(ownerUrl);
  const server = `${url.username}:${url.password}@${url.host}`;
  url.username = 'coopera_app';
  url.password = createHmac('sha256', server).update('coopera_app').digest('base64url');
  return url.toString();
}

/** The environment without the caller's Coopera settings, so that only ours apply. */
function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(COOPERA_|DATABASE_|SMTP_|JWT_|LOG_LEVEL$|PORT$|HOST$|NODE_ENV$|TOTP_|RATE_LIMIT_|LOGIN_LIMIT_|DB_POOL_SIZE$)/.test(key)) delete env[key];
  }
  return env;
}

/**
 * @param kind 'api' | 'baseline'
 * @param settings { port, databaseUrl, jwtSecret, poolSize, logLevel, workDir, captureFile?, profileDir? }
 */
export async function startServer(kind, settings) {
  const nodeArgs = [...PRODUCTION_NODE_FLAGS];
  if (settings.profileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${settings.profileDir}`);
  if (settings.captureFile) nodeArgs.push('-r', CAPTURE);
  const env = { ...cleanEnv(), NODE_ENV: 'production', PORT: String(settings.port), JWT_SECRET: settings.jwtSecret, DB_POOL_SIZE: String(settings.poolSize) };
  if (settings.captureFile) env.BENCH_SQL_LOG = settings.captureFile;
  let main;
  let readyPath;
  if (kind === 'api') {
    main = settings.apiMain ?? API_MAIN;
    env.NODE_PATH = join(ROOT, 'node_modules');
    readyPath = '/api/health/ready';
    Object.assign(env, {
      HOST: '127.0.0.1',
      DATABASE_URL: settings.databaseUrl,
      LOG_LEVEL: settings.logLevel,
      COOPERA_DATA_DIR: join(settings.workDir, 'api-data'),
      // All the load comes from one address: the per-address limit (600/min) would answer 429
      // after a fraction of a second. The limiter still counts every request and sets its headers.
      RATE_LIMIT_PER_MINUTE: '1000000',
      // The load keeps the loop busy by design (32 clients asking again at once): production would
      // shed part of it (more than two requests in progress); the bench measures what the API can serve.
      MAX_EVENT_LOOP_UTILIZATION_PERCENT: '0',
      // Production asks ADMIN and SECRETARIAT for a second factor at sign-in; the bench signs in
      // the secretariat with a password only. The per-request cost is the same either way.
      TOTP_REQUIRED_ROLES: '',
    });
  } else {
    main = BASELINE_MAIN;
    readyPath = '/health';
    env.DATABASE_APP_URL = appRoleUrl(settings.databaseUrl);
    env.PG_APPLICATION_NAME = BASELINE_APPLICATION_NAME;
  }
  const logFile = join(settings.workDir, `${kind}${settings.captureFile ? '-check' : ''}${settings.profileDir ? '-profile' : ''}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn('taskset', ['-c', SERVER_CORE, process.execPath, ...nodeArgs, main], { cwd: ROOT, env, stdio: ['ignore', out, out] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // How its pool's connections are named in pg_stat_activity (apps/api/src/app.module.ts says 'coopera-api').
  const applicationName = kind === 'api' ? 'coopera-api' : BASELINE_APPLICATION_NAME;
  const server = { kind, url: `http://127.0.0.1:${settings.port}`, child, logFile, exited, applicationName };
  await waitReady(server, readyPath);
  return server;
}

async function waitReady(server, path) {
  const deadline = Date.now() + 120_000;
  let gone = null;
  void server.exited.then((status) => (gone = status));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The ${server.kind} server stopped while starting (${JSON.stringify(gone)}):\n${tail(server.logFile)}`);
    try {
      const response = await fetch(server.url + path);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopServer(server);
  throw new Error(`The ${server.kind} server was not ready within 120 s:\n${tail(server.logFile)}`);
}

/** SIGTERM, then the server drains and exits (writing its CPU profile, if any); SIGKILL after 20 s. */
export async function stopServer(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  await server.exited;
  clearTimeout(timer);
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}
