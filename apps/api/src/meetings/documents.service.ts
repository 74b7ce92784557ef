import { DOCUMENT_LIMITS, MEETING_NOT_EDITABLE_PROBLEM_TYPE, StoredDocument } from '@coopera/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { ReadStream } from 'node:fs';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { TypedProblem, ValidationProblem } from '../common/problem';
import { Db } from '../database/db-context';
import { cleanFileName, FileStore } from '../files/file-store';
import { MeetingDocumentRecord } from './document.entity';
import { MeetingsService } from './meetings.service';

const COLUMNS = `id, title, file_name AS "fileName", media_type AS "mediaType", size_bytes AS "sizeBytes", sha256,
  uploaded_by_name AS "uploadedByName", created_at AS "createdAt"`;
type DocumentRow = Omit<StoredDocument, 'createdAt'> & { createdAt: Date; storageKey?: string };

/** Files attached to a meeting, seen by whoever sees the meeting; the secretariat adds and removes them. */
@Injectable()
export class MeetingDocumentsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly meetings: MeetingsService,
    private readonly files: FileStore,
  ) {}

  async list(meetingId: string, reader: AuthenticatedUser): Promise<StoredDocument[]> {
    await this.meetings.get(meetingId, reader);
    const rows: DocumentRow[] = await this.db.manager.query(
      `SELECT ${COLUMNS} FROM meeting_documents WHERE meeting_id = $1 ORDER BY created_at DESC, id`,
      [meetingId],
    );
    return rows.map(toDocument);
  }

  /** Checks the meeting first, so that nothing is stored for a meeting that cannot take it. */
  async upload(meetingId: string, part: MultipartFile | undefined, actor: AuthenticatedUser): Promise<StoredDocument> {
    const meeting = await this.meetings.get(meetingId, actor);
    if (meeting.status === 'CANCELLED') {
      throw new TypedProblem(409, MEETING_NOT_EDITABLE_PROBLEM_TYPE, 'Meeting cancelled', 'The meeting is cancelled: it takes no more documents.');
    }
    const [count] = await this.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM meeting_documents WHERE meeting_id = $1`, [meetingId]);
    if ((count?.n ?? 0) >= DOCUMENT_LIMITS.maxCount) {
      throw new TypedProblem(409, MEETING_NOT_EDITABLE_PROBLEM_TYPE, 'Too many documents', `A meeting holds at most ${DOCUMENT_LIMITS.maxCount} documents: remove one first.`);
    }
    if (!part || part.fieldname !== 'file') throw new ValidationProblem([{ name: 'file', reason: 'is required: send the document in a field named "file"' }]);
    const title = titleOf(part);
    const fileName = cleanFileName(part.filename ?? '', DOCUMENT_LIMITS.fileNameMax);
    const received = await this.files.receive(part.file, fileName, DOCUMENT_LIMITS.maxBytes);
    try {
      const inserted = await this.db.manager
        .createQueryBuilder()
        .insert()
        .into(MeetingDocumentRecord)
        .values({
          meetingId,
          title: title ?? fileName.replace(/\.[^.]*$/, ''),
          fileName,
          mediaType: received.mediaType,
          sizeBytes: received.sizeBytes,
          sha256: received.sha256,
          storageKey: `meetings/${meetingId}/${received.sha256.slice(0, 8)}-${randomUUID()}`,
          uploadedBy: actor.id,
          uploadedByName: actor.name,
        })
        .returning(['id', 'storageKey'])
        .updateEntity(false)
        .execute();
      const row = (inserted.raw as { id: string; storage_key: string }[])[0];
      if (!row) throw new Error('document not inserted');
      await this.files.keep(received, row.storage_key);
      await this.audit.record({
        action: 'meeting.document.add',
        actorId: actor.id,
        actorRole: actor.role,
        entityType: 'meeting',
        entityId: meetingId,
        detail: `${fileName} (${received.mediaType}, ${received.sizeBytes} bytes, sha256 ${received.sha256})`,
      });
      return this.find(meetingId, row.id);
    } catch (error) {
      await this.files.discard(received);
      throw error;
    }
  }

  /** The document and its bytes, for a reader who may see the meeting. */
  async content(meetingId: string, documentId: string, reader: AuthenticatedUser): Promise<{ document: StoredDocument; stream: ReadStream }> {
    await this.meetings.get(meetingId, reader);
    const document = await this.find(meetingId, documentId);
    const [row] = await this.db.manager.query<{ storageKey: string }[]>(`SELECT storage_key AS "storageKey" FROM meeting_documents WHERE id = $1`, [documentId]);
    const stream = row ? await this.files.read(row.storageKey) : null;
    if (!stream) throw new NotFoundException(`The file of document ${documentId} is no longer stored.`);
    return { document, stream };
  }

  async remove(meetingId: string, documentId: string, actor: AuthenticatedUser): Promise<void> {
    await this.meetings.get(meetingId, actor);
    const document = await this.find(meetingId, documentId);
    const [row] = await this.db.manager.query<{ storageKey: string }[]>(
      `WITH removed AS (DELETE FROM meeting_documents WHERE id = $1 RETURNING storage_key) SELECT storage_key AS "storageKey" FROM removed`,
      [documentId],
    );
    await this.audit.record({
      action: 'meeting.document.remove',
      actorId: actor.id,
      actorRole: actor.role,
      entityType: 'meeting',
      entityId: meetingId,
      detail: `${document.fileName} (sha256 ${document.sha256})`,
    });
    // The row goes with the transaction; the bytes right away (a failed commit leaves a row without
    // a file, which the download reports as gone, rather than a file nobody can reach).
    if (row) await this.files.remove(row.storageKey);
  }

  private async find(meetingId: string, documentId: string): Promise<StoredDocument> {
    const [row]: DocumentRow[] = await this.db.manager.query(`SELECT ${COLUMNS} FROM meeting_documents WHERE id = $1 AND meeting_id = $2`, [documentId, meetingId]);
    if (!row) throw new NotFoundException(`No document with id ${documentId} for this meeting.`);
    return toDocument(row);
  }
}

/** The optional `title` field, sent before the file. */
function titleOf(part: MultipartFile): string | null {
  const field = part.fields['title'];
  if (field === undefined) return null;
  const value = !Array.isArray(field) && field.type === 'field' ? field.value : undefined;
  if (typeof value !== 'string') throw new ValidationProblem([{ name: 'title', reason: 'must be one text field' }]);
  const title = value.trim();
  if (title.length > DOCUMENT_LIMITS.titleMax) throw new ValidationProblem([{ name: 'title', reason: `must be at most ${DOCUMENT_LIMITS.titleMax} characters` }]);
  return title || null;
}

function toDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id,
    title: row.title,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedByName: row.uploadedByName,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
