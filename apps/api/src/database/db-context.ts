import { Role } from '@coopera/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

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
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The transaction of the request being served. */
  get manager(): EntityManager {
    const manager = this.current.getStore();
    if (!manager) throw new Error('No database transaction: the route runs without a request context.');
    return manager;
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

  /** Runs `work` in a new transaction acting for `actor`; `manager` points to it meanwhile. */
  run<T>(actor: DbActor, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true),
                set_config('app.comune_id', $3, true), set_config('app.purpose', $4, true)`,
        [actor.userId ?? '', actor.role ?? '', actor.comuneId ?? '', actor.purpose ?? ''],
      );
      return this.current.run(manager, () => work(manager));
    });
  }
}
