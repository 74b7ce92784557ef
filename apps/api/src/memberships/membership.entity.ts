import { MEMBERSHIP_STATUSES, MembershipStatus, ROLES, Role } from '@coopera/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Comune } from '../comuni/comune.entity';
import { User } from '../users/user.entity';

/** A Comune's adherence to the coordination: one per Comune, its steps in `membership_events`. */
@Entity({ name: 'memberships' })
@Index('memberships_status_idx', ['status'])
export class MembershipRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'memberships_pkey' })
  id: string;

  @Index('memberships_comune_id_key', { unique: true })
  @Column({ name: 'comune_id', type: 'uuid' })
  comuneId: string;

  @OneToOne(() => Comune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comune_id', foreignKeyConstraintName: 'memberships_comune_id_fkey' })
  comune?: Comune;

  @Column({ type: 'enum', enum: MEMBERSHIP_STATUSES, enumName: 'membership_status' })
  status: MembershipStatus;

  @Column({ name: 'referent_name', type: 'varchar', length: 200 })
  referentName: string;

  @Column({ name: 'referent_role', type: 'varchar', length: 200, nullable: true })
  referentRole: string | null;

  @Column({ name: 'referent_email', type: 'varchar', length: 254, nullable: true })
  referentEmail: string | null;

  /** When the current request was made (a new request after a withdrawal moves it). */
  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One transition of a membership: who, when, why. Never changed once written. */
@Entity({ name: 'membership_events' })
@Index('membership_events_membership_id_idx', ['membershipId', 'occurredAt'])
export class MembershipEventRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'membership_events_pkey' })
  id: string;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => MembershipRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'membership_events_membership_id_fkey' })
  membership?: MembershipRecord;

  @Index('membership_events_comune_id_idx')
  @Column({ name: 'comune_id', type: 'uuid' })
  comuneId: string;

  @Column({ name: 'from_status', type: 'enum', enum: MEMBERSHIP_STATUSES, enumName: 'membership_status', nullable: true })
  fromStatus: MembershipStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: MEMBERSHIP_STATUSES, enumName: 'membership_status' })
  toStatus: MembershipStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'membership_events_actor_id_fkey' })
  actor?: User | null;

  /** Kept as written: the history reads the same after an account is renamed or removed. */
  @Column({ name: 'actor_name', type: 'varchar', length: 200, nullable: true })
  actorName: string | null;

  @Column({ name: 'actor_role', type: 'enum', enum: ROLES, enumName: 'role', nullable: true })
  actorRole: Role | null;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
