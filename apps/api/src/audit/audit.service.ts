import { AuditAction, AuditEntityType } from '@coopera/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Db } from '../database/db-context';
import { AuditEvent } from './audit-event.entity';

export type AuditInput = { action: AuditAction; entityType?: AuditEntityType } & Partial<
  Pick<AuditEvent, 'actorId' | 'actorRole' | 'comuneId' | 'entityId' | 'changes' | 'ip' | 'detail'>
>;

@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  /** In the request's transaction: recorded if and only if the write it describes commits. */
  async record(event: AuditInput): Promise<void> {
    await insert(this.db.manager, event);
  }

  /** In a transaction of its own: for refusals and failures, whose request is rolled back. */
  async recordAlways(event: AuditInput): Promise<void> {
    await this.db.run({ purpose: 'audit' }, (m) => insert(m, event));
  }
}

/**
 * Without RETURNING: reading the new row back would need the SELECT policy, which only admins
 * and the secretariat pass. (TypeORM's partial-entity type cannot follow the JSON of `changes`.)
 */
async function insert(manager: EntityManager, event: AuditInput): Promise<void> {
  const row = { ...event, detail: clip(event.detail) };
  await manager
    .createQueryBuilder()
    .insert()
    .into(AuditEvent)
    .values(row as QueryDeepPartialEntity<AuditEvent>)
    .updateEntity(false)
    .execute();
}

/** The length of `audit_events.detail`. */
export const AUDIT_DETAIL_MAX = 500;

/**
 * The detail as the column holds it: a reason may be longer (a cancellation's, up to 1,000
 * characters, is kept whole with its meeting), and the whole write used to fail on it (a 500).
 */
function clip(detail: string | null | undefined): string | null | undefined {
  if (!detail) return detail;
  const characters = [...detail]; // varchar counts code points, not UTF-16 units
  return characters.length <= AUDIT_DETAIL_MAX ? detail : `${characters.slice(0, AUDIT_DETAIL_MAX - 1).join('')}…`;
}
