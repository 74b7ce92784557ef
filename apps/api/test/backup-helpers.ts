import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '../src/config/app-config';
import { createApp } from '../src/create-app';
import { assertConfined, enableAppLogin } from '../src/database/database-setup';
import { createLogger } from '../src/logging/logger';
import { TEST_JWT_SECRET } from './test-app';

/* Shared by the backup tests: pg_dump's format (backup.e2e-spec.ts) and the built-in one (backup-builtin.e2e-spec.ts). */

export const ROOT = join(__dirname, '../../..');

export interface TableFingerprint {
  rows: number;
  digest: string;
}

/** Every table's row count and a digest of its rows in a fixed order; the policies, RLS flags, grants, sequences and functions. */
export async function fingerprint(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: names } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    const tables: Record<string, TableFingerprint> = {};
    for (const { name } of names) {
      const { rows } = await client.query<{ rows: number; digest: string }>(
        `SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS digest FROM ${client.escapeIdentifier(name)} t`,
      );
      tables[name] = rows[0] as TableFingerprint;
    }
    const list = async (sql: string) => (await client.query(sql)).rows;
    return {
      tables,
      policies: await list(`SELECT tablename, policyname, cmd, roles::text, qual, with_check FROM pg_policies ORDER BY 1, 2`),
      security: await list(`SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`),
      grants: await list(`SELECT table_name, privilege_type FROM information_schema.role_table_grants WHERE grantee = 'coopera_app' ORDER BY 1, 2`),
      sequences: await list(`SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`),
      functions: await list(`SELECT proname, md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2`),
      triggers: await list(`SELECT tgrelid::regclass::text AS relation, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`),
    };
  } finally {
    await client.end();
  }
}

/** One query's rows, as the given superuser URL sees them. */
export async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function serverVersion(url: string): Promise<string> {
  const [row] = await query<{ v: string }>(url, `SELECT current_setting('server_version') AS v`);
  return String(row?.v).split(' ')[0] ?? '';
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The npm scripts' command: ts-node on the CLI, with the environment given (DATABASE_URL left out). */
export function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const inherited = { ...process.env };
  delete inherited['DATABASE_URL'];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register', '-r', './tools/scripts/register-paths.cjs', 'tools/scripts/db-backup/cli.ts', ...args],
      { cwd: ROOT, env: { ...inherited, TS_NODE_TRANSPILE_ONLY: '1', TS_NODE_PROJECT: 'apps/api/tsconfig.app.json', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The restored database is the app's: its confined role connects, row-level security holds, a
 * demo account signs in and sees the meetings the source held.
 */
export async function expectServedByApi(ownerUrl: string, dataDir: string, demoPassword: string, meetings: number | undefined): Promise<void> {
  const appUrl = await enableAppLogin(ownerUrl);
  await assertConfined(appUrl);
  const config = loadConfig({ COOPERA_DEMO: '1', COOPERA_DATA_DIR: dataDir, LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET });
  const app = await createApp(config, appUrl, createLogger(config.logLevel));
  try {
    const http = request(app.getHttpServer());
    const login = await http.post('/api/v1/auth/login').send({ email: 'segreteria@coopera.example', password: demoPassword }).expect(200);
    const answer = await http.get('/api/v1/meetings').set({ authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` }).expect(200);
    expect((answer.body as { total: number }).total).toBe(meetings);
  } finally {
    await app.close();
  }
}
