// One measurement: a warm-up run, then the measured run, of one endpoint against one server,
// each by a load generator in a process of its own pinned to the other core; around the measured
// run, the CPU the server and its PostgreSQL backends used.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cpuSnapshot, waitIdle } from './cpu.mjs';
import { currentVersions } from './fixtures.mjs';
import { LOAD_CORE, ROOT } from './servers.mjs';

const LOAD = join(ROOT, 'tools/bench/load.mjs');

/** The monotonic clock V8's CPU profiles use, in microseconds. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Load generators running now: stopped on Ctrl-C. */
const loads = new Set();
export function stopLoads() {
  for (const child of loads) child.kill('SIGTERM');
}

/** One autocannon run in a child process pinned to the load core. */
export function runLoad(job) {
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', LOAD_CORE, process.execPath, LOAD, JSON.stringify(job)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    loads.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      loads.delete(child);
      if (code === 0 && out) resolve(JSON.parse(out));
      else reject(new Error(`load generator failed (${code}): ${err.slice(-1000)}`));
    });
  });
}

/**
 * @returns autocannon's figures (rps, p50, p99, ok, non2xx, errors, timeouts) plus the CPU per
 *   answered request of the server and of its backends, and the run's monotonic time window.
 */
export async function measure(server, endpoint, { sessions, fixtures, options }) {
  const session = sessions[endpoint.account];
  await session.fresh(options.warmup + options.duration + 60);
  const job = {
    url: server.url,
    method: endpoint.method,
    path: endpoint.path(fixtures, options),
    authorization: session.authorization,
    connections: options.connections,
  };
  const ids = fixtures.writable.map((p) => p.id);
  const writeJob = async () => (endpoint.write ? { write: { projects: await currentVersions(options.databaseUrl, ids) } } : {});
  // After each run, the requests still in flight finish before anything else starts.
  const settle = () => waitIdle(server, options.databaseUrl);
  if (options.warmup > 0) {
    await runLoad({ ...job, duration: options.warmup, ...(await writeJob()) });
    await settle();
  }
  const measured = { ...job, duration: options.duration, ...(await writeJob()) };
  const cpu = await cpuSnapshot(server, options.databaseUrl);
  const from = monotonicMicros();
  const result = await runLoad(measured);
  result.window = { from, to: monotonicMicros() };
  const { serverCpu, postgresCpu } = await cpu.since();
  const answered = Math.max(1, result.ok + result.non2xx);
  result.serverCpuPerRequest = serverCpu / answered;
  result.postgresCpuPerRequest = postgresCpu === null ? null : postgresCpu / answered;
  await settle();
  return result;
}
