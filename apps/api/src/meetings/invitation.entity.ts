import { Delegate, INVITATION_STATUSES, InvitationStatus } from '@coopera/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Comune } from '../comuni/comune.entity';
import { MeetingRecord } from './meeting.entity';

/** A Comune invited to a meeting, and its answer: the tenant-owned side of a meeting. */
@Entity({ name: 'meeting_invitations' })
@Index('meeting_invitations_meeting_comune_key', ['meetingId', 'comuneId'], { unique: true })
@Index('meeting_invitations_comune_id_idx', ['comuneId'])
@Index('meeting_invitations_waiting_idx', ['meetingId', 'waitingSince'], { where: `"status" = 'WAITING'` })
export class InvitationRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_invitations_pkey' })
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_invitations_meeting_id_fkey' })
  meeting?: MeetingRecord;

  @Column({ name: 'comune_id', type: 'uuid' })
  comuneId: string;

  @ManyToOne(() => Comune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comune_id', foreignKeyConstraintName: 'meeting_invitations_comune_id_fkey' })
  comune?: Comune;

  @Column({ type: 'enum', enum: INVITATION_STATUSES, enumName: 'invitation_status', default: 'PENDING' })
  status: InvitationStatus;

  /** Names and roles of the people the Comune sends (up to five). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  delegates: Delegate[];

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answered_by_name', type: 'varchar', length: 200, nullable: true })
  answeredByName: string | null;

  /** Order of the waiting list: when the answer found the seats taken. */
  @Column({ name: 'waiting_since', type: 'timestamptz', nullable: true })
  waitingSince: Date | null;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt: Date | null;

  /** The attendance register: null until the secretariat records it. */
  @Column({ type: 'boolean', nullable: true })
  present: boolean | null;

  @Column({ name: 'present_delegates', type: 'jsonb', default: () => `'[]'` })
  presentDelegates: string[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
