import { AuditAction, DOCUMENT_LIMITS, hasPermission, Page, Practice, PracticeSummary, PracticeTagCount, StoredDocument } from '@coopera/domain';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { ReadStream } from 'node:fs';
import { AuditService } from '../audit/audit.service';
import { diff } from '../audit/diff';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { StaleVersion, ValidationProblem } from '../common/problem';
import { Db } from '../database/db-context';
import type { LiteralValue } from '../database/prepared';
import { cleanFileName, FileStore } from '../files/file-store';
import { CreatePracticeDto, ListPracticesQueryDto, UpdatePracticeDto } from './dto/practice.dto';

const COLUMNS = `
  p.id, p.title, p.kind, p.tags, p.comune_id AS "comuneId", c.name AS "comuneName", p.link, p.author_name AS "authorName",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version,
  p.document_title AS "documentTitle", p.document_file_name AS "documentFileName", p.document_media_type AS "documentMediaType",
  p.document_size_bytes AS "documentSizeBytes", p.document_sha256 AS "documentSha256", p.document_uploaded_at AS "documentUploadedAt"`;
const FROM = `FROM practices p LEFT JOIN comuni c ON c.id = p.comune_id`;
/** The summary as HTML text, so that the highlighted passage can be inserted as is. */
const ESCAPED_SUMMARY = `replace(replace(replace(p.summary, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
const SORTS = {
  relevance: 'ts_rank_cd(p.search, q.query) DESC, p.created_at DESC',
  title: 'p.title ASC',
  '-title': 'p.title DESC',
  createdAt: 'p.created_at ASC',
  '-createdAt': 'p.created_at DESC',
} as const;
const EDITABLE = ['title', 'summary', 'kind', 'tags', 'link'] as const;

interface PracticeRow extends Omit<Practice, 'createdAt' | 'updatedAt' | 'document' | 'summary'> {
  createdAt: Date;
  updatedAt: Date;
  documentTitle: string | null;
  documentFileName: string | null;
  documentMediaType: string | null;
  documentSizeBytes: number | null;
  documentSha256: string | null;
  documentUploadedAt: Date | null;
}

/**
 * The good-practice library. Everyone signed in reads and searches it (PostgreSQL full-text search
 * in Italian); a Comune's referents share and edit their Comune's practices, the secretariat all.
 */
@Injectable()
export class PracticesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly files: FileStore,
  ) {}

  async list(query: ListPracticesQueryDto): Promise<Page<PracticeSummary>> {
    const params: LiteralValue[] = [query.q ?? null];
    const param = (value: LiteralValue) => `$${params.push(value)}`;
    const conditions = [`($1::text IS NULL OR p.search @@ q.query)`];
    if (query.kind) conditions.push(`p.kind = ${param(query.kind)}`);
    if (query.tag) conditions.push(`${param(query.tag)} = ANY(p.tags)`);
    if (query.comuneId) conditions.push(`p.comune_id = ${param(query.comuneId)}`);
    const where = `WHERE ${conditions.join(' AND ')}`;
    // Words are folded as the indexed text is (accents, case), then stemmed in Italian.
    const withQuery = `WITH q AS (SELECT websearch_to_tsquery('italian', fold_text(coalesce($1::text, ''))) AS query)`;
    const sort = SORTS[query.sort ?? (query.q ? 'relevance' : '-createdAt')];
    const [count] = await this.db.manager.query<{ n: number }[]>(`${withQuery} SELECT count(*)::int AS n ${FROM} CROSS JOIN q ${where}`, params);
    const rows = await this.db.finalQuery<PracticeRow & { excerpt: string; headline: string | null }>(
      `${withQuery}
       SELECT ${COLUMNS}, left(p.summary, 280) AS excerpt,
              CASE WHEN $1::text IS NULL THEN NULL
                   ELSE ts_headline('italian', ${ESCAPED_SUMMARY}, q.query, 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=30, MinWords=10, FragmentDelimiter=" … "')
              END AS headline
       ${FROM} CROSS JOIN q ${where}
       ORDER BY ${sort}, p.id LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    return {
      items: rows.map((row) => ({ ...toPractice(row), excerpt: row.excerpt, headline: row.headline })),
      total: count?.n ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The tags in use, most used first: the library's filter. */
  tags(): Promise<PracticeTagCount[]> {
    return this.db.manager.query(
      `SELECT tag, count(*)::int AS count FROM practices, unnest(tags) AS tag GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 100`,
    );
  }

  async get(id: string): Promise<Practice> {
    const [row]: (PracticeRow & { summary: string })[] = await this.db.manager.query(`SELECT ${COLUMNS}, p.summary ${FROM} WHERE p.id = $1`, [id]);
    if (!row) throw new NotFoundException(`No practice with id ${id}.`);
    return { ...toPractice(row), summary: row.summary };
  }

  async create(dto: CreatePracticeDto, actor: AuthenticatedUser): Promise<Practice> {
    const comuneId = hasPermission(actor.role, 'practices:manage') ? (dto.comuneId ?? null) : actor.comuneId;
    if (comuneId && !(await this.db.manager.query<unknown[]>(`SELECT 1 FROM comuni WHERE id = $1`, [comuneId])).length) {
      throw new ValidationProblem([{ name: 'comuneId', reason: 'is not a Comune of the network' }]);
    }
    const [row] = await this.db.manager.query<{ id: string }[]>(
      `INSERT INTO practices (title, summary, kind, tags, comune_id, link, author_id, author_name, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id`,
      [dto.title, dto.summary, dto.kind, dto.tags ?? [], comuneId, dto.link ?? null, actor.id, actor.name],
    );
    const id = String(row?.id);
    await this.record('practice.create', id, actor, comuneId, diff({}, { title: dto.title, kind: dto.kind, tags: dto.tags ?? [], link: dto.link ?? null }));
    return this.get(id);
  }

  async update(id: string, dto: UpdatePracticeDto, actor: AuthenticatedUser): Promise<Practice> {
    const current = await this.editable(id, actor);
    const set: Record<string, unknown> = {};
    for (const field of EDITABLE) if (dto[field] !== undefined) set[field] = dto[field];
    const columns = Object.keys(set);
    const updated = await this.db.manager.query<{ id: string }[]>(
      `WITH updated AS (
         UPDATE practices SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')}${columns.length ? ',' : ''} version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING id)
       SELECT id FROM updated`,
      [id, dto.version, ...columns.map((c) => set[c])],
    );
    if (!updated.length) throw new StaleVersion('The practice', (await this.get(id)).version);
    const before = Object.fromEntries(columns.map((c) => [c, current[c as keyof Practice]]));
    await this.record('practice.update', id, actor, current.comuneId, diff(before, set));
    return this.get(id);
  }

  async remove(id: string, actor: AuthenticatedUser): Promise<void> {
    const current = await this.editable(id, actor);
    const [row] = await this.db.manager.query<{ key: string | null }[]>(
      `WITH removed AS (DELETE FROM practices WHERE id = $1 RETURNING document_storage_key) SELECT document_storage_key AS key FROM removed`,
      [id],
    );
    await this.record('practice.remove', id, actor, current.comuneId, diff({ title: current.title }, {}));
    if (row?.key) await this.files.remove(row.key);
  }

  /** Attaches a file (replacing the one there), checked as meeting documents are. */
  async attach(id: string, part: MultipartFile | undefined, actor: AuthenticatedUser): Promise<Practice> {
    const current = await this.editable(id, actor);
    if (!part || part.fieldname !== 'file') throw new ValidationProblem([{ name: 'file', reason: 'is required: send the document in a field named "file"' }]);
    const fileName = cleanFileName(part.filename ?? '', DOCUMENT_LIMITS.fileNameMax);
    const received = await this.files.receive(part.file, fileName, DOCUMENT_LIMITS.maxBytes);
    const key = `practices/${id}/${received.sha256.slice(0, 8)}-${randomUUID()}`;
    try {
      const [old] = await this.db.manager.query<{ key: string | null }[]>(`SELECT document_storage_key AS key FROM practices WHERE id = $1 FOR UPDATE`, [id]);
      await this.db.manager.query(
        `UPDATE practices SET document_title = $2, document_file_name = $2, document_media_type = $3, document_size_bytes = $4,
                document_sha256 = $5, document_storage_key = $6, document_uploaded_at = now(), version = version + 1, updated_at = now()
         WHERE id = $1`,
        [id, fileName, received.mediaType, received.sizeBytes, received.sha256, key],
      );
      await this.files.keep(received, key);
      await this.record('practice.document', id, actor, current.comuneId, diff({ document: current.document?.fileName ?? null }, { document: fileName }));
      if (old?.key) await this.files.remove(old.key);
    } catch (error) {
      await this.files.discard(received);
      throw error;
    }
    return this.get(id);
  }

  async detach(id: string, actor: AuthenticatedUser): Promise<Practice> {
    const current = await this.editable(id, actor);
    if (!current.document) throw new NotFoundException('The practice has no file.');
    const [row] = await this.db.manager.query<{ key: string | null }[]>(
      `WITH old AS (SELECT document_storage_key AS key FROM practices WHERE id = $1 FOR UPDATE),
       cleared AS (
         UPDATE practices SET document_title = NULL, document_file_name = NULL, document_media_type = NULL, document_size_bytes = NULL,
                document_sha256 = NULL, document_storage_key = NULL, document_uploaded_at = NULL, version = version + 1, updated_at = now()
         WHERE id = $1 RETURNING id)
       SELECT old.key FROM old, cleared`,
      [id],
    );
    await this.record('practice.document', id, actor, current.comuneId, diff({ document: current.document.fileName }, { document: null }));
    if (row?.key) await this.files.remove(row.key);
    return this.get(id);
  }

  async content(id: string): Promise<{ document: StoredDocument; stream: ReadStream }> {
    const practice = await this.get(id);
    const [row] = await this.db.manager.query<{ key: string | null }[]>(`SELECT document_storage_key AS key FROM practices WHERE id = $1`, [id]);
    const stream = practice.document && row?.key ? await this.files.read(row.key) : null;
    if (!practice.document || !stream) throw new NotFoundException('The practice has no file.');
    return { document: practice.document, stream };
  }

  /** A practice the actor may change: their Comune's, or any for the secretariat (else 403; the library is public). */
  private async editable(id: string, actor: AuthenticatedUser): Promise<Practice> {
    const practice = await this.get(id);
    if (!hasPermission(actor.role, 'practices:manage') && (practice.comuneId === null || practice.comuneId !== actor.comuneId)) {
      throw new ForbiddenException('Only the Comune that shared this practice and the secretariat may change it.');
    }
    return practice;
  }

  private record(action: AuditAction, id: string, actor: AuthenticatedUser, comuneId: string | null, changes: ReturnType<typeof diff>): Promise<void> {
    return this.audit.record({ action, actorId: actor.id, actorRole: actor.role, comuneId, entityType: 'practice', entityId: id, changes });
  }
}

function toPractice(row: PracticeRow): Omit<Practice, 'summary'> {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    tags: row.tags,
    comuneId: row.comuneId,
    comuneName: row.comuneName,
    link: row.link,
    document:
      row.documentFileName && row.documentMediaType && row.documentSha256 && row.documentUploadedAt
        ? {
            id: row.id,
            title: row.documentTitle ?? row.documentFileName,
            fileName: row.documentFileName,
            mediaType: row.documentMediaType,
            sizeBytes: row.documentSizeBytes ?? 0,
            sha256: row.documentSha256,
            uploadedByName: row.authorName,
            createdAt: new Date(row.documentUploadedAt).toISOString(),
          }
        : null,
    authorName: row.authorName,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    version: row.version,
  };
}
