import { COMUNE_KINDS, ComuneKind, ITALIAN_PROVINCES, MEMBERSHIP_STATUSES, MembershipStatus, Province } from '@coopera/domain';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A Comune of the network, or another ente locale that joins it (see `kind`): the tenant. */
@Entity({ name: 'comuni' })
@Index('comuni_province_name_idx', ['province', 'name'])
@Check('comuni_population_check', '"population" >= 0')
// The directory's sort indexes (migration DirectoryAggregates1765344000000) mix orders TypeORM cannot describe.
@Index('comuni_directory_name_idx', { synchronize: false })
@Index('comuni_directory_posti_idx', { synchronize: false })
@Index('comuni_directory_projects_idx', { synchronize: false })
@Index('comuni_directory_population_idx', { synchronize: false })
export class Comune {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'comuni_pkey' })
  id: string;

  @Column({ type: 'enum', enum: COMUNE_KINDS, enumName: 'comune_kind' })
  kind: ComuneKind;

  /** Six digits for a Comune, three for the area enti; null for an Unione di Comuni. */
  @Index('comuni_istat_code_key', { unique: true })
  @Column({ name: 'istat_code', type: 'varchar', length: 6, nullable: true })
  istatCode: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /**
   * The database type holds every Italian sigla (migration ItalianProvinces1765171200000): the
   * national dataset has them all. Typed as the Sicilian `Province` because the domain's shapes
   * that carry it (ComuneSummary, ProjectDetail…) still are.
   */
  @Column({ type: 'enum', enum: ITALIAN_PROVINCES, enumName: 'province' })
  province: Province;

  @Column({ name: 'codice_catastale', type: 'char', length: 4, nullable: true })
  codiceCatastale: string | null;

  @Column({ type: 'integer', nullable: true })
  population: number | null;

  /**
   * The directory's figures, kept by triggers on memberships and projects (see migration
   * DirectoryAggregates1765344000000): never written by the application.
   */
  @Column({ name: 'membership_status', type: 'enum', enum: MEMBERSHIP_STATUSES, enumName: 'membership_status', nullable: true, select: false, insert: false, update: false })
  membershipStatus?: MembershipStatus | null;

  @Column({ name: 'project_count', type: 'integer', default: 0, select: false, insert: false, update: false })
  projectCount?: number;

  @Column({ name: 'posti_ordinari', type: 'integer', default: 0, select: false, insert: false, update: false })
  postiOrdinari?: number;

  @Column({ name: 'posti_msna', type: 'integer', default: 0, select: false, insert: false, update: false })
  postiMsna?: number;

  @Column({ name: 'posti_dm_ds', type: 'integer', default: 0, select: false, insert: false, update: false })
  postiDmDs?: number;

  @Column({ name: 'posti_total', type: 'integer', default: 0, select: false, insert: false, update: false })
  postiTotal?: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
