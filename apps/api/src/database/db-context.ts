import { Role } from '@coopera/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { isDatabaseUnavailable } from '../common/database-unavailable';
import { poolOf } from './pool';
import { finalReadMessage, LiteralValue, prepared } from './prepared';
import { currentMetrics, currentTransaction, inReadOnlyRequest, runInTransaction, Transaction } from './db-scope';

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
   * A read in the request's transaction, sent straight on its connection as a named statement
   * (`prepared`): the rows, without TypeORM's work around each statement (its events, its result
   * wrapping, four more awaits) nor PostgreSQL's planning after the first time on a connection.
   * For the hot read paths, whose texts are few; failures are TypeORM's QueryFailedError all the same.
   */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await send<T>(this.transaction().client, sql, params, true)).rows;
  }

  /**
   * A write in the current transaction, straight on its connection: the number of rows it
   * changed. For the hot write paths, whose statements TypeORM's query builder spent a quarter of
   * the API's CPU building (projects/project-writes.sql.ts). `named` for a text that never varies
   * (planned once per connection); not for texts built per call, such as multi-row inserts.
   */
  async execute(sql: string, params: unknown[] = [], named = false): Promise<number> {
    return (await send(this.transaction().client, sql, params, named)).rowCount;
  }

  /**
   * The last statement of a request that only reads (GET, HEAD), sent with the COMMIT that ends
   * its transaction in one message: one round trip fewer for the request, ~0.2–0.25 ms of CPU on
   * this machine between Node and PostgreSQL (bench/README.md). Nothing may follow it in the
   * request: a later statement fails with an error that says so. Elsewhere (a request that
   * writes, a transaction of `run`) it is `query`, and the transaction ends as usual.
   */
  async finalQuery<T>(sql: string, params: LiteralValue[] = []): Promise<T[]> {
    const transaction = this.transaction();
    if (!inReadOnlyRequest() || !(transaction instanceof RequestTransaction)) return this.query<T>(sql, params);
    const client = transaction.client;
    const message = finalReadMessage(sql, params, (text) => client.escapeLiteral(text), (name) => preparedOn(client).has(name));
    if (!message) return this.query<T>(sql, params);
    const metrics = currentMetrics();
    if (metrics) metrics.queries++;
    let results: { rows: T[] }[];
    try {
      results = (await client.query(message.text)) as unknown as { rows: T[] }[];
    } catch (error) {
      // The message stops at its failing statement, and which one that was is not known here:
      // whether PREPARE took effect is not either, so the connection is not used again.
      if (message.prepares) transaction.lose(error as Error);
      throw new QueryFailedError(sql, params, error as Error);
    }
    if (message.prepares) preparedOn(client).add(message.name);
    transaction.committedByFinalRead = true;
    transaction.release();
    return results[message.prepares ? 1 : 0]?.rows ?? [];
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

  private async transact<T>(actor: DbActor, work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const { transaction } = await this.begin((client) => beginActingFor(client, actor));
    return this.finish(transaction, work);
  }

  /**
   * Begins a transaction with `begin(client)`, a message that starts it and sets its row-level
   * security context, and answers the rows of that message's last statement: the access guard
   * reads the token's account in the very statement that sets the context from it
   * (`beginForAccount`), one round trip for both. The transaction then belongs to the caller, who
   * must end it with `close` or `discard` (request-transactions.ts).
   */
  open<R>(begin: (client: PoolClient) => string): Promise<{ transaction: OpenedTransaction; rows: R[] }> {
    return this.begin<R>(begin);
  }

  private async begin<R>(begin: (client: PoolClient) => string): Promise<{ transaction: RequestTransaction; rows: R[] }> {
    const pool = poolOf(this.dataSource);
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new QueryFailedError('(connect)', undefined, error as Error);
    }
    const transaction = new RequestTransaction(this.dataSource, client);
    try {
      const results = await sendMany<R>(client, begin(client));
      return { transaction, rows: results.at(-1)?.rows ?? [] };
    } catch (error) {
      await this.end(transaction, error);
      throw error;
    }
  }

  /**
   * Ends a transaction from `open` that served a request: COMMIT, or ROLLBACK unless `commit`.
   * Rejects if COMMIT failed (the transaction is then over, nothing of it persisted).
   */
  async close(transaction: OpenedTransaction, commit: boolean): Promise<void> {
    // A read-only request's final read has committed it already (finalQuery).
    if (transaction instanceof RequestTransaction && transaction.committedByFinalRead) return;
    const served = asRequestTransaction(transaction);
    if (commit) await this.commit(served);
    else await this.end(served);
  }

  /** Rolls back a transaction from `open` that will serve nothing (the guard refused the request). */
  async discard(transaction: OpenedTransaction): Promise<void> {
    await this.end(asRequestTransaction(transaction));
  }

  private async finish<T>(transaction: RequestTransaction, work: (transaction: Transaction) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await runInTransaction(transaction, () => work(transaction));
    } catch (error) {
      await this.end(transaction, error);
      throw error;
    }
    await this.commit(transaction);
    return result;
  }

  private async commit(transaction: RequestTransaction): Promise<void> {
    try {
      await send(transaction.client, 'COMMIT');
    } catch (error) {
      // After a failed COMMIT the transaction is already over: the ROLLBACK then only warns.
      await this.end(transaction, error);
      throw error;
    }
    transaction.release();
  }

  /** ROLLBACK, then the connection back to the pool; dropped by the pool if `error` says it is lost. */
  private async end(transaction: RequestTransaction, error?: unknown): Promise<void> {
    await send(transaction.client, 'ROLLBACK').catch(() => undefined);
    if (isDatabaseUnavailable(error)) transaction.lose(error as Error);
    transaction.release();
  }

  private transaction(): Transaction {
    const transaction = currentTransaction();
    if (!transaction) throw new Error('No database transaction: the route runs without a request context.');
    if (transaction instanceof RequestTransaction && transaction.committedByFinalRead) {
      throw new Error('The request\'s transaction has ended: its final read (Db.finalQuery) must be its last statement.');
    }
    return transaction;
  }
}

/** A transaction from `Db.open`, to be ended by `Db.close` or `Db.discard`. */
export interface OpenedTransaction extends Transaction {
  readonly ended: boolean;
}

function asRequestTransaction(transaction: OpenedTransaction): RequestTransaction {
  if (!(transaction instanceof RequestTransaction) || transaction.ended) throw new Error('Not an open transaction of Db.open.');
  return transaction;
}

/** The connection of one transaction, and TypeORM's query runner over it once a service asks for one. */
class RequestTransaction implements Transaction, OpenedTransaction {
  private runner: QueryRunner | null = null;
  private lost: Error | undefined;
  ended = false;
  /** Ended by the COMMIT sent with a read-only request's final read. */
  committedByFinalRead = false;
  // A checked-out client that loses its server emits 'error': without a listener that would end
  // the process. The pool drops a client released with an error instead of reusing it.
  private readonly onError = (error: Error) => (this.lost ??= error);

  constructor(
    private readonly dataSource: DataSource,
    readonly client: PoolClient,
  ) {
    client.on('error', this.onError);
  }

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

  lose(error: Error): void {
    this.lost ??= error;
  }

  /** The connection back to the pool, once. */
  release(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.runner) {
      const state = this.runner as unknown as TypeOrmTransactionState;
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      void this.runner.release();
    }
    this.client.removeListener('error', this.onError);
    this.client.release(this.lost);
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

/**
 * `START TRANSACTION; SELECT set_config(…) …` for the account of token subject `sub`: the account
 * row (`auth_account`, see its migration) and, in the same statement, the row-level security
 * context taken from it. No row: no such account, and no context.
 */
export function beginForAccount(client: Pick<PoolClient, 'escapeLiteral'>, sub: string): string {
  return (
    `START TRANSACTION; SELECT a.*, set_config('app.user_id', a.id::text, true) AS "@userId", set_config('app.role', a.role::text, true) AS "@role", ` +
    `set_config('app.comune_id', coalesce(a.comune_id::text, ''), true) AS "@comuneId", set_config('app.purpose', '', true) AS "@purpose" ` +
    `FROM auth_account(${client.escapeLiteral(sub)}) a`
  );
}

/** A message of several statements (simple protocol, no parameters), counted as one: each one's rows. */
async function sendMany<R>(client: PoolClient, sql: string): Promise<{ rows: R[] }[]> {
  const metrics = currentMetrics();
  if (metrics) metrics.queries++;
  try {
    const result: unknown = await client.query(sql);
    return (Array.isArray(result) ? result : [result]) as { rows: R[] }[];
  } catch (error) {
    throw new QueryFailedError(sql, undefined, error as Error);
  }
}

/** The final reads' statements each connection holds (PREPARE lasts as long as the connection). */
const preparedStatements = new WeakMap<PoolClient, Set<string>>();

function preparedOn(client: PoolClient): Set<string> {
  let names = preparedStatements.get(client);
  if (!names) preparedStatements.set(client, (names = new Set()));
  return names;
}

/** One statement on `client`, counted in the request's metrics; a failure as TypeORM reports it. */
async function send<T>(client: PoolClient, sql: string, params?: unknown[], named = false): Promise<{ rows: T[]; rowCount: number }> {
  const metrics = currentMetrics();
  if (metrics) metrics.queries++;
  try {
    const result = named ? await client.query(prepared(sql, params ?? [])) : await client.query(sql, params);
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}
