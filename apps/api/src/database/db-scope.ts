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

/**
 * What the code of one request reaches without being handed it: the statement count and the
 * transaction. A request's scope is entered before its transaction exists (the access guard
 * begins it): its `transaction` is set on the scope later, and the code in it sees the change.
 */
export interface DbScope {
  readonly metrics: QueryMetrics | null;
  transaction: Transaction | null;
  /** A request that only reads (GET, HEAD): its last read may end its transaction (Db.finalQuery). */
  readonly readOnly: boolean;
}

/*
 * The request's statement count and its transaction, in one AsyncLocalStorage: on Node 20 every
 * enabled AsyncLocalStorage adds its own work to each promise created, and a request creates
 * hundreds.
 */
const scope = new AsyncLocalStorage<DbScope>();

/** Runs `work` in a new scope of its own, counting its statements; no transaction yet. */
export function runInRequestScope<T>(requestScope: DbScope, work: () => T): T {
  return scope.run(requestScope, work);
}

/** A request's scope: its statements counted from now, no transaction yet. */
export function newRequestScope(readOnly = false): DbScope {
  return { metrics: { queries: 0, startedAt: process.hrtime.bigint() }, transaction: null, readOnly };
}

/** Runs `work` within `transaction`; the statements still count where they did. */
export function runInTransaction<T>(transaction: Transaction, work: () => T): T {
  return scope.run({ metrics: scope.getStore()?.metrics ?? null, transaction, readOnly: false }, work);
}

/** The current scope is a read-only request's, in the transaction its access guard began. */
export function inReadOnlyRequest(): boolean {
  return scope.getStore()?.readOnly ?? false;
}

export function currentTransaction(): Transaction | null {
  return scope.getStore()?.transaction ?? null;
}

export function currentMetrics(): QueryMetrics | null {
  return scope.getStore()?.metrics ?? null;
}
