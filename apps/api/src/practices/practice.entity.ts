import { PRACTICE_KINDS, PracticeKind } from '@coopera/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Comune } from '../comuni/comune.entity';
import { User } from '../users/user.entity';

/**
 * A practice of the library, owned by the Comune that shares it (null: the coordination). Its
 * `search` vector is kept by PostgreSQL from title, summary and tags, accents folded, in Italian.
 */
@Entity({ name: 'practices' })
@Index('practices_comune_id_idx', ['comuneId'])
@Index('practices_created_at_idx', ['createdAt'])
@Index('practices_search_idx', ['search'])
@Index('practices_tags_idx', ['tags'])
export class PracticeRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'practices_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 5000 })
  summary: string;

  @Column({ type: 'enum', enum: PRACTICE_KINDS, enumName: 'practice_kind' })
  kind: PracticeKind;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ name: 'comune_id', type: 'uuid', nullable: true })
  comuneId: string | null;

  @ManyToOne(() => Comune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comune_id', foreignKeyConstraintName: 'practices_comune_id_fkey' })
  comune?: Comune;

  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  @Column({ name: 'document_title', type: 'varchar', length: 200, nullable: true })
  documentTitle: string | null;

  @Column({ name: 'document_file_name', type: 'varchar', length: 200, nullable: true })
  documentFileName: string | null;

  @Column({ name: 'document_media_type', type: 'varchar', length: 100, nullable: true })
  documentMediaType: string | null;

  @Column({ name: 'document_size_bytes', type: 'integer', nullable: true })
  documentSizeBytes: number | null;

  @Column({ name: 'document_sha256', type: 'char', length: 64, nullable: true })
  documentSha256: string | null;

  @Index('practices_document_storage_key_key', { unique: true })
  @Column({ name: 'document_storage_key', type: 'varchar', length: 200, nullable: true })
  documentStorageKey: string | null;

  @Column({ name: 'document_uploaded_at', type: 'timestamptz', nullable: true })
  documentUploadedAt: Date | null;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'practices_author_id_fkey' })
  author?: User;

  @Column({ name: 'author_name', type: 'varchar', length: 200, nullable: true })
  authorName: string | null;

  /** Kept by a trigger (see the migration); GIN-indexed. */
  @Column({ type: 'tsvector', select: false, insert: false, update: false })
  search?: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
