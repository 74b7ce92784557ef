import { EmbeddedCluster, scratchClusterDir } from '../src/database/embedded-cluster';
import { prepareSchema } from '../src/database/database-setup';
import { ENV_SERVER_URL, ENV_TEMPLATE, onServer, uniqueName, withDatabase } from './test-database';

interface SetupState {
  cluster: EmbeddedCluster | null;
  clusterDir: string | null;
  serverUrl: string;
  template: string;
}

declare global {
  var __COOPERA_E2E__: SetupState | undefined;
}

/**
 * One server per run (DATABASE_URL's, or an embedded one of our own) and one migrated template
 * database, which each test file copies into its own fresh database.
 */
export default async function globalSetup(): Promise<void> {
  let cluster: EmbeddedCluster | null = null;
  let clusterDir: string | null = null;
  let serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    clusterDir = scratchClusterDir('coopera-e2e');
    cluster = await EmbeddedCluster.start({ dir: clusterDir, durable: false });
    serverUrl = cluster.url('postgres');
  }
  const template = uniqueName('coopera_tpl');
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(template)}`));
  await prepareSchema(withDatabase(serverUrl, template), () => undefined);

  process.env[ENV_SERVER_URL] = serverUrl;
  process.env[ENV_TEMPLATE] = template;
  globalThis.__COOPERA_E2E__ = { cluster, clusterDir, serverUrl, template };
}
