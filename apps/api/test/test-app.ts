import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { loadConfig } from '../src/config/app-config';
import { createApp } from '../src/create-app';
import { assertConfined, enableAppLogin } from '../src/database/database-setup';
import { createLogger } from '../src/logging/logger';
import { createTestDatabase } from './test-database';

/** Known to the tests, so that they can forge tokens the app must refuse. */
export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  ownerUrl: string;
  appUrl: string;
  /** The app's data folder (documents, demo mail). */
  dataDir: string;
  /** Runs SQL as the owner of the test database (bypassing the API), e.g. to arrange data. */
  sql<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** Boots the real app on a fresh database of its own: one per test file. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const appUrl = await enableAppLogin(database.ownerUrl);
  await assertConfined(appUrl);
  // Files (documents, demo mail) go to a folder of this app's own, removed with it.
  const dataDir = mkdtempSync(join(tmpdir(), 'coopera-test-data-'));
  const config = loadConfig({
    COOPERA_DEMO: '1',
    COOPERA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    LOGIN_LIMIT_PER_IP: '1000',
    // The app shares this process's event loop with Jest and the test's own client: how busy the
    // loop is says nothing of the app here (load-shedding.e2e-spec.ts sets it to test it).
    MAX_EVENT_LOOP_UTILIZATION_PERCENT: '0',
    ...env,
  });
  const app = await createApp(config, appUrl, createLogger(config.logLevel));
  const owner = new Client({ connectionString: database.ownerUrl });
  await owner.connect();
  // The owner arranges data as an administrator would (triggers check app.role, not only RLS).
  await owner.query(`SET app.role = 'ADMIN'`);
  let ownerTurn: Promise<unknown> = Promise.resolve();
  return {
    app,
    http: request(app.getHttpServer()),
    ownerUrl: database.ownerUrl,
    appUrl,
    dataDir: config.dataDir,
    sql: <R extends object>(text: string, params?: unknown[]) => {
      // One connection for the whole file: statements of callers running side by side (the fuzz
      // tests seed routes in parallel) take turns here rather than in pg's queue, which pg@9 drops.
      const rows = ownerTurn.then(() => owner.query<R>(text, params)).then((result) => result.rows);
      ownerTurn = rows.catch(() => undefined);
      return rows;
    },
    close: async () => {
      await app.close();
      await owner.end();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
