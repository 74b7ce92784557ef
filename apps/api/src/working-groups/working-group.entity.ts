import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Comune } from '../comuni/comune.entity';

/** A thematic table of the coordination (network-wide, kept by the secretariat). */
@Entity({ name: 'working_groups' })
export class WorkingGroupRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'working_groups_pkey' })
  id: string;

  @Index('working_groups_name_key', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A Comune sitting at a working group's table: the tenant-owned side of the group. */
@Entity({ name: 'working_group_members' })
@Index('working_group_members_comune_id_idx', ['comuneId'])
export class WorkingGroupMemberRecord {
  @PrimaryColumn({ name: 'working_group_id', type: 'uuid', primaryKeyConstraintName: 'working_group_members_pkey' })
  workingGroupId: string;

  @PrimaryColumn({ name: 'comune_id', type: 'uuid', primaryKeyConstraintName: 'working_group_members_pkey' })
  comuneId: string;

  @ManyToOne(() => WorkingGroupRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'working_group_id', foreignKeyConstraintName: 'working_group_members_working_group_id_fkey' })
  workingGroup?: WorkingGroupRecord;

  @ManyToOne(() => Comune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comune_id', foreignKeyConstraintName: 'working_group_members_comune_id_fkey' })
  comune?: Comune;
}
