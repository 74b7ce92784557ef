import { AGENDA_ITEM_KINDS, AgendaItemKind, MEETING_MODES, MEETING_STATUSES, MeetingMode, MeetingStatus, Speaker } from '@coopera/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { WorkingGroupRecord } from '../working-groups/working-group.entity';

/** A coordination meeting, convened by the secretariat for the network (not a tenant's row). */
@Entity({ name: 'meetings' })
@Check('meetings_period_check', '"ends_at" > "starts_at"')
@Check('meetings_seat_limit_check', '"seat_limit" > 0')
@Check('meetings_mode_check', `("mode" = 'IN_PERSON' OR "online_url" IS NOT NULL) AND ("mode" = 'ONLINE' OR "place" IS NOT NULL)`)
@Check('meetings_cancelled_check', `("status" = 'CANCELLED') = ("cancelled_reason" IS NOT NULL)`)
@Index('meetings_starts_at_idx', ['startsAt'])
export class MeetingRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meetings_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 5000, nullable: true })
  description: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'enum', enum: MEETING_MODES, enumName: 'meeting_mode' })
  mode: MeetingMode;

  @Column({ type: 'varchar', length: 300, nullable: true })
  place: string | null;

  @Column({ name: 'online_url', type: 'varchar', length: 500, nullable: true })
  onlineUrl: string | null;

  @Column({ name: 'seat_limit', type: 'integer', nullable: true })
  seatLimit: number | null;

  @Index('meetings_working_group_id_idx')
  @Column({ name: 'working_group_id', type: 'uuid', nullable: true })
  workingGroupId: string | null;

  @ManyToOne(() => WorkingGroupRecord, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'working_group_id', foreignKeyConstraintName: 'meetings_working_group_id_fkey' })
  workingGroup?: WorkingGroupRecord | null;

  @Column({ type: 'enum', enum: MEETING_STATUSES, enumName: 'meeting_status' })
  status: MeetingStatus;

  @Column({ name: 'cancelled_reason', type: 'varchar', length: 1000, nullable: true })
  cancelledReason: string | null;

  /** Minutes, in Markdown: a draft until published. */
  @Column({ name: 'minutes_markdown', type: 'text', nullable: true })
  minutesMarkdown: string | null;

  @Column({ name: 'minutes_published_at', type: 'timestamptz', nullable: true })
  minutesPublishedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One timed item of a meeting's programme, with its speakers. */
@Entity({ name: 'meeting_agenda_items' })
@Index('meeting_agenda_items_meeting_id_idx', ['meetingId', 'position'])
@Check('meeting_agenda_items_duration_check', '"duration_minutes" > 0')
export class AgendaItemRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_agenda_items_pkey' })
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_agenda_items_meeting_id_fkey' })
  meeting?: MeetingRecord;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'enum', enum: AGENDA_ITEM_KINDS, enumName: 'agenda_item_kind' })
  kind: AgendaItemKind;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'duration_minutes', type: 'integer', nullable: true })
  durationMinutes: number | null;

  /** Name, role, organisation of each speaker, in order: read and written with the item, never alone. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  speakers: Speaker[];
}
