import { ROLES, Role } from '@coopera/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Comune } from '../comuni/comune.entity';

/** An account. A referent belongs to exactly one Comune; the other roles to none. */
@Entity({ name: 'users' })
@Check('users_referent_comune_check', `("role" = 'COMUNE_REFERENT') = ("comune_id" IS NOT NULL)`)
@Index('users_comune_id_idx', ['comuneId'])
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id: string;

  /** Stored lower-case, so that uniqueness ignores case. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: ROLES, enumName: 'role' })
  role: Role;

  @Column({ name: 'comune_id', type: 'uuid', nullable: true })
  comuneId: string | null;

  @ManyToOne(() => Comune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comune_id', foreignKeyConstraintName: 'users_comune_id_fkey' })
  comune?: Comune | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** argon2id; null until the account is activated. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash: string | null;

  /** Base32 TOTP secret: pending while `totpEnabledAt` is null. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 64, nullable: true, select: false })
  totpSecret: string | null;

  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /** The 30-second step of the last accepted code: a code is never accepted twice. */
  @Column({ name: 'totp_last_counter', type: 'bigint', nullable: true, select: false })
  totpLastCounter: string | null;

  /** SHA-256 of the unused recovery codes. */
  @Column({ name: 'totp_recovery_hashes', type: 'jsonb', nullable: true, select: false })
  totpRecoveryHashes: string[] | null;

  /** SHA-256 of the one-time activation link's token, until the password is set. */
  @Index('users_activation_token_hash_key', { unique: true })
  @Column({ name: 'activation_token_hash', type: 'char', length: 64, nullable: true, select: false })
  activationTokenHash: string | null;

  @Column({ name: 'activation_expires_at', type: 'timestamptz', nullable: true, select: false })
  activationExpiresAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
