#!/usr/bin/env node
// Strict type check of every TypeScript project, tests included (the web app's templates are
// checked by its production build, with strictTemplates).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const projects = [
  'libs/domain/tsconfig.lib.json',
  'libs/domain/tsconfig.spec.json',
  'apps/api/tsconfig.app.json',
  'apps/api/tsconfig.spec.json',
  'apps/web/tsconfig.app.json',
  'apps/web/tsconfig.spec.json',
  'apps/web-e2e/tsconfig.json',
];
let failed = 0;
for (const project of projects) {
  try {
    execFileSync('npx', ['tsc', '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' });
    console.log(`ok   ${project}`);
  } catch {
    console.log(`FAIL ${project}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
