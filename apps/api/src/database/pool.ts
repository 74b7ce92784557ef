import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The node-postgres pool under TypeORM's Postgres driver: for the request transactions (Db), the
 * one-statement reads that need no transaction (the token's account) and the pool's own figures
 * (clients waiting). TypeORM does not type it.
 */
export function poolOf(dataSource: DataSource): Pool {
  const pool: unknown = (dataSource.driver as { master?: unknown }).master;
  if (typeof pool !== 'object' || pool === null || typeof (pool as Partial<Pool>).query !== 'function') {
    throw new Error('The data source has no PostgreSQL pool: is it initialized, and is it PostgreSQL?');
  }
  return pool as Pool;
}
