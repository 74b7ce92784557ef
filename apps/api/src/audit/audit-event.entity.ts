import { ROLES, Role } from '@coopera/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Before/after of the fields a write changed. */
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/** One line of the append-only audit trail: writes, sign-ins and denials. */
@Entity({ name: 'audit_events' })
@Index('audit_events_comune_id_occurred_at_idx', ['comuneId', 'occurredAt'])
@Index('audit_events_occurred_at_idx', ['occurredAt'])
@Index('audit_events_actor_id_occurred_at_idx', ['actorId', 'occurredAt'])
@Index('audit_events_entity_occurred_at_idx', ['entityType', 'entityId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'audit_events_pkey' })
  id: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** e.g. `auth.login.failed`, `auth.denied`, `comune.update`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'enum', enum: ROLES, enumName: 'role', nullable: true })
  actorRole: Role | null;

  /** The Comune the event concerns, when it concerns one: the tenant of the row. */
  @Column({ name: 'comune_id', type: 'uuid', nullable: true })
  comuneId: string | null;

  @Column({ name: 'entity_type', type: 'varchar', length: 64, nullable: true })
  entityType: string | null;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  changes: AuditChanges | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail: string | null;
}
