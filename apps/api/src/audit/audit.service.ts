import { AuditAction, AuditEntityType } from '@coopera/domain';
import { Injectable } from '@nestjs/common';
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
    await this.insert(event);
  }

  /** In a transaction of its own: for refusals and failures, whose request is rolled back. */
  async recordAlways(event: AuditInput): Promise<void> {
    await this.db.run({ purpose: 'audit' }, () => this.insert(event));
  }

  /**
   * Every write records an event: one fixed statement, planned once per connection, rather than
   * built per event by TypeORM's query builder (see project-writes.sql.ts). Without RETURNING:
   * reading the new row back would need the SELECT policy, which only admins and the secretariat pass.
   */
  private async insert(event: AuditInput): Promise<void> {
    await this.db.execute(
      AUDIT_INSERT,
      [
        event.action,
        event.actorId ?? null,
        event.actorRole ?? null,
        event.comuneId ?? null,
        event.entityType ?? null,
        event.entityId ?? null,
        event.changes == null ? null : JSON.stringify(event.changes),
        event.ip ?? null,
        clip(event.detail) ?? null,
      ],
      true,
    );
  }
}

export const AUDIT_INSERT =
  'INSERT INTO audit_events (action, actor_id, actor_role, comune_id, entity_type, entity_id, changes, ip, detail) ' +
  'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)';

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
