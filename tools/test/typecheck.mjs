#!/usr/bin/env node
// Strict type check of every TypeScript project, tests included, two at a time. The library's
// sources are checked through the programs that import them, and the web app's sources and
// templates by its production build (strictTemplates), so they are not checked twice here.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const projects = [
  'apps/api/tsconfig.spec.json',
  'apps/web/tsconfig.spec.json',
  'apps/api/tsconfig.app.json',
  'libs/domain/tsconfig.spec.json',
  'apps/web-e2e/tsconfig.json',
];

function check(project) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsc', '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => {
      console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${project}`);
      resolve(code === 0);
    });
  });
}

const queue = [...projects];
let failed = 0;
await Promise.all(
  [1, 2].map(async () => {
    for (let project = queue.shift(); project; project = queue.shift()) if (!(await check(project))) failed++;
  }),
);
process.exit(failed ? 1 : 0);
