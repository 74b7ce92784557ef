import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessRule, describeRule } from '../src/auth/access.decorator';
import { listAppRoutes as appRoutes } from './app-routes';
import { startTestApp, TestApp } from './test-app';

// Every route with who may call it, reviewed like code: a diff here is a permission change.
// After an intended change: UPDATE_ROUTES=1 npx jest -c apps/api/jest.e2e.config.cts routes
const SNAPSHOT = join(__dirname, 'routes.txt');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

function listRoutes(): { route: string; rule: AccessRule | undefined }[] {
  return appRoutes(t.app).map((r) => ({ route: r.key, rule: r.rule }));
}

describe('route permissions', () => {
  it('declares who may call every route (default deny)', () => {
    const undeclared = listRoutes().filter((r) => !r.rule).map((r) => r.route);
    expect(undeclared).toEqual([]);
  });

  it('matches the reviewed list in test/routes.txt', () => {
    const current = listRoutes().map((r) => `${r.route.padEnd(32)} ${describeRule(r.rule)}`).join('\n') + '\n';
    if (process.env['UPDATE_ROUTES'] === '1') writeFileSync(SNAPSHOT, current);
    expect(existsSync(SNAPSHOT)).toBe(true);
    expect(current).toBe(readFileSync(SNAPSHOT, 'utf8'));
  });
});
