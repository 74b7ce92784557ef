import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { MeetingRecord } from './meeting.entity';

/** A file attached to a meeting; its bytes live under the data folder, named by `storageKey`. */
@Entity({ name: 'meeting_documents' })
@Index('meeting_documents_meeting_id_idx', ['meetingId', 'createdAt'])
export class MeetingDocumentRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_documents_pkey' })
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_documents_meeting_id_fkey' })
  meeting?: MeetingRecord;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName: string;

  @Column({ name: 'media_type', type: 'varchar', length: 100 })
  mediaType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Index('meeting_documents_storage_key_key', { unique: true })
  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'meeting_documents_uploaded_by_fkey' })
  uploader?: User;

  @Column({ name: 'uploaded_by_name', type: 'varchar', length: 200, nullable: true })
  uploadedByName: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
