import { LEGAL_FORMS, LegalForm } from '@coopera/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Comune } from '../comuni/comune.entity';

/** A third-sector body of the register, shared by the whole network (not a tenant's row). */
@Entity({ name: 'enti_gestori' })
export class EnteGestoreRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'enti_gestori_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** Normalized (upper case, no spaces) and checksum-validated before it gets here. */
  @Index('enti_gestori_tax_code_key', { unique: true })
  @Column({ name: 'tax_code', type: 'varchar', length: 16 })
  taxCode: string;

  @Column({ name: 'legal_form', type: 'enum', enum: LEGAL_FORMS, enumName: 'legal_form' })
  legalForm: LegalForm;

  @Index('enti_gestori_seat_comune_id_idx')
  @Column({ name: 'seat_comune_id', type: 'uuid', nullable: true })
  seatComuneId: string | null;

  @ManyToOne(() => Comune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seat_comune_id', foreignKeyConstraintName: 'enti_gestori_seat_comune_id_fkey' })
  seatComune?: Comune | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  pec: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  /** Added by a referent with a project and not yet reviewed by the secretariat. */
  @Column({ type: 'boolean', default: false })
  proposed: boolean;

  @Column({ name: 'proposed_by_comune_id', type: 'uuid', nullable: true })
  proposedByComuneId: string | null;

  @ManyToOne(() => Comune, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by_comune_id', foreignKeyConstraintName: 'enti_gestori_proposed_by_comune_id_fkey' })
  proposedByComune?: Comune | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
