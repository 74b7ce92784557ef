#!/usr/bin/env node
// The web app's size budgets, in gzip bytes as a browser receives them (issue 7): what a municipal
// office's PC downloads before the first page, and on each page change. Angular's own budgets
// (apps/web/project.json) can only count raw bytes; this counts what goes over the wire.
//
//   npm run web:budgets                       the build at dist/apps/web/browser
//   node tools/scripts/web-budgets.mjs DIR    another build (e.g. dist/budget-web/browser)
//
// It reads the production build itself, not the bundler's stats: the initial bundle is what
// index.html loads (its module scripts and stylesheets) with every chunk they import statically;
// each lazy entry is a chunk loaded by import() (a route's page, a @defer block, chart.js…) with
// the chunks it imports statically that the initial bundle has not already brought. Sizes are
// gzip at level 6, the usual server default; kB are 1000 bytes, as in Angular's build report.
// Exits 1 when a budget is exceeded, 2 when the build is missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMITS = {
  initialScripts: 250_000,
  lazyEntry: 100_000,
  styles: 60_000,
};

const root = resolve(import.meta.dirname, '../..');

/** gzip size, file by file: each is a separate response. */
function gzipSize(path) {
  return gzipSync(readFileSync(path), { level: 6 }).length;
}

// esbuild's minified ES modules: `import{a as b}from"./chunk-X.js"`, `import"./chunk-X.js"`,
// `export{a}from"./chunk-X.js"`; and `import("./chunk-X.js")` for the lazy ones.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:\{[^}]*\}|\*\s*as\s*[\w$]+|[\w$]+(?:\s*,\s*\{[^}]*\})?)?\s*(?:from\s*)?["']\.\/([\w.-]+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']\.\/([\w.-]+\.js)["']\s*\)(?:\.then\(\s*\(?([\w$]+)\)?\s*=>\s*\2\.([\w$]+)\s*\))?/g;

/** One build's module graph, read from its files. */
function readBuild(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const graph = new Map();
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(dir, file), 'utf8');
    const imports = new Set([...code.matchAll(STATIC_IMPORT)].map((m) => m[1]));
    const lazy = [...code.matchAll(DYNAMIC_IMPORT)].map((m) => ({ file: m[1], name: m[3] }));
    graph.set(file, { imports, lazy });
  }
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entryScripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]);
  const stylesheets = [...html.matchAll(/<link\b[^>]*\bhref="([^"]+\.css)"/g)].map((m) => m[1]);
  return { files, graph, entryScripts, stylesheets };
}

/** `from` and every chunk it imports statically, minus those in `except`. */
function closure(graph, from, except = new Set()) {
  const seen = new Set();
  const stack = [...from];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file) || except.has(file)) continue;
    seen.add(file);
    stack.push(...(graph.get(file)?.imports ?? []));
  }
  return seen;
}

function measure(dir) {
  const { graph, entryScripts, stylesheets } = readBuild(dir);
  const size = new Map();
  const sizeOf = (file) => {
    if (!size.has(file)) size.set(file, gzipSize(join(dir, file)));
    return size.get(file);
  };
  const sum = (files) => [...files].reduce((n, f) => n + sizeOf(f), 0);

  const initial = closure(graph, entryScripts);
  // A lazy entry is named after the component a route loads from it, else after who loads it.
  const lazy = new Map();
  for (const [file, { lazy: targets }] of graph) {
    for (const target of targets) {
      const entry = lazy.get(target.file) ?? { names: new Set(), loadedBy: new Set() };
      if (target.name) entry.names.add(target.name);
      entry.loadedBy.add(file);
      lazy.set(target.file, entry);
    }
  }
  const describe = (file) => {
    const entry = lazy.get(file);
    if (entry?.names.size) return [...entry.names].join(', ');
    const parents = [...(entry?.loadedBy ?? [])].map((p) => (initial.has(p) ? 'the initial bundle' : describe(p)));
    return `loaded by ${[...new Set(parents)].join(', ')}`;
  };
  const lazyEntries = [...lazy.keys()]
    .filter((file) => !initial.has(file))
    .map((file) => {
      const chunks = closure(graph, [file], initial);
      return { file, name: describe(file), chunks: [...chunks], gzip: sum(chunks) };
    })
    .sort((a, b) => b.gzip - a.gzip);

  return {
    initialScripts: { files: [...initial], gzip: sum(initial) },
    styles: { files: stylesheets, gzip: sum(stylesheets) },
    lazyEntries,
  };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

function report(dir) {
  const result = measure(dir);
  const failures = [];
  const line = (label, bytes, limit) => {
    const over = bytes > limit;
    if (over) failures.push(`${label}: ${kB(bytes)} > ${kB(limit)}`);
    console.log(`${over ? 'OVER' : 'ok  '} ${kB(bytes).padStart(9)} / ${kB(limit).padStart(8)}  ${label}`);
  };
  console.log(`Web budgets (gzip) of ${relative(process.cwd(), dir) || '.'}`);
  line(`initial JavaScript (${result.initialScripts.files.length} files)`, result.initialScripts.gzip, LIMITS.initialScripts);
  line(`styles (${result.styles.files.join(', ')})`, result.styles.gzip, LIMITS.styles);
  console.log(`lazy entries (${result.lazyEntries.length}), each with the shared chunks it needs beyond the initial bundle:`);
  for (const entry of result.lazyEntries) line(`${entry.name} (${entry.file}, ${entry.chunks.length} files)`, entry.gzip, LIMITS.lazyEntry);
  if (failures.length > 0) {
    console.error(`\n${failures.length} web budget(s) exceeded:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log('\nAll web budgets met.');
  return 0;
}

const dir = resolve(process.argv[2] ?? join(root, 'dist/apps/web/browser'));
if (!existsSync(join(dir, 'index.html'))) {
  console.error(`No web build at ${dir}: run "npx nx build web" first.`);
  process.exit(2);
}
process.exit(report(dir));
