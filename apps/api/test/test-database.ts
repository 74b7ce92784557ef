import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Shared between the global setup and the test files through the environment. */
export const ENV_SERVER_URL = 'COOPERA_TEST_SERVER_URL';
export const ENV_TEMPLATE = 'COOPERA_TEST_TEMPLATE_DB';

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function onServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(database)} WITH (FORCE)`));
}

/** A fresh database for one test file: a copy of the migrated template, dropped afterwards. */
export async function createTestDatabase(): Promise<{ name: string; ownerUrl: string; drop(): Promise<void> }> {
  const serverUrl = process.env[ENV_SERVER_URL];
  const template = process.env[ENV_TEMPLATE];
  if (!serverUrl || !template) throw new Error('Run the e2e tests through jest.e2e.config.cts (global setup).');
  const name = uniqueName('coopera_test');
  await onServer(serverUrl, (c) =>
    c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`),
  );
  return { name, ownerUrl: withDatabase(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}
