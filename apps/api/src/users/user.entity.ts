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

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
