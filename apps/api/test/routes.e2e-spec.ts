import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_RULE, AccessRule, describeRule } from '../src/auth/access.decorator';
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
  const reflector = t.app.get(Reflector);
  const routes: { route: string; rule: AccessRule | undefined }[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype).filter((n) => n !== 'constructor')) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = `/api/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((p) => p && p !== '/').join('/')}`;
        routes.push({ route: `${method} ${path}`, rule: reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, [handler, controller]) });
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
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
