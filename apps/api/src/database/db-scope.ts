import { AsyncLocalStorage } from 'node:async_hooks';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/** What one request cost the database: statements sent (BEGIN and COMMIT included) and time. */
export interface QueryMetrics {
  queries: number;
  startedAt: bigint;
}

/** The request's transaction: TypeORM's manager over it, and the connection it runs on. */
export interface Transaction {
  readonly manager: EntityManager;
  readonly client: PoolClient;
}

interface DbScope {
  readonly metrics: QueryMetrics | null;
  readonly transaction: Transaction | null;
}

/*
 * The request's statement count and its transaction, in one AsyncLocalStorage: on Node 20 every
 * enabled AsyncLocalStorage adds its own work to each promise created, and a request creates
 * hundreds.
 */
const scope = new AsyncLocalStorage<DbScope>();

/** Runs `work` counting its statements into `metrics`. */
export function runMeasured<T>(metrics: QueryMetrics, work: () => T): T {
  return scope.run({ metrics, transaction: null }, work);
}

/** Runs `work` within `transaction`; the statements still count where they did. */
export function runInTransaction<T>(transaction: Transaction, work: () => T): T {
  return scope.run({ metrics: scope.getStore()?.metrics ?? null, transaction }, work);
}

export function currentTransaction(): Transaction | null {
  return scope.getStore()?.transaction ?? null;
}

export function currentMetrics(): QueryMetrics | null {
  return scope.getStore()?.metrics ?? null;
}
