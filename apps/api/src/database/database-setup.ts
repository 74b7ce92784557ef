import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig, ConfigError } from '../config/app-config';
import { APP_ROLE } from './app-role';
import { createDataSource } from './data-source';
import { EmbeddedCluster } from './embedded-cluster';
import { loadReferenceData } from './reference-data';

export interface DatabaseConnections {
  /** The owner: migrates and loads reference data. */
  ownerUrl: string;
  /** The confined application role: serves requests. */
  appUrl: string;
  /** Stops the embedded server, if we started one. */
  stop(): Promise<void>;
}

type Log = (message: string) => void;

const DATABASE_NAME = 'coopera';

/**
 * Everything the API needs before it serves a request: a server (the configured one, or our
 * embedded one), the schema at its latest migration, the reference data, and the app role.
 */
export async function openDatabase(config: AppConfig, log: Log): Promise<DatabaseConnections> {
  let cluster: EmbeddedCluster | null = null;
  let ownerUrl = config.databaseUrl;
  if (ownerUrl === null) {
    const dir = join(config.dataDir, 'pg');
    log(`Starting the embedded PostgreSQL in ${dir}`);
    cluster = await EmbeddedCluster.start({ dir, durable: true });
    await ensureDatabase(cluster.url('postgres'), DATABASE_NAME);
    ownerUrl = cluster.url(DATABASE_NAME);
  }
  const stop = async () => {
    await cluster?.stop();
  };
  try {
    await prepareSchema(ownerUrl, log);
    const appUrl = config.databaseAppUrl ?? (await enableAppLogin(ownerUrl));
    await assertConfined(appUrl);
    return { ownerUrl, appUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Migrations, then reference data, under an advisory lock so that API replicas take turns. */
export async function prepareSchema(ownerUrl: string, log: Log): Promise<void> {
  const dataSource = createDataSource({ url: ownerUrl, poolSize: 2, applicationName: 'coopera-migrate' });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new ConfigError(`Cannot connect to the database: ${describe(error)}`);
  }
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtext('coopera-migrations'))`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`Applied migration ${migration.name}`);
    const rows = await dataSource.transaction((manager) => loadReferenceData(manager));
    log(`Reference data: ${rows} enti locali`);
  } finally {
    await lock.release();
    await dataSource.destroy(); // ending the session releases the advisory lock
  }
}

/**
 * Without DATABASE_APP_URL, the owner lets the app role log in with a password derived from the
 * owner's own credentials: every replica derives the same one, and nobody needs to store it.
 */
export async function enableAppLogin(ownerUrl: string): Promise<string> {
  const url = new URL(ownerUrl);
  // The role belongs to the whole server: derive from the server credentials, not the database name.
  const server = `${url.username}:${url.password}@${url.host}`;
  const password = createHmac('sha256', server).update(APP_ROLE).digest('base64url');
  url.username = APP_ROLE;
  url.password = password;
  const appUrl = url.toString();
  if (await canConnect(appUrl)) return appUrl;

  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await owner.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${owner.escapeLiteral(password)}`);
        break;
      } catch (error) {
        // Two processes altering the same role at once: the other one did the same thing.
        if (attempt >= 3 || !/concurrently updated/.test(describe(error))) throw error;
      }
    }
  } finally {
    await owner.end();
  }
  return appUrl;
}

/** Row-level security means nothing to a superuser, a BYPASSRLS role or the tables' owner. */
export async function assertConfined(appUrl: string): Promise<void> {
  const client = new Client({ connectionString: appUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new ConfigError(`Cannot connect as the application role: ${describe(error)}`);
  }
  try {
    const { rows } = await client.query<{ role: string; rolsuper: boolean; rolbypassrls: boolean; owned: string }>(`
      SELECT current_user AS role, r.rolsuper, r.rolbypassrls,
             (SELECT count(*) FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`);
    const role = rows[0];
    if (!role) throw new ConfigError('The application role is not in pg_roles.');
    if (role.rolsuper || role.rolbypassrls || Number(role.owned) > 0) {
      throw new ConfigError(
        `The API refuses to serve as database role "${role.role}": it must not be superuser, ` +
          `have BYPASSRLS or own the tables (superuser=${role.rolsuper}, bypassrls=${role.rolbypassrls}, owns ${role.owned} tables).`,
      );
    }
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(maintenanceUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
