#!/usr/bin/env node
// `npm test`: every check of the repository in one run, ending with one line "N passed, N failed".
// Lint, type checks and the build count as one check each; test runners report their own tests.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '../..');
const reports = mkdtempSync(join(tmpdir(), 'coopera-test-'));
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
const results = [];

function run(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function check(name, command, args, extraEnv) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const code = await run(command, args, extraEnv);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, seconds: (Date.now() - started) / 1000 });
}

/** A test runner step: its own counts, and a failure if it exited non-zero without a failing test. */
async function tests(name, command, args, reportFile, count, extraEnv) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const code = await run(command, args, extraEnv);
  let passed = 0;
  let failed = 0;
  if (existsSync(reportFile)) ({ passed, failed } = count(JSON.parse(readFileSync(reportFile, 'utf8'))));
  if (code !== 0 && failed === 0) failed = 1; // the runner itself failed (setup error, no report)
  results.push({ name, passed, failed, seconds: (Date.now() - started) / 1000 });
}

const jestCounts = (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests + r.numRuntimeErrorTestSuites,
});
const playwrightCounts = (r) => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected + (r.errors?.length ?? 0),
});

const npx = 'npx';
const started = Date.now();
await check('lint (with module boundaries)', npx, ['nx', 'run-many', '-t', 'lint', '--outputStyle=static']);
await check('type check', 'node', [join(root, 'tools/test/typecheck.mjs')]);
await tests('unit tests', npx, ['jest', '--config', 'jest.config.ts', '--json', `--outputFile=${join(reports, 'unit.json')}`], join(reports, 'unit.json'), jestCounts);
await check('build (api, web)', npx, ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static']);
await check('web budgets (gzip)', 'node', [join(root, 'tools/scripts/web-budgets.mjs')]);
await tests('API end-to-end tests (real PostgreSQL)', npx, ['jest', '--config', 'apps/api/jest.e2e.config.cts', '--json', `--outputFile=${join(reports, 'e2e.json')}`], join(reports, 'e2e.json'), jestCounts);
await browserTests();

rmSync(reports, { recursive: true, force: true });
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/**
 * Browser tests against the built app, on a database of their own: a fresh one on DATABASE_URL's
 * server when it is set (dropped afterwards), else the embedded PostgreSQL in a scratch folder.
 */
async function browserTests() {
  const extraEnv = { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'browser.json') };
  let drop = async () => undefined;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'coopera-browser-'));
    extraEnv.E2E_DATA_DIR = dataDir;
    drop = async () => rmSync(dataDir, { recursive: true, force: true });
  } else {
    const { Client } = require('pg');
    const name = `coopera_browser_${process.pid}_${Date.now()}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    extraEnv.E2E_DATABASE_URL = url.toString();
    drop = async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  try {
    await tests('browser tests (Chromium, axe)', npx, ['playwright', 'test', '-c', 'apps/web-e2e/playwright.config.ts', '--reporter=list,json'], extraEnv.PLAYWRIGHT_JSON_OUTPUT_NAME, playwrightCounts, extraEnv);
  } finally {
    await drop();
  }
}
