import { MeetingDetail, OutboxKind, OutboxMessage, OutboxMessageDetail, OutboxOverview, OutboxStatus, Page } from '@coopera/domain';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db-context';
import type { LiteralValue } from '../database/prepared';
import { ListOutboxQueryDto } from './dto/outbox.dto';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { composeMeetingMail } from './meeting-mail';

const COLUMNS = `
  o.id, o.kind, o.status, o.meeting_id AS "meetingId", m.title AS "meetingTitle", o.comune_id AS "comuneId",
  c.name AS "comuneName", o.subject, o.recipients, o.attempts, o.next_attempt_at AS "nextAttemptAt",
  o.last_error AS "lastError", o.sent_at AS "sentAt", o.created_at AS "createdAt"`;
const FROM = `FROM mail_outbox o LEFT JOIN meetings m ON m.id = o.meeting_id LEFT JOIN comuni c ON c.id = o.comune_id`;

type Timestamps = 'nextAttemptAt' | 'sentAt' | 'createdAt';
type OutboxRow = Omit<OutboxMessage, Timestamps> & Record<Timestamps, Date | null>;

/**
 * Queues meeting announcements in the transaction of the change they announce (so a change that
 * rolls back announces nothing, and one that commits cannot lose its mail), and shows the queue.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  /** The convocation, to each invited Comune not yet convened (inviting more later convenes only them). */
  convene(meeting: MeetingDetail): Promise<number> {
    return this.queue('CONVOCATION', meeting, (comune) => `convocation:${meeting.id}:${comune}`);
  }

  /**
   * A change of a convened meeting. A Comune whose earlier message is still waiting to go out gets
   * it rewritten with the new details instead of a second message.
   */
  async announceChange(meeting: MeetingDetail): Promise<number> {
    const rewritten = await this.rewriteUnsent(meeting);
    return this.queue('UPDATE', meeting, (comune) => `update:${meeting.id}:${meeting.version}:${comune}`, { except: rewritten });
  }

  /** The cancellation, to the Comuni that heard of the meeting; unsent news of it is dropped. */
  async announceCancellation(meeting: MeetingDetail): Promise<number> {
    await this.db.manager.query(
      `DELETE FROM mail_outbox WHERE meeting_id = $1 AND status = 'PENDING' AND attempts = 0 AND kind IN ('CONVOCATION', 'UPDATE')`,
      [meeting.id],
    );
    const told = await this.db.manager.query<{ comune_id: string }[]>(`SELECT DISTINCT comune_id FROM mail_outbox WHERE meeting_id = $1`, [meeting.id]);
    return this.queue('CANCELLATION', meeting, (comune) => `cancellation:${meeting.id}:${comune}`, { only: told.map((r) => r.comune_id) });
  }

  /** The notice to a Comune moved up from the waiting list (called under seat allocation). */
  announcePromotion(meeting: MeetingDetail, comuneId: string, invitationId: string, invitationVersion: number, manager: EntityManager): Promise<number> {
    return this.queue('PROMOTION', meeting, () => `promotion:${invitationId}:${invitationVersion}`, { only: [comuneId], manager });
  }

  /** The transport and the counts per status, of one meeting's messages or of all. */
  async overview(meetingId?: string): Promise<OutboxOverview> {
    const [row] = await this.db.manager.query<Record<'pending' | 'sent' | 'failed' | 'skipped', number>[]>(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'SENT')::int AS sent,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed, count(*) FILTER (WHERE status = 'SKIPPED')::int AS skipped
       FROM mail_outbox WHERE $1::uuid IS NULL OR meeting_id = $1`,
      [meetingId ?? null],
    );
    return { transport: this.transport.kind, counts: row ?? { pending: 0, sent: 0, failed: 0, skipped: 0 } };
  }

  async list(query: ListOutboxQueryDto): Promise<Page<OutboxMessage>> {
    const conditions: string[] = [];
    const params: LiteralValue[] = [];
    const param = (value: LiteralValue) => `$${params.push(value)}`;
    if (query.status) conditions.push(`o.status = ${param(query.status)}`);
    if (query.meetingId) conditions.push(`o.meeting_id = ${param(query.meetingId)}`);
    if (query.kind) conditions.push(`o.kind = ${param(query.kind)}`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const [count] = await this.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM mail_outbox o ${where}`, params);
    const rows = await this.db.finalQuery<OutboxRow>(
      `SELECT ${COLUMNS} ${FROM} ${where} ORDER BY o.created_at DESC, o.id LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    return { items: rows.map(toMessage), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<OutboxMessageDetail> {
    const [row]: (OutboxRow & { text: string; attachments: { fileName: string }[]; file: string | null })[] = await this.db.manager.query(
      `SELECT ${COLUMNS}, o.text_body AS text, o.attachments, o.file ${FROM} WHERE o.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundException(`No message with id ${id}.`);
    return { ...toMessage(row), text: row.text, attachments: row.attachments.map((a) => a.fileName), file: row.file };
  }

  /** A message that gave up is tried again at once, with its attempts counted afresh. */
  async retry(id: string): Promise<OutboxMessage> {
    const current = await this.get(id);
    const retried = await this.db.manager.query<{ id: string }[]>(
      `WITH retried AS (
         UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = now(), locked_until = NULL
         WHERE id = $1 AND status = 'FAILED' RETURNING id)
       SELECT id FROM retried`,
      [id],
    );
    if (!retried.length) throw new ConflictException(`The message is ${current.status}: only a FAILED message can be retried.`);
    return this.summary(id);
  }

  private async summary(id: string): Promise<OutboxMessage> {
    const [row]: OutboxRow[] = await this.db.manager.query(`SELECT ${COLUMNS} ${FROM} WHERE o.id = $1`, [id]);
    if (!row) throw new NotFoundException(`No message with id ${id}.`);
    return toMessage(row);
  }

  private async queue(
    kind: OutboxKind,
    meeting: MeetingDetail,
    dedupeKey: (comuneId: string) => string,
    options: { only?: string[]; except?: string[]; manager?: EntityManager } = {},
  ): Promise<number> {
    const manager = options.manager ?? this.db.manager;
    const comuni = await this.invitedComuni(manager, meeting.id, options.only);
    const rows = comuni
      .filter((c) => !options.except?.includes(c.id))
      .map((c) => {
        const mail = composeMeetingMail(kind, meeting, c.name, this.mailContext());
        return { kind, dedupeKey: dedupeKey(c.id), meetingId: meeting.id, comuneId: c.id, subject: mail.subject, text: mail.text, attachments: mail.attachments };
      });
    if (!rows.length) return 0;
    const inserted = await manager.query<{ id: string }[]>(
      `WITH inserted AS (
         INSERT INTO mail_outbox (kind, dedupe_key, meeting_id, comune_id, subject, text_body, attachments)
         SELECT r.kind::outbox_kind, r."dedupeKey", r."meetingId", r."comuneId", r.subject, r.text, r.attachments
         FROM jsonb_to_recordset($1::jsonb) AS r(kind text, "dedupeKey" text, "meetingId" uuid, "comuneId" uuid, subject text, text text, attachments jsonb)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id)
       SELECT id FROM inserted`,
      [JSON.stringify(rows)],
    );
    return inserted.length;
  }

  /**
   * Rewrites the messages of the meeting still waiting to go out with its current details; returns
   * their Comuni. One a worker holds (being sent now) keeps what it carries and is followed by an update.
   */
  private async rewriteUnsent(meeting: MeetingDetail): Promise<string[]> {
    const unsent = await this.db.manager.query<{ id: string; kind: OutboxKind; comune_id: string; name: string }[]>(
      `SELECT o.id, o.kind, o.comune_id, c.name FROM mail_outbox o JOIN comuni c ON c.id = o.comune_id
       WHERE o.meeting_id = $1 AND o.status = 'PENDING' AND (o.locked_until IS NULL OR o.locked_until < now())
         AND o.kind IN ('CONVOCATION', 'UPDATE', 'PROMOTION')
       FOR UPDATE OF o SKIP LOCKED`,
      [meeting.id],
    );
    if (!unsent.length) return [];
    const rewritten = unsent.map((u) => ({ id: u.id, ...composeMeetingMail(u.kind, meeting, u.name, this.mailContext()) }));
    // The rows are locked: no worker can claim them until this transaction ends.
    await this.db.manager.query(
      `UPDATE mail_outbox o SET subject = r.subject, text_body = r.text, attachments = r.attachments
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, subject text, text text, attachments jsonb)
       WHERE o.id = r.id`,
      [JSON.stringify(rewritten)],
    );
    return unsent.map((u) => u.comune_id);
  }

  private invitedComuni(manager: EntityManager, meetingId: string, only?: string[]): Promise<{ id: string; name: string }[]> {
    return manager.query(
      `SELECT c.id, c.name FROM meeting_invitations i JOIN comuni c ON c.id = i.comune_id
       WHERE i.meeting_id = $1 ${only ? 'AND c.id = ANY($2::uuid[])' : ''} ORDER BY c.name`,
      only ? [meetingId, only] : [meetingId],
    );
  }

  private mailContext() {
    return { publicUrl: this.config.publicUrl, host: new URL(this.config.publicUrl).hostname, now: this.clock.now() };
  }
}

function toMessage(row: OutboxRow): OutboxMessage {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as OutboxStatus,
    meetingId: row.meetingId,
    meetingTitle: row.meetingTitle,
    comuneId: row.comuneId,
    comuneName: row.comuneName,
    subject: row.subject,
    recipients: row.recipients,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'PENDING' ? iso(row.nextAttemptAt) : null,
    lastError: row.lastError,
    sentAt: iso(row.sentAt),
    createdAt: iso(row.createdAt) ?? '',
  };
}
