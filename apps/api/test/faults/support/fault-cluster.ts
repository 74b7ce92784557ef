import { dirname } from 'node:path';
import { ensureDatabase } from '../../../src/database/database-setup';
import { EmbeddedCluster, scratchClusterDir } from '../../../src/database/embedded-cluster';

export interface FaultCluster {
  cluster: EmbeddedCluster;
  /** Owner (superuser) URL of the `coopera` database: hand it to `startApi` as DATABASE_URL. */
  databaseUrl: string;
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL server of the test's own, durable as in production (fsync and synchronous_commit
 * on) so that a crash test proves what production would keep. `cluster.stopImmediately()` and
 * `cluster.restart()` crash and revive it on the same port.
 */
export async function startFaultCluster(prefix = 'coopera-faults'): Promise<FaultCluster> {
  const dir = scratchClusterDir(prefix);
  const cluster = await EmbeddedCluster.start({ dir, durable: true });
  try {
    await ensureDatabase(cluster.url('postgres'), 'coopera');
  } catch (error) {
    await cluster.destroy(dirname(dir));
    throw error;
  }
  return { cluster, databaseUrl: cluster.url('coopera'), destroy: () => cluster.destroy(dirname(dir)) };
}
