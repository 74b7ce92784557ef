import { ENTE_ROLES, EnteRole } from '@coopera/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Comune } from '../comuni/comune.entity';
import { EnteGestoreRecord } from '../enti-gestori/ente-gestore.entity';
import { ProjectRecord } from './project.entity';

// The parts of a project carry the titolare's `comune_id` too, so that row-level security
// decides on the row itself, without a join.

@Entity({ name: 'project_associated_comuni' })
@Index('project_associated_comuni_associated_id_idx', ['associatedComuneId'])
export class ProjectAssociatedComune {
  @PrimaryColumn({ name: 'project_id', type: 'uuid', primaryKeyConstraintName: 'project_associated_comuni_pkey' })
  projectId: string;

  @PrimaryColumn({ name: 'associated_comune_id', type: 'uuid', primaryKeyConstraintName: 'project_associated_comuni_pkey' })
  associatedComuneId: string;

  @Column({ name: 'comune_id', type: 'uuid' })
  comuneId: string;

  @ManyToOne(() => ProjectRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'project_associated_comuni_project_id_fkey' })
  project?: ProjectRecord;

  @ManyToOne(() => Comune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'associated_comune_id', foreignKeyConstraintName: 'project_associated_comuni_associated_comune_id_fkey' })
  associatedComune?: Comune;
}

@Entity({ name: 'project_expansions' })
@Check('project_expansions_posti_check', '"posti" > 0')
@Index('project_expansions_project_id_idx', ['projectId', 'position'])
export class ProjectExpansionRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'project_expansions_pkey' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'project_expansions_project_id_fkey' })
  project?: ProjectRecord;

  @Column({ name: 'comune_id', type: 'uuid' })
  comuneId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'integer' })
  posti: number;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'act_reference', type: 'varchar', length: 200 })
  actReference: string;
}

@Entity({ name: 'project_extensions' })
@Index('project_extensions_project_id_idx', ['projectId', 'position'])
export class ProjectExtensionRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'project_extensions_pkey' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'project_extensions_project_id_fkey' })
  project?: ProjectRecord;

  @Column({ name: 'comune_id', type: 'uuid' })
  comuneId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'date' })
  until: string;

  @Column({ name: 'act_reference', type: 'varchar', length: 200 })
  actReference: string;
}

@Entity({ name: 'project_enti_gestori' })
@Index('project_enti_gestori_ente_gestore_id_idx', ['enteGestoreId'])
export class ProjectEnteGestoreRecord {
  @PrimaryColumn({ name: 'project_id', type: 'uuid', primaryKeyConstraintName: 'project_enti_gestori_pkey' })
  projectId: string;

  @PrimaryColumn({ name: 'ente_gestore_id', type: 'uuid', primaryKeyConstraintName: 'project_enti_gestori_pkey' })
  enteGestoreId: string;

  @ManyToOne(() => ProjectRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'project_enti_gestori_project_id_fkey' })
  project?: ProjectRecord;

  @ManyToOne(() => EnteGestoreRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ente_gestore_id', foreignKeyConstraintName: 'project_enti_gestori_ente_gestore_id_fkey' })
  enteGestore?: EnteGestoreRecord;

  @Column({ name: 'comune_id', type: 'uuid' })
  comuneId: string;

  @Column({ type: 'enum', enum: ENTE_ROLES, enumName: 'ente_role' })
  role: EnteRole;
}
