#!/usr/bin/env node
// `npm ci` / `npm install` end by building the API and the web app, so that the first `npm start`
// of a fresh clone only starts it (the build is then an Nx cache hit, as is `npm test`'s). Skipped
// where there is nothing to build yet (the Docker image installs before copying the sources) and
// with COOPERA_SKIP_BUILD=1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
if (process.env.COOPERA_SKIP_BUILD === '1' || !existsSync(join(root, 'apps/api/src/main.ts'))) process.exit(0);

const started = Date.now();
const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
});
if (result.status !== 0) {
  // A failed build must not fail the install: `npm start` and `npm test` build again and show why.
  console.warn('coopera: the build after install failed; `npm start` will try again.');
} else {
  console.log(`coopera: API and web app built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
