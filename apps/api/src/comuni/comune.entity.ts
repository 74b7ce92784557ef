import { COMUNE_KINDS, ComuneKind, ITALIAN_PROVINCES, Province } from '@coopera/domain';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A Comune of the network, or another ente locale that joins it (see `kind`): the tenant. */
@Entity({ name: 'comuni' })
@Index('comuni_province_name_idx', ['province', 'name'])
@Check('comuni_population_check', '"population" >= 0')
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
