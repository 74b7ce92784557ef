import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built app (npm run build) on a port of its own, with demo data, on a database of its own:
// E2E_DATABASE_URL when the test runner made one, else the embedded PostgreSQL in a scratch folder.
// Chosen once in the runner's process; its workers inherit the environment, so all agree.
process.env['E2E_PORT'] ??= String(4300 + (process.pid % 500));
const port = Number(process.env['E2E_PORT']);
const baseURL = `http://127.0.0.1:${port}`;
const serverEnv: Record<string, string> = {
  COOPERA_DEMO: '1',
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  // Every test signs in from 127.0.0.1: the brute-force limit per address is tested in the API suite.
  LOGIN_LIMIT_PER_IP: '1000',
  // …and signs in the same demo accounts many times within the quarter of an hour.
  LOGIN_LIMIT_PER_ACCOUNT: '1000',
  // Two workers load pages faster than people do, all from 127.0.0.1, and every page load of the app
  // refreshes the session (~45 a minute at this pace): the per-address limits are tested in the API suite.
  RATE_LIMIT_PER_MINUTE: '100000',
  REFRESH_LIMIT_PER_IP: '100000',
  // The API shares two cores with Chromium and the test workers: a second in which its loop is
  // busy says more of the machine than of overload (load shedding is tested in the API suite).
  MAX_EVENT_LOOP_UTILIZATION_PERCENT: '0',
  // meeting-journey.spec.ts plays a meeting in a minute: PUT /api/test/clock moves the API's clock.
  COOPERA_TEST_CLOCK: '1',
  COOPERA_DATA_DIR: process.env['E2E_DATA_DIR'] ?? join(tmpdir(), `coopera-browser-${port}`),
};
// A build of the web app elsewhere than dist/apps/web, e.g. while several people work in one tree.
if (process.env['E2E_WEB_DIR']) serverEnv['COOPERA_WEB_DIR'] = process.env['E2E_WEB_DIR'];
if (process.env['E2E_DATABASE_URL']) serverEnv['DATABASE_URL'] = process.env['E2E_DATABASE_URL'];

// Debian's chromium-headless-shell when it is installed (.ci/run installs it): the headless-only
// build Playwright itself prefers for headless runs. The full browser in headless mode ran this
// suite in 181 s, the shell in 108 s (same 68 tests, same machine): it has no browser UI to run.
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const chromiumPath = process.env['CHROMIUM_PATH'] ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

export default defineConfig({
  testDir: './src',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  timeout: 45_000,
  outputDir: '../../test-results/web-e2e',
  use: {
    baseURL,
    // No trace by default: recording one for every test (a DOM snapshot per step, a screencast)
    // took a quarter of the suite's CPU time. A failing test leaves its screenshot and the page's
    // ARIA snapshot (error-context.md); to record traces, run with `--trace retain-on-failure`.
    trace: 'off',
    screenshot: 'only-on-failure',
    // Bootstrap Italia's transitions are off for people who ask for less motion: no frames painted
    // for them, no element moving when Playwright waits for it to be stable (~5 % of the suite's CPU).
    reducedMotion: 'reduce',
    launchOptions: {
      // Debian's Chromium: no browser is ever downloaded.
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
    // The layout on a phone: the public pages; the account flows are the same on every screen.
    { name: 'mobile', use: { ...devices['Pixel 7'], channel: undefined }, testMatch: /(home|comuni)\.spec\.ts$/ },
  ],
  webServer: {
    command: 'node dist/apps/api/main.js',
    cwd: join(__dirname, '../..'),
    url: `${baseURL}/api/health/ready`,
    env: { ...serverEnv, PATH: process.env['PATH'] ?? '' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
