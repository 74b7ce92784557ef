// Summaries of the rounds: per endpoint and server, requests/s as median (min–max) over the
// rounds, p50 and p99 latency as the median of the rounds' values, the non-2xx answers summed,
// and the ratio API/baseline of the median requests/s. Printed as a table, written as JSON.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round1 = (v) => Math.round(v * 10) / 10;

function summarise(runs) {
  const rps = runs.map((r) => r.rps);
  return {
    rps: { median: round1(median(rps)), min: round1(Math.min(...rps)), max: round1(Math.max(...rps)), rounds: rps.map(round1) },
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    // CPU per answered request, in microseconds, the median over rounds (see cpu.mjs).
    serverCpuUs: Math.round(median(runs.map((r) => r.serverCpuPerRequest))),
    postgresCpuUs: runs.some((r) => r.postgresCpuPerRequest === null) ? null : Math.round(median(runs.map((r) => r.postgresCpuPerRequest))),
    requests: runs.reduce((n, r) => n + r.ok, 0),
  };
}

/** runs: { [endpoint]: { api: [run…], baseline: [run…] } } */
export function summariseAll(endpoints, runs) {
  return endpoints.map((endpoint) => {
    const api = summarise(runs[endpoint.name].api);
    const baseline = summarise(runs[endpoint.name].baseline);
    const ratio = Math.round((api.rps.median / baseline.rps.median) * 1000) / 1000;
    const verdicts = [];
    if (endpoint.target?.ratio) verdicts.push(`ratio ≥ ${endpoint.target.ratio} ${ratio >= endpoint.target.ratio ? 'met' : 'MISSED'}`);
    if (endpoint.target?.p99) verdicts.push(`p99 ≤ ${endpoint.target.p99} ms ${api.p99 <= endpoint.target.p99 ? 'met' : 'MISSED'}`);
    return { name: endpoint.name, title: endpoint.title, method: endpoint.method, api, baseline, ratio, target: endpoint.target ?? null, verdict: verdicts.join(', ') || null };
  });
}

const fmt = (v) => (v >= 100 ? Math.round(v).toString() : v.toFixed(1));

export function printTable(summary, options) {
  const header = ['endpoint', 'server', 'req/s median (min–max)', 'p50 ms', 'p99 ms', 'non-2xx', 'CPU µs/req node', 'postgres', 'API/baseline'];
  const rows = [];
  for (const s of summary) {
    const line = (server, x, ratio) => [
      server === 'API' ? s.name : '',
      server,
      `${fmt(x.rps.median)} (${fmt(x.rps.min)}–${fmt(x.rps.max)})`,
      fmt(x.p50),
      fmt(x.p99),
      String(x.non2xx),
      String(x.serverCpuUs),
      x.postgresCpuUs === null ? '–' : String(x.postgresCpuUs),
      ratio,
    ];
    rows.push(line('API', s.api, `${s.ratio.toFixed(2)}×${s.verdict ? `  ${s.verdict}` : ''}`));
    rows.push(line('baseline', s.baseline, ''));
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const render = (cells) => cells.map((c, i) => (i >= 2 && i <= 7 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const lines = [render(header), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)];
  process.stdout.write(
    `\n${options.rounds} round(s) × ${options.duration} s after ${options.warmup} s warm-up, ${options.connections} connections; ` +
      `req/s counts 2xx answers only; latencies and CPU per request (the server process, and the PostgreSQL backends of its pool) ` +
      `are the median over rounds.\n\n${lines.join('\n')}\n`,
  );
}

/** The commit checked out, read from .git without running git. */
export function gitShortSha(root) {
  try {
    const gitDir = join(root, '.git');
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 7);
    const ref = head.slice(5);
    if (existsSync(join(gitDir, ref))) return readFileSync(join(gitDir, ref), 'utf8').trim().slice(0, 7);
    const packed = readFileSync(join(gitDir, 'packed-refs'), 'utf8').split('\n').find((l) => l.endsWith(` ${ref}`));
    return packed ? packed.slice(0, 7) : 'nogit';
  } catch {
    return 'nogit';
  }
}

/** bench/results/<UTC date and time>-<short sha>.json */
export function writeResults(root, report, directory = join(root, 'bench/results')) {
  mkdirSync(directory, { recursive: true });
  const stamp = report.startedAt.replace(/:\d\d\.\d+Z$/, '').replace(/:/g, '-');
  const file = join(directory, `${stamp}-${report.gitSha}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
