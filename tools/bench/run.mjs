#!/usr/bin/env node
// `npm run bench`: the built API beside a raw baseline (node:http + pg, same SQL, same JSON), on
// the national dataset, measured with autocannon from the other core. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENDPOINTS } from './endpoints.mjs';
import { loadFixtures, redact, undoWrites, withOwner } from './fixtures.mjs';
import { measure, stopLoads } from './measure.mjs';
import { parseOptions } from './options.mjs';
import { printProfile, summariseProfile } from './profile.mjs';
import { gitShortSha, printTable, summariseAll, writeResults } from './report.mjs';
import { BUILD_LOCK, ROOT, snapshotApi, startServer, stopServer } from './servers.mjs';
import { Session } from './session.mjs';
import { verify } from './verify.mjs';

const say = (line) => process.stdout.write(`${line}\n`);

/** What must happen however the run ends: load stopped, servers stopped, the dataset's writes undone. */
const cleanups = [];
let cleaning = null;
/** Once, however many paths ask (the end of main, its failure, Ctrl-C). */
function cleanUp() {
  cleaning ??= (async () => {
    stopLoads();
    while (cleanups.length) await cleanups.pop()().catch((error) => say(`clean-up: ${error.message}`));
  })();
  return cleaning;
}

function buildApi() {
  say('Building the API (nx build api; cached when nothing changed)…');
  // Other sessions build the API too: one build at a time, as the project's scripts do.
  const result = spawnSync('flock', [BUILD_LOCK, 'npx', 'nx', 'build', 'api', '--outputStyle=static'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`nx build api failed:\n${(result.stdout + result.stderr).split('\n').slice(-30).join('\n')}`);
}

async function startBoth(settings, extra = {}) {
  const api = await startServer('api', { ...settings, port: settings.apiPort, ...extra.api });
  cleanups.push(() => stopServer(api));
  const baseline = await startServer('baseline', { ...settings, port: settings.baselinePort, ...extra.baseline });
  cleanups.push(() => stopServer(baseline));
  return { api, baseline };
}

async function stopBoth({ api, baseline }) {
  await stopServer(api);
  await stopServer(baseline);
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const workDir = mkdtempSync(join(tmpdir(), 'coopera-bench-'));
  const endpoints = ENDPOINTS.filter((e) => options.only.includes(e.name) && (!options.profile || e.name === options.profile));

  if (options.build) buildApi();
  if (!existsSync(join(ROOT, 'dist/apps/api/main.js'))) throw new Error('dist/apps/api/main.js is missing: run without --no-build.');

  const loadBefore = loadavg()[0];
  if (loadBefore > 1) {
    say(`Warning: the machine is busy (load average ${loadBefore.toFixed(1)} on ${cpus().length} cores): other processes share the cores, the figures will be noisy.`);
  }

  const fixtures = await loadFixtures(options);
  const postgres = await withOwner(options.databaseUrl, async (db) => (await db.query('SHOW server_version')).rows[0].server_version);
  const c = fixtures.counts;
  say(
    `Dataset ${fixtures.database}: ${c.comuni} comuni, ${c.projects} projects, ${c.entiGestori} enti gestori, ${c.meetings} meetings, ` +
      `${c.invitations} invitations, ${c.auditEvents} audit events, ${c.users} users (PostgreSQL ${postgres}).`,
  );
  say(`Reading as ${fixtures.account}, writing as ${fixtures.writeAccount}; project ${fixtures.projectId}, meeting ${fixtures.meetingId}.`);
  if (endpoints.some((e) => e.write)) {
    cleanups.push(async () => {
      const removed = await undoWrites(options.databaseUrl, fixtures.writable, fixtures.writeAccount, startedAt);
      say(`Dataset tidied: ${fixtures.writable.length} responsible officers put back, ${removed} audit events of the write runs removed.`);
    });
    if (fixtures.writable.length < options.connections) {
      say(`Note: ${fixtures.writable.length} open projects for ${options.connections} connections: some writes will share a project and answer 409.`);
    }
  }

  const settings = {
    apiPort: options.apiPort,
    baselinePort: options.baselinePort,
    databaseUrl: options.databaseUrl,
    jwtSecret: randomBytes(48).toString('base64url'),
    poolSize: options.poolSize,
    logLevel: options.logLevel,
    workDir,
    apiMain: snapshotApi(workDir),
  };

  // Check phase: same JSON, same statements, or nothing is measured.
  say('Checking that the baseline answers the same JSON with the same SQL…');
  const logs = { api: join(workDir, 'api-sql.jsonl'), baseline: join(workDir, 'baseline-sql.jsonl') };
  const checkServers = await startBoth(settings, { api: { captureFile: logs.api }, baseline: { captureFile: logs.baseline } });
  const sessions = { read: await new Session(checkServers.api.url, fixtures.account).login(options.password) };
  if (endpoints.some((e) => e.account === 'write')) sessions.write = await new Session(checkServers.api.url, fixtures.writeAccount).login(options.password);
  const checks = await verify({ servers: checkServers, logs, sessions, endpoints, fixtures, options });
  for (const [name, check] of Object.entries(checks)) say(`  ${name.padEnd(15)} ${check.statements} statements identical, JSON ${check.body} (${check.bytes} bytes)`);
  await stopBoth(checkServers);

  if (options.profile) {
    await profile(endpoints[0], { settings, sessions, fixtures, options, workDir });
    return;
  }

  const servers = await startBoth(settings);
  const runs = Object.fromEntries(endpoints.map((e) => [e.name, { api: [], baseline: [] }]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const endpoint of endpoints) {
      // Alternate who goes first, so that a drift of the machine (a warm cache, a busy neighbour)
      // does not always favour the same server.
      const order = round % 2 === 1 ? ['api', 'baseline'] : ['baseline', 'api'];
      const line = {};
      for (const kind of order) {
        const result = await measure(servers[kind], endpoint, { sessions, fixtures, options });
        runs[endpoint.name][kind].push(result);
        line[kind] = `${Math.round(result.rps)} req/s p99 ${result.p99} ms${result.non2xx + result.errors ? ` (${result.non2xx + result.errors} non-2xx)` : ''}`;
      }
      say(`  round ${round}/${options.rounds}  ${endpoint.name.padEnd(15)} API ${line.api}  |  baseline ${line.baseline}`);
    }
  }
  await stopBoth(servers);

  const summary = summariseAll(endpoints, runs);
  printTable(summary, options);
  const report = {
    startedAt: startedAt.toISOString(),
    gitSha: gitShortSha(ROOT),
    quick: options.quick,
    // A load average above ~1 before or after means other work shared the two cores.
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, postgres, loadAverage: { before: loadBefore, after: loadavg()[0] } },
    dataset: { url: redact(options.databaseUrl), database: fixtures.database, counts: fixtures.counts },
    settings: {
      rounds: options.rounds,
      duration: options.duration,
      warmup: options.warmup,
      connections: options.connections,
      logLevel: options.logLevel,
      poolSize: options.poolSize,
      directoryQuery: options.directoryQuery,
      projectId: fixtures.projectId,
      meetingId: fixtures.meetingId,
      readAccount: fixtures.account,
      writeAccount: fixtures.writeAccount,
      writeProjects: fixtures.writable.length,
    },
    checks,
    endpoints: summary,
  };
  // Quick runs are for trying things: they stay out of the committed results.
  const file = writeResults(ROOT, report, options.quick ? workDir : undefined);
  say(`\nResults: ${file}`);
}

/** --profile: one run of the endpoint against each server under --cpu-prof, and their top frames. */
async function profile(endpoint, { settings, sessions, fixtures, options, workDir }) {
  for (const kind of ['api', 'baseline']) {
    const profileDir = join(workDir, `profile-${kind}`);
    const server = await startServer(kind, { ...settings, port: kind === 'api' ? settings.apiPort : settings.baselinePort, profileDir });
    cleanups.push(() => stopServer(server));
    const result = await measure(server, endpoint, { sessions, fixtures, options });
    await stopServer(server);
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`No CPU profile was written in ${profileDir}`);
    say(`\n${kind} ${endpoint.name}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms (under the profiler)`);
    // Only the measured run's samples: not the start-up, the warm-up or the shutdown.
    const summary = summariseProfile(join(profileDir, file), result.window);
    printProfile(`${kind} profile ${join(profileDir, file)}`, summary);
    const answered = Math.max(1, result.ok + result.non2xx);
    // The profiler counts time on the CPU and time preempted alike; /proc counts CPU time only.
    say(
      `  per request: ${Math.round((summary.busyMs * 1000) / answered)} µs busy in the profile, ` +
        `${Math.round(result.serverCpuPerRequest)} µs of CPU by /proc, ` +
        `${result.postgresCpuPerRequest === null ? '?' : Math.round(result.postgresCpuPerRequest)} µs in its PostgreSQL backends`,
    );
  }
}

let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  say('\nInterrupted: stopping the servers and tidying the dataset…');
  void cleanUp().then(() => process.exit(130));
});

main()
  .then(cleanUp)
  .catch(async (error) => {
    // After Ctrl-C, the load generator's or a server's end is no news.
    if (!interrupted) process.stderr.write(`bench: ${error.message}\n`);
    await cleanUp();
    process.exitCode = 1;
  })
  .finally(() => {
    if (interrupted) process.exitCode = 130;
  });
