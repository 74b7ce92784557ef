import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The node-postgres pool under TypeORM's Postgres driver: for the one-statement reads of every
 * request that need no transaction and no entity (the token's account), and for the pool's own
 * figures (clients waiting). TypeORM does not type it.
 */
export function poolOf(dataSource: DataSource): Pool | null {
  const pool: unknown = (dataSource.driver as { master?: unknown }).master;
  return typeof pool === 'object' && pool !== null && typeof (pool as Partial<Pool>).query === 'function' ? (pool as Pool) : null;
}
