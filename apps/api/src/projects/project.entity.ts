import { PROJECT_CATEGORIES, PROJECT_STATUSES, ProjectCategory, ProjectStatus, SAI_SERVICES, SaiService } from '@coopera/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Comune } from '../comuni/comune.entity';

/** A SAI project; `comune_id` is its titolare (capofila), the tenant that writes it. */
@Entity({ name: 'projects' })
@Check('projects_posti_check', '"posti" > 0')
@Check('projects_period_check', '"end_date" > "start_date"')
@Check('projects_effective_end_check', '"effective_end_date" >= "end_date"')
@Check('projects_closed_check', `("status" = 'CLOSED') = ("closed_at" IS NOT NULL)`)
// At most one open project per category per titolare: the SAI finances one of each.
@Index('projects_open_category_key', ['comuneId', 'category'], { unique: true, where: `"status" <> 'CLOSED'` })
export class ProjectRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'projects_pkey' })
  id: string;

  @Index('projects_comune_id_idx')
  @Column({ name: 'comune_id', type: 'uuid' })
  comuneId: string;

  @ManyToOne(() => Comune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comune_id', foreignKeyConstraintName: 'projects_comune_id_fkey' })
  comune?: Comune;

  @Index('projects_code_key', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'enum', enum: PROJECT_CATEGORIES, enumName: 'project_category' })
  category: ProjectCategory;

  @Column({ type: 'enum', enum: PROJECT_STATUSES, enumName: 'project_status' })
  status: ProjectStatus;

  @Column({ type: 'integer' })
  posti: number;

  /** `posti` plus the ampliamenti: kept on write so that the directory sums one column. */
  @Column({ name: 'posti_total', type: 'integer' })
  postiTotal: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  /** `end_date` or the last extension's: kept on write. */
  @Column({ name: 'effective_end_date', type: 'date' })
  effectiveEndDate: string;

  @Column({ name: 'responsible_officer', type: 'varchar', length: 200, nullable: true })
  responsibleOfficer: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  mailbox: string | null;

  @Column({ type: 'enum', enum: SAI_SERVICES, enumName: 'sai_service', array: true, default: '{}' })
  services: SaiService[];

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_reason', type: 'varchar', length: 500, nullable: true })
  closedReason: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
