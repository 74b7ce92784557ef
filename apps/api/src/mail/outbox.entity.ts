import { OUTBOX_KINDS, OUTBOX_STATUSES, OutboxKind, OutboxStatus } from '@coopera/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Comune } from '../comuni/comune.entity';
import { MeetingRecord } from '../meetings/meeting.entity';

export interface OutboxAttachment {
  fileName: string;
  contentType: string;
  /** UTF-8 text (the .ics). */
  content: string;
}

/**
 * One e-mail to the referents of one Comune, written in the transaction of the change it announces
 * and delivered later by the outbox worker. `dedupe_key` makes "announce this once" a constraint.
 */
@Entity({ name: 'mail_outbox' })
@Index('mail_outbox_due_idx', ['nextAttemptAt'], { where: `"status" = 'PENDING'` })
@Index('mail_outbox_meeting_id_idx', ['meetingId', 'createdAt'])
@Index('mail_outbox_comune_id_idx', ['comuneId'])
@Index('mail_outbox_created_at_idx', ['createdAt'])
export class OutboxRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'mail_outbox_pkey' })
  id: string;

  @Column({ type: 'enum', enum: OUTBOX_KINDS, enumName: 'outbox_kind' })
  kind: OutboxKind;

  @Column({ type: 'enum', enum: OUTBOX_STATUSES, enumName: 'outbox_status', default: 'PENDING' })
  status: OutboxStatus;

  @Index('mail_outbox_dedupe_key_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @ManyToOne(() => MeetingRecord, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'mail_outbox_meeting_id_fkey' })
  meeting?: MeetingRecord;

  /** The Comune whose referents receive it. */
  @Column({ name: 'comune_id', type: 'uuid', nullable: true })
  comuneId: string | null;

  @ManyToOne(() => Comune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comune_id', foreignKeyConstraintName: 'mail_outbox_comune_id_fkey' })
  comune?: Comune;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  attachments: OutboxAttachment[];

  /** Resolved at delivery: the Comune's active referents then. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  recipients: string[];

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** A worker holds the message until then; past it, another may take it over. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Demo mode: where the message was written, relative to the data folder. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  file: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
