import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Comune } from './comune.entity';

/** The SAI contacts of a Comune, kept by its referents; absent until first saved. */
@Entity({ name: 'comune_profiles' })
export class ComuneProfileRecord {
  @PrimaryColumn({ name: 'comune_id', type: 'uuid', primaryKeyConstraintName: 'comune_profiles_pkey' })
  comuneId: string;

  @OneToOne(() => Comune, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comune_id', foreignKeyConstraintName: 'comune_profiles_comune_id_fkey' })
  comune?: Comune;

  @Column({ name: 'sai_office', type: 'varchar', length: 200, nullable: true })
  saiOffice: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  pec: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ name: 'coordination_referent', type: 'varchar', length: 200, nullable: true })
  coordinationReferent: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes: string | null;

  @VersionColumn()
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
