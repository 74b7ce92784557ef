// A summary of a V8 CPU profile (`node --cpu-prof`): self time per function and per package,
// to see where the API spends the time the baseline does not.
import { readFileSync } from 'node:fs';

const IDLE = new Set(['(idle)', '(program)']);

/** Which code a frame belongs to: a package of node_modules, Node itself, the API bundle, the baseline. */
function owner(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node: core';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.includes('dist/apps/api/') || url.includes('/api-build/main.js')) return 'api bundle (app code)';
  if (url.includes('tools/bench/baseline/')) return 'baseline code';
  return url.replace(/^file:\/\//, '');
}

/**
 * @param window { from, to } in microseconds of the monotonic clock (process.hrtime), which V8's
 *   profile timestamps also use: only the samples of the measured run count, not the start-up.
 */
export function summariseProfile(file, window = null, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.from || at > window.to)) continue;
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + delta);
  }
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const isCore = (where) => where === 'node: core' || where === '(native / V8)';
  /** The first package up the stack that is not Node itself: who asked for this core or native work. */
  const caller = (id) => {
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      const where = owner(byId.get(at).callFrame.url);
      if (!isCore(where)) return where;
    }
    return null;
  };
  const functions = new Map();
  const packages = new Map();
  const charged = new Map();
  let busy = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const frame = byId.get(id).callFrame;
    const name = frame.functionName || '(anonymous)';
    if (IDLE.has(name)) {
      idle += micros;
      continue;
    }
    busy += micros;
    const where = owner(frame.url);
    const key = `${name}  [${where}${frame.url && !where.startsWith('(') ? `:${frame.lineNumber + 1}` : ''}]`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    const pkg = name === '(garbage collector)' ? '(garbage collector)' : where;
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    const payer = isCore(pkg) ? (caller(id) ?? pkg) : pkg;
    charged.set(payer, (charged.get(payer) ?? 0) + micros);
  }
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, micros]) => ({ key, ms: Math.round(micros / 1000), share: micros / busy }));
  return {
    busyMs: Math.round(busy / 1000),
    idleMs: Math.round(idle / 1000),
    functions: rank(functions),
    packages: rank(packages),
    charged: rank(charged),
  };
}

export function printProfile(label, summary) {
  const pct = (s) => `${(s * 100).toFixed(1).padStart(5)} %`;
  const lines = [`\n${label}: ${summary.busyMs} ms on the CPU, ${summary.idleMs} ms idle`, '  self time by package:'];
  for (const p of summary.packages) lines.push(`    ${pct(p.share)}  ${p.key}`);
  lines.push('  self time by package, Node core and native work charged to the package that called it:');
  for (const p of summary.charged) lines.push(`    ${pct(p.share)}  ${p.key}`);
  lines.push('  self time by function:');
  for (const f of summary.functions) lines.push(`    ${pct(f.share)}  ${f.key}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
