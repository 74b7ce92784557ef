import { Role } from '@coopera/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { currentMetrics, currentTransaction, runInTransaction, Transaction } from './db-scope';

/** Narrow, named exceptions to the tenant rules that some policies admit (see the migrations). */
export type DbPurpose = 'authenticate' | 'audit' | 'seat-allocation' | 'mail-delivery' | 'calendar-feed' | 'statistics';

/** Who a transaction acts for: row-level security reads these (see the identity migration). */
export interface DbActor {
  userId?: string | null;
  role?: Role | null;
  comuneId?: string | null;
  /** A narrow, named exception to the tenant rules, e.g. 'authenticate' for sign-in look-ups. */
  purpose?: DbPurpose | null;
}

/**
 * Database access for services: every query runs inside a transaction whose row-level security
 * context is set with `set_config(…, true)`, i.e. for that transaction only, so that a pooled
 * connection never carries one request's tenant into the next.
 */
@Injectable()
export class Db {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The transaction of the request being served. */
  get manager(): EntityManager {
    return this.transaction().manager;
  }

  /**
   * A read in the request's transaction, sent straight on its connection: the rows, without
   * TypeORM's work around each statement (its events, its result wrapping, four more awaits).
   * For the hot read paths; failures are TypeORM's QueryFailedError all the same.
   */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await send<T>(this.transaction().client, sql, params)).rows;
  }

  /**
   * Runs `work` in the request's transaction under `purpose`, then drops it again: the policies
   * that admit the purpose apply only to the statements of `work`.
   */
  async withPurpose<T>(purpose: DbPurpose, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const manager = this.manager;
    await manager.query(`SELECT set_config('app.purpose', $1, true)`, [purpose]);
    try {
      return await work(manager);
    } finally {
      // After a failed statement the transaction is aborted and rolls back, purpose and all:
      // the reset may then fail, and must not hide the first error.
      await manager.query(`SELECT set_config('app.purpose', '', true)`).catch(() => undefined);
    }
  }

  /**
   * Runs `work` in a new transaction acting for `actor`; `manager` points to it meanwhile.
   *
   * BEGIN and the row-level security context go in one message (two statements in PostgreSQL's
   * simple protocol, so the values are quoted literals): on this machine a round trip costs
   * PostgreSQL ~0.15 ms of CPU whatever the statement, and every request pays this one.
   */
  async run<T>(actor: DbActor, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    // TypeORM's record of a transaction it began itself: with it, an entity save inside `work`
    // joins this transaction (a savepoint) instead of beginning and committing one of its own.
    const state = runner as unknown as TypeOrmTransactionState;
    try {
      const client = (await runner.connect()) as PoolClient;
      await send(client, beginActingFor(client, actor));
      state.isTransactionActive = true;
      state.transactionDepth = 1;
      try {
        const result = await runInTransaction({ manager: runner.manager, client }, () => work(runner.manager));
        await send(client, 'COMMIT');
        return result;
      } catch (error) {
        // After a failed COMMIT the transaction is already over: the ROLLBACK then only warns.
        await send(client, 'ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      await runner.release();
    }
  }

  private transaction(): Transaction {
    const transaction = currentTransaction();
    if (!transaction) throw new Error('No database transaction: the route runs without a request context.');
    return transaction;
  }
}

interface TypeOrmTransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/** `START TRANSACTION; SELECT set_config(…)` for `actor`, its values quoted by the driver. */
export function beginActingFor(client: Pick<PoolClient, 'escapeLiteral'>, actor: DbActor): string {
  const literal = (value: string | null | undefined) => client.escapeLiteral(value ?? '');
  return (
    `START TRANSACTION; SELECT set_config('app.user_id', ${literal(actor.userId)}, true), set_config('app.role', ${literal(actor.role)}, true), ` +
    `set_config('app.comune_id', ${literal(actor.comuneId)}, true), set_config('app.purpose', ${literal(actor.purpose)}, true)`
  );
}

/** One statement on `client`, counted in the request's metrics; a failure as TypeORM reports it. */
async function send<T>(client: PoolClient, sql: string, params?: unknown[]): Promise<{ rows: T[] }> {
  const metrics = currentMetrics();
  if (metrics) metrics.queries++;
  try {
    const result = await client.query(sql, params);
    return { rows: result.rows as T[] };
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}
