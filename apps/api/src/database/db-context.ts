import { Role } from '@coopera/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { isDatabaseUnavailable } from '../common/database-unavailable';
import { poolOf } from './pool';
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
   * PostgreSQL ~0.15 ms of CPU whatever the statement, and every request pays this one. TypeORM's
   * query runner over the connection is made only if `work` asks for the manager: the hot reads
   * (`query`) go without it.
   */
  async run<T>(actor: DbActor, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transact(actor, (transaction) => work(transaction.manager));
  }

  /** `run` for a request's handler, which reaches the transaction through `manager` and `query`. */
  serve<T>(actor: DbActor, work: () => Promise<T>): Promise<T> {
    return this.transact(actor, work);
  }

  private async transact<T>(actor: DbActor, work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const pool = poolOf(this.dataSource);
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new QueryFailedError('(connect)', undefined, error as Error);
    }
    // A checked-out client that loses its server emits 'error': without a listener that would
    // end the process. The pool drops a client released with an error instead of reusing it.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost = error);
    client.on('error', onError);
    const transaction = new RequestTransaction(this.dataSource, client);
    try {
      await send(client, beginActingFor(client, actor));
      try {
        const result = await runInTransaction(transaction, () => work(transaction));
        await send(client, 'COMMIT');
        return result;
      } catch (error) {
        // After a failed COMMIT the transaction is already over: the ROLLBACK then only warns.
        await send(client, 'ROLLBACK').catch(() => undefined);
        throw error;
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) lost ??= error as Error;
      throw error;
    } finally {
      transaction.close();
      client.removeListener('error', onError);
      client.release(lost);
    }
  }

  private transaction(): Transaction {
    const transaction = currentTransaction();
    if (!transaction) throw new Error('No database transaction: the route runs without a request context.');
    return transaction;
  }
}

/** The connection of one transaction, and TypeORM's query runner over it once a service asks for one. */
class RequestTransaction implements Transaction {
  private runner: QueryRunner | null = null;

  constructor(
    private readonly dataSource: DataSource,
    readonly client: PoolClient,
  ) {}

  get manager(): EntityManager {
    if (!this.runner) {
      const runner = this.dataSource.createQueryRunner();
      // A runner that finds its connection set uses it, and does not give it back on release.
      (runner as unknown as { databaseConnection: PoolClient }).databaseConnection = this.client;
      // TypeORM's record of a transaction it began itself: with it, an entity save joins this
      // transaction (a savepoint) instead of beginning and committing one of its own.
      const state = runner as unknown as TypeOrmTransactionState;
      state.isTransactionActive = true;
      state.transactionDepth = 1;
      this.runner = runner;
    }
    return this.runner.manager;
  }

  close(): void {
    if (!this.runner) return;
    const state = this.runner as unknown as TypeOrmTransactionState;
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    void this.runner.release();
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
