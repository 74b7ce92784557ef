import {
  AgendaItem,
  AuditAction,
  EDITABLE_MEETING_STATUSES,
  hasPermission,
  InvalidParam,
  Meeting,
  MEETING_NOT_EDITABLE_PROBLEM_TYPE,
  MEETING_TRANSITIONS,
  MeetingDetail,
  MeetingMinutes,
  MeetingSortField,
  MeetingStatus,
  MeetingStep,
  Page,
} from '@coopera/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import MarkdownIt from 'markdown-it';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../audit/diff';
import { Clock } from '../clock/clock';
import { OutboxService } from '../mail/outbox.service';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { parseSort } from '../common/dto-helpers';
import { StaleVersion, TypedProblem, ValidationProblem } from '../common/problem';
import { containsPattern, foldedLike } from '../common/query-params';
import { Db } from '../database/db-context';
import type { LiteralValue } from '../database/prepared';
import { WorkingGroupRecord } from '../working-groups/working-group.entity';
import { checkAgenda, inProgrammeOrder } from './agenda-rules';
import { CalendarMeeting } from './calendar';
import { CreateMeetingDto, ListMeetingsQueryDto, MeetingStepDto, ReplaceAgendaDto, SaveMinutesDto, UpdateMeetingDto } from './dto/meeting.dto';
import { invitationCounts, invitationWhere } from './invitation-queries';
import { AgendaItemRecord, MeetingRecord } from './meeting.entity';


const COLUMNS = `
  m.id, m.title, m.description, m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.mode, m.place,
  m.online_url AS "onlineUrl", m.seat_limit AS "seatLimit", m.working_group_id AS "workingGroupId",
  g.name AS "workingGroupName", m.status, m.cancelled_reason AS "cancelledReason", m.version,
  m.created_at AS "createdAt", m.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM meeting_agenda_items a WHERE a.meeting_id = m.id) AS "agendaItemCount"`;
const FROM = `FROM meetings m LEFT JOIN working_groups g ON g.id = m.working_group_id`;
const SORT_COLUMNS: Record<MeetingSortField, string> = { startsAt: 'm.starts_at', title: 'm.title', status: 'm.status' };
const FIELDS = ['title', 'description', 'startsAt', 'endsAt', 'mode', 'place', 'onlineUrl', 'seatLimit', 'workingGroupId'] as const;

type MeetingRow = Omit<Meeting, 'startsAt' | 'endsAt' | 'createdAt' | 'updatedAt'> & Record<'startsAt' | 'endsAt' | 'createdAt' | 'updatedAt', Date>;
type MeetingState = Pick<Meeting, (typeof FIELDS)[number]>;

@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  /** The network roles see every meeting; a referent the convened ones their Comune is invited to. */
  async list(query: ListMeetingsQueryDto, reader: AuthenticatedUser): Promise<Page<Meeting>> {
    const conditions: string[] = [];
    const params: LiteralValue[] = [];
    const param = (value: LiteralValue) => `$${params.push(value)}`;
    if (!hasPermission(reader.role, 'meetings:read-all')) {
      conditions.push(
        `m.status <> 'DRAFT' AND EXISTS (SELECT 1 FROM meeting_invitations i WHERE i.meeting_id = m.id AND i.comune_id = ${param(reader.comuneId)})`,
      );
    }
    if (query.status) conditions.push(`m.status = ${param(query.status)}`);
    if (query.workingGroupId) conditions.push(`m.working_group_id = ${param(query.workingGroupId)}`);
    if (query.from) conditions.push(`m.ends_at >= ${param(query.from)}`);
    if (query.to) conditions.push(`m.starts_at < ${param(query.to)}`);
    if (query.q) conditions.push(foldedLike('m.title', param(containsPattern(query.q))));
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const { field, direction } = parseSort(query.sort);
    const [count] = await this.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n ${FROM} ${where}`, params);
    const rows = await this.db.finalQuery<MeetingRow>(
      `SELECT ${COLUMNS} ${FROM} ${where} ORDER BY ${SORT_COLUMNS[field]} ${direction}, m.starts_at, m.id
       LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    return { items: rows.map(toMeeting), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  /**
   * The meetings of a reader's calendar feed: those they may see, convened or later, from a year
   * back on, with their programmes (two statements, however many meetings).
   */
  async calendarEvents(reader: Pick<AuthenticatedUser, 'role' | 'comuneId'>, since: Date): Promise<CalendarMeeting[]> {
    const params: unknown[] = [since];
    const invited = hasPermission(reader.role, 'meetings:read-all')
      ? ''
      : `AND EXISTS (SELECT 1 FROM meeting_invitations i WHERE i.meeting_id = m.id AND i.comune_id = $${params.push(reader.comuneId)})`;
    const rows: MeetingRow[] = await this.db.manager.query(
      `SELECT ${COLUMNS} ${FROM} WHERE m.status <> 'DRAFT' AND m.ends_at >= $1 ${invited} ORDER BY m.starts_at, m.id LIMIT 1000`,
      params,
    );
    const items = rows.length
      ? await this.db.manager.find(AgendaItemRecord, { where: { meetingId: In(rows.map((r) => r.id)) }, order: { position: 'ASC' } })
      : [];
    const agendas = new Map<string, AgendaItem[]>();
    for (const item of items) {
      const agenda = agendas.get(item.meetingId) ?? [];
      agenda.push(toAgendaItem(item));
      agendas.set(item.meetingId, agenda);
    }
    return rows.map((row) => ({ ...toMeeting(row), agenda: agendas.get(row.id) ?? [] }));
  }

  /** A meeting the reader may see (row-level security hides the others from referents: 404). */
  async get(id: string, reader: AuthenticatedUser): Promise<MeetingDetail> {
    const [row]: MeetingRow[] = await this.db.manager.query(`SELECT ${COLUMNS} ${FROM} WHERE m.id = $1`, [id]);
    const readsAll = hasPermission(reader.role, 'meetings:read-all');
    const myInvitation = reader.comuneId ? await invitationWhere(this.db, 'i.meeting_id = $1 AND i.comune_id = $2', [id, reader.comuneId]) : null;
    if (!row || (!readsAll && (row.status === 'DRAFT' || !myInvitation))) throw new NotFoundException(`No meeting with id ${id}.`);
    const items = await this.db.manager.find(AgendaItemRecord, { where: { meetingId: id }, order: { position: 'ASC' } });
    return {
      ...toMeeting(row),
      agenda: items.map(toAgendaItem),
      invitationCounts: readsAll ? await invitationCounts(this.db, id) : null,
      myInvitation,
    };
  }

  /** A new meeting is a draft: nobody is invited until it is convened. */
  async create(dto: CreateMeetingDto, actor: AuthenticatedUser): Promise<MeetingDetail> {
    const state = stateOf(dto);
    await this.checkMeeting(state, []);
    const result = await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(MeetingRecord)
      .values({ ...columnsOf(state), status: 'DRAFT' })
      .returning(['id'])
      .updateEntity(false)
      .execute();
    const id = String((result.raw as { id: string }[])[0]?.id);
    await this.record('meeting.create', id, actor, diff({}, { ...state }));
    return this.get(id, actor);
  }

  async update(id: string, dto: UpdateMeetingDto, actor: AuthenticatedUser): Promise<MeetingDetail> {
    await this.lock(id);
    const current = await this.get(id, actor);
    assertEditable(current);
    const before = stateOf(current);
    const merged: MeetingState = { ...before };
    for (const field of FIELDS) if (dto[field] !== undefined) (merged as Record<string, unknown>)[field] = dto[field];
    const next = stateOf(merged);
    // Moving the meeting must keep its programme inside it.
    await this.checkMeeting(next, current.agenda);
    await this.applyVersioned(id, dto.version, columnsOf(next));
    await this.record('meeting.update', id, actor, diff({ ...before }, { ...next }));
    return this.announced(id, actor, current.status);
  }

  /** The whole programme at once: reordering, editing and removing items are one versioned write. */
  async replaceAgenda(id: string, dto: ReplaceAgendaDto, actor: AuthenticatedUser): Promise<MeetingDetail> {
    await this.lock(id);
    const current = await this.get(id, actor);
    assertEditable(current);
    const items = dto.items.map((i) => ({ ...i, durationMinutes: i.durationMinutes ?? null, speakers: i.speakers ?? [] }));
    const errors = checkAgenda(current, items);
    if (errors.length) throw new ValidationProblem(errors);
    await this.applyVersioned(id, dto.version, {});
    await this.db.manager.delete(AgendaItemRecord, { meetingId: id });
    const ordered = inProgrammeOrder(items);
    if (ordered.length) {
      await this.db.manager
        .createQueryBuilder()
        .insert()
        .into(AgendaItemRecord)
        .values(ordered.map((item, position) => ({ ...item, startsAt: new Date(item.startsAt), meetingId: id, position })))
        .updateEntity(false)
        .execute();
    }
    const summary = (list: { startsAt: string; title: string }[]) => list.map((i) => `${i.startsAt} ${i.title}`);
    await this.record('meeting.agenda', id, actor, diff({ agenda: summary(current.agenda) }, { agenda: summary(ordered.map((i) => ({ ...i, startsAt: new Date(i.startsAt).toISOString() }))) }));
    return this.announced(id, actor, current.status);
  }

  async step(id: string, step: MeetingStep, dto: MeetingStepDto, actor: AuthenticatedUser): Promise<MeetingDetail> {
    const rule = MEETING_TRANSITIONS[step];
    if (step === 'cancel' && !dto.reason) throw new ValidationProblem([{ name: 'reason', reason: 'is required to cancel' }]);
    await this.lock(id);
    const current = await this.get(id, actor);
    if (!rule.from.includes(current.status)) {
      throw new TypedProblem(409, MEETING_NOT_EDITABLE_PROBLEM_TYPE, 'Illegal transition', `Cannot ${step} a meeting that is ${current.status}: only from ${rule.from.join(', ')}.`);
    }
    if (step === 'hold' && Date.parse(current.startsAt) > this.clock.now().getTime()) {
      throw new TypedProblem(409, MEETING_NOT_EDITABLE_PROBLEM_TYPE, 'Not started', 'The meeting has not started yet: it can be marked as held once it begins.');
    }
    const set: Partial<MeetingRecord> = { status: rule.to };
    if (step === 'cancel') set.cancelledReason = dto.reason ?? null;
    if (step === 'publish') {
      const [minutes] = await this.db.manager.query<{ written: boolean }[]>(`SELECT coalesce(length(trim(minutes_markdown)), 0) > 0 AS written FROM meetings WHERE id = $1`, [id]);
      if (!minutes?.written) throw new TypedProblem(409, MEETING_NOT_EDITABLE_PROBLEM_TYPE, 'No minutes', 'Write the minutes before publishing them.');
      set.minutesPublishedAt = this.clock.now();
    }
    await this.applyVersioned(id, dto.version, set, rule.from);
    await this.record(`meeting.${step}`, id, actor, { status: { before: current.status, after: rule.to } }, dto.reason ?? undefined);
    const updated = await this.get(id, actor);
    // The e-mails go out with the change or not at all: they are queued in its transaction.
    if (step === 'convene') await this.outbox.convene(updated);
    if (step === 'cancel' && current.status === 'CONVENED') await this.outbox.announceCancellation(updated);
    return updated;
  }

  /** The meeting after a change; the invited Comuni are told of changes to a convened meeting. */
  private async announced(id: string, actor: AuthenticatedUser, statusBefore: MeetingStatus): Promise<MeetingDetail> {
    const updated = await this.get(id, actor);
    if (statusBefore === 'CONVENED') await this.outbox.announceChange(updated);
    return updated;
  }

  /**
   * Serialises, until the transaction ends, the changes of one meeting that its invitations and
   * mail depend on: the steps, its details, the invitations and the answers. The version guard
   * alone does not cover them, since inviting and answering do not write the meeting: without
   * this, an answer or an invitation that read the meeting as convened could commit after its
   * cancellation (a seat handed out, a convocation queued, for a cancelled meeting), or an
   * invitation could carry the details an update was replacing meanwhile.
   */
  async lock(id: string): Promise<void> {
    await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [id]);
  }

  /** `UPDATE … WHERE version = $n AND status IN (…)`: a stale or no longer editable meeting changes nothing. */
  async applyVersioned(id: string, version: number, set: Partial<MeetingRecord>, statuses = EDITABLE_MEETING_STATUSES): Promise<void> {
    const result = await this.db.manager
      .createQueryBuilder()
      .update(MeetingRecord)
      .set({ ...set, version: () => 'version + 1' })
      .where('id = :id AND version = :version AND status IN (:...statuses)', { id, version, statuses })
      .execute();
    if (result.affected === 1) return;
    const latest = await this.db.manager.findOne(MeetingRecord, { select: { version: true, status: true }, where: { id } });
    if (latest && !statuses.includes(latest.status)) {
      throw new TypedProblem(409, MEETING_NOT_EDITABLE_PROBLEM_TYPE, 'Not possible now', `The meeting is ${latest.status}: this needs it ${statuses.join(' or ')}.`);
    }
    throw new StaleVersion('The meeting', latest?.version ?? version);
  }

  /** The minutes draft (or a correction of published ones), once the meeting has been held. */
  async saveMinutes(id: string, dto: SaveMinutesDto, actor: AuthenticatedUser): Promise<MeetingMinutes> {
    const current = await this.get(id, actor);
    await this.applyVersioned(id, dto.version, { minutesMarkdown: dto.markdown }, MINUTES_STATUSES);
    await this.record('meeting.minutes', id, actor, { minutes: { before: `${current.status}`, after: `${dto.markdown.length} characters` } });
    return this.minutes(id, actor);
  }

  /** The network roles read the draft; the invited Comuni the published minutes only (404 before). */
  async minutes(id: string, reader: AuthenticatedUser): Promise<MeetingMinutes> {
    const meeting = await this.get(id, reader);
    const readsAll = hasPermission(reader.role, 'meetings:read-all');
    const [row] = await this.db.manager.query<{ markdown: string | null; publishedAt: Date | null }[]>(
      `SELECT minutes_markdown AS markdown, minutes_published_at AS "publishedAt" FROM meetings WHERE id = $1`,
      [id],
    );
    if (!row?.markdown || (!readsAll && meeting.status !== 'MINUTES_PUBLISHED')) throw new NotFoundException('No minutes for this meeting.');
    // The register's totals: figures of every invited Comune, hence under seat allocation.
    const [present] = await this.db.withPurpose('seat-allocation', (m) =>
      m.query<{ comuni: number; delegates: number }[]>(
        `SELECT count(*) FILTER (WHERE present)::int AS comuni,
                coalesce(sum(jsonb_array_length(present_delegates)) FILTER (WHERE present), 0)::int AS delegates
         FROM meeting_invitations WHERE meeting_id = $1`,
        [id],
      ),
    );
    return {
      markdown: row.markdown,
      html: renderMarkdown(row.markdown),
      publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
      presentComuni: present?.comuni ?? 0,
      presentDelegates: present?.delegates ?? 0,
    };
  }

  private async checkMeeting(state: MeetingState, agenda: MeetingDetail['agenda']): Promise<void> {
    const errors: InvalidParam[] = [];
    if (Date.parse(state.endsAt) <= Date.parse(state.startsAt)) errors.push({ name: 'endsAt', reason: 'must be after startsAt' });
    if (state.mode !== 'IN_PERSON' && !state.onlineUrl) errors.push({ name: 'onlineUrl', reason: `is required for a meeting ${state.mode.toLowerCase()}` });
    if (state.mode !== 'ONLINE' && !state.place) errors.push({ name: 'place', reason: `is required for a meeting ${state.mode.toLowerCase().replace('_', ' ')}` });
    if (state.workingGroupId && !(await this.db.manager.exists(WorkingGroupRecord, { where: { id: state.workingGroupId } }))) {
      errors.push({ name: 'workingGroupId', reason: 'is not a working group' });
    }
    if (!errors.length && agenda.length) {
      const outside = checkAgenda(state, agenda).filter((e) => e.reason.startsWith('must fall within') || e.reason.startsWith('ends after'));
      if (outside.length) errors.push({ name: 'startsAt', reason: 'must keep the agenda inside the meeting: move the agenda first' });
    }
    if (errors.length) throw new ValidationProblem(errors);
  }

  private record(action: AuditAction, id: string, actor: AuthenticatedUser, changes: ReturnType<typeof diff>, detail?: string): Promise<void> {
    return this.audit.record({ action, actorId: actor.id, actorRole: actor.role, entityType: 'meeting', entityId: id, changes, detail });
  }
}

/** Markdown without raw HTML (escaped) and with only safe link schemes: the result can be inserted as is. */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

const MINUTES_STATUSES: readonly MeetingStatus[] = ['HELD', 'MINUTES_PUBLISHED'];

export function assertEditable(meeting: Pick<MeetingRecord, 'status'>): void {
  if (!EDITABLE_MEETING_STATUSES.includes(meeting.status)) {
    throw new TypedProblem(409, MEETING_NOT_EDITABLE_PROBLEM_TYPE, 'Meeting not editable', `The meeting is ${meeting.status}: it can no longer be changed.`);
  }
}

function stateOf(source: Partial<MeetingState> & Pick<MeetingState, 'title' | 'startsAt' | 'endsAt' | 'mode'>): MeetingState {
  return {
    title: source.title,
    description: source.description ?? null,
    startsAt: new Date(source.startsAt).toISOString(),
    endsAt: new Date(source.endsAt).toISOString(),
    mode: source.mode,
    place: source.place ?? null,
    onlineUrl: source.onlineUrl ?? null,
    seatLimit: source.seatLimit ?? null,
    workingGroupId: source.workingGroupId ?? null,
  };
}

function columnsOf(state: MeetingState) {
  return { ...state, startsAt: new Date(state.startsAt), endsAt: new Date(state.endsAt) };
}

function toAgendaItem(i: AgendaItemRecord): AgendaItem {
  return { id: i.id, kind: i.kind, title: i.title, startsAt: i.startsAt.toISOString(), durationMinutes: i.durationMinutes, speakers: i.speakers };
}

function toMeeting(row: MeetingRow): Meeting {
  return {
    ...row,
    startsAt: new Date(row.startsAt).toISOString(),
    endsAt: new Date(row.endsAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
