import {
  hasPermission,
  Invitation,
  InvitationStatus,
  InviteResponse,
  MEETING_CLOSED_FOR_ANSWERS_PROBLEM_TYPE,
  MeetingDetail,
  Page,
} from '@coopera/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { Clock } from '../clock/clock';
import { OutboxService } from '../mail/outbox.service';
import { toCsv } from '../common/csv';
import { StaleVersion, TypedProblem, ValidationProblem } from '../common/problem';
import { PageQuery } from '../common/query-params';
import { Db } from '../database/db-context';
import { InviteDto, RecordAttendanceDto, RsvpDto } from './dto/invitation.dto';
import { INVITATION_COLUMNS, INVITATION_FROM, invitationCounts, InvitationRow, invitationWhere, toInvitation } from './invitation-queries';
import { assertEditable, MeetingsService } from './meetings.service';

/**
 * Invitations and answers. Each takes the meeting's lock (`MeetingsService.lock`) before reading
 * the meeting: seats are allocated one answer at a time, so that a seat limit cannot be passed by
 * answers racing each other, and neither an answer nor an invitation can slip past a cancellation.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  /** Invites the target's Comuni that are not invited yet. */
  async invite(meetingId: string, dto: InviteDto, actor: AuthenticatedUser): Promise<InviteResponse> {
    await this.meetings.lock(meetingId);
    const meeting = await this.meetings.get(meetingId, actor);
    assertEditable(meeting);
    const comuneIds = await this.targetComuni(dto);
    const added: { id: string }[] = await this.db.manager.query(
      `WITH added AS (
         INSERT INTO meeting_invitations (meeting_id, comune_id, version)
         SELECT $1, unnest($2::uuid[]), 1 ON CONFLICT (meeting_id, comune_id) DO NOTHING RETURNING id)
       SELECT id FROM added`,
      [meetingId, comuneIds],
    );
    await this.audit.record({
      action: 'meeting.invite',
      actorId: actor.id,
      actorRole: actor.role,
      entityType: 'meeting',
      entityId: meetingId,
      detail: `${dto.target}: ${added.length} Comuni invited, ${comuneIds.length - added.length} already invited`,
    });
    // Comuni invited to a meeting already convened get their convocation now (the others have theirs).
    if (meeting.status === 'CONVENED') await this.outbox.convene(meeting);
    return { added: added.length, alreadyInvited: comuneIds.length - added.length, counts: await invitationCounts(this.db, meetingId) };
  }

  /** The secretariat and the Servizio Centrale see every invitation; a referent their Comune's only. */
  async list(meetingId: string, query: PageQuery, reader: AuthenticatedUser): Promise<Page<Invitation>> {
    await this.meetings.get(meetingId, reader);
    const ownOnly = !hasPermission(reader.role, 'meetings:read-all');
    const params: unknown[] = [meetingId];
    const where = `WHERE i.meeting_id = $1${ownOnly ? ` AND i.comune_id = $${params.push(reader.comuneId)}` : ''}`;
    // The waiting position counts the other Comuni in line: figures only, under seat allocation.
    return this.db.withPurpose('seat-allocation', async (m) => {
      const [count] = await m.query<{ n: number }[]>(`SELECT count(*)::int AS n ${INVITATION_FROM} ${where}`, params);
      const rows: InvitationRow[] = await m.query(
        `SELECT ${INVITATION_COLUMNS} ${INVITATION_FROM} ${where} ORDER BY c.name, i.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      );
      return { items: rows.map(toInvitation), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
    });
  }

  /** Every invitation with its answer and attendance, for the network roles' spreadsheet. */
  async exportCsv(meetingId: string, reader: AuthenticatedUser): Promise<{ fileName: string; csv: string }> {
    const meeting = await this.meetings.get(meetingId, reader);
    const rows: (InvitationRow & { province: string })[] = await this.db.manager.query(
      `SELECT ${INVITATION_COLUMNS}, c.province ${INVITATION_FROM} WHERE i.meeting_id = $1 ORDER BY c.name, i.id`,
      [meetingId],
    );
    const people = (list: { name: string; role: string | null }[]) => list.map((d) => (d.role ? `${d.name} (${d.role})` : d.name)).join(', ');
    const csv = toCsv(
      ['Comune', 'Provincia', 'Risposta', 'Posizione in lista d’attesa', 'Delegati', 'Risposta di', 'Data risposta', 'Presente', 'Delegati presenti'],
      rows.map((r) => [
        r.comuneName,
        r.province,
        ANSWER_LABELS[r.status],
        r.waitingPosition,
        people(r.delegates),
        r.answeredByName,
        r.answeredAt ? new Date(r.answeredAt) : null,
        r.present,
        r.presentDelegates.join(', '),
      ]),
    );
    return { fileName: `invitati-${meeting.startsAt.slice(0, 10)}`, csv };
  }

  /**
   * A Comune's answer. Attending takes a seat if one is free, else a place in line; declining a
   * seat gives it to the first in line. Answers close when the meeting starts.
   */
  async answer(meetingId: string, invitationId: string, dto: RsvpDto, actor: AuthenticatedUser): Promise<Invitation> {
    await this.meetings.lock(meetingId);
    const meeting = await this.meetings.get(meetingId, actor);
    assertOpenForAnswers(meeting, this.clock.now());
    const delegates = dto.answer === 'ATTENDING' ? (dto.delegates ?? []) : [];
    if (dto.answer === 'ATTENDING' && delegates.length === 0) {
      throw new ValidationProblem([{ name: 'delegates', reason: 'must name at least one person who attends' }]);
    }
    const current = await this.find(meetingId, invitationId, actor);
    const attendingOthers = await this.db.withPurpose('seat-allocation', async (m) => {
      const [row] = await m.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM meeting_invitations WHERE meeting_id = $1 AND status = 'ATTENDING' AND id <> $2`,
        [meetingId, invitationId],
      );
      return row?.n ?? 0;
    });
    let status: InvitationStatus = dto.answer;
    if (dto.answer === 'ATTENDING' && current.status !== 'ATTENDING' && meeting.seatLimit !== null && attendingOthers >= meeting.seatLimit) {
      status = 'WAITING';
    }
    const updated: { id: string }[] = await this.db.manager.query(
      `WITH answered AS (
         UPDATE meeting_invitations SET status = $3::invitation_status, delegates = $4::jsonb, answered_at = now(), answered_by_name = $5,
                waiting_since = CASE WHEN $3::text = 'WAITING' THEN coalesce(waiting_since, now()) END, version = version + 1
         WHERE id = $1 AND meeting_id = $2 AND version = $6 RETURNING id)
       SELECT id FROM answered`,
      [invitationId, meetingId, status, JSON.stringify(delegates), actor.name, dto.version],
    );
    if (updated.length !== 1) throw new StaleVersion('The answer', current.version);
    await this.audit.record({
      action: 'meeting.rsvp',
      actorId: actor.id,
      actorRole: actor.role,
      comuneId: current.comuneId,
      entityType: 'meeting-invitation',
      entityId: invitationId,
      changes: { status: { before: current.status, after: status }, delegates: { before: current.delegates, after: delegates } },
    });
    if (current.status === 'ATTENDING' && status !== 'ATTENDING') await this.promoteFirstWaiting(meeting, actor);
    return this.find(meetingId, invitationId, actor);
  }

  /** The attendance register, once the meeting has been held: which Comuni and delegates were there. */
  async recordAttendance(meetingId: string, dto: RecordAttendanceDto, actor: AuthenticatedUser): Promise<Page<Invitation>> {
    await this.meetings.get(meetingId, actor);
    const invited = new Set(
      (await this.db.manager.query<{ id: string }[]>(`SELECT id FROM meeting_invitations WHERE meeting_id = $1`, [meetingId])).map((r) => r.id),
    );
    const errors = dto.entries.flatMap((e, i) => (invited.has(e.invitationId) ? [] : [{ name: `entries.${i}.invitationId`, reason: 'is not an invitation of this meeting' }]));
    if (errors.length) throw new ValidationProblem(errors);
    await this.meetings.applyVersioned(meetingId, dto.version, {}, ['HELD']);
    // The whole register in one statement, however many Comuni were invited.
    const register = dto.entries.map((e) => ({ id: e.invitationId, present: e.present, delegates: e.present ? (e.delegates ?? []) : [] }));
    await this.db.manager.query(
      `UPDATE meeting_invitations i SET present = e.present, present_delegates = e.delegates, version = i.version + 1
       FROM jsonb_to_recordset($2::jsonb) AS e(id uuid, present boolean, delegates jsonb)
       WHERE i.id = e.id AND i.meeting_id = $1`,
      [meetingId, JSON.stringify(register)],
    );
    await this.audit.record({
      action: 'meeting.attendance',
      actorId: actor.id,
      actorRole: actor.role,
      entityType: 'meeting',
      entityId: meetingId,
      detail: `${dto.entries.filter((e) => e.present).length} of ${dto.entries.length} recorded present`,
    });
    return this.list(meetingId, { page: 1, pageSize: 100 }, actor);
  }

  /** The first Comune in line takes the freed seat. */
  private async promoteFirstWaiting(meeting: MeetingDetail, actor: AuthenticatedUser): Promise<void> {
    const row = await this.db.withPurpose('seat-allocation', async (m) => {
      const [first] = await m.query<{ id: string; comune_id: string; version: number }[]>(
        `WITH first AS (
           SELECT id FROM meeting_invitations WHERE meeting_id = $1 AND status = 'WAITING' ORDER BY waiting_since, id LIMIT 1),
         promoted AS (
           UPDATE meeting_invitations i SET status = 'ATTENDING', promoted_at = now(), waiting_since = NULL, version = i.version + 1
           FROM first WHERE i.id = first.id RETURNING i.id, i.comune_id, i.version)
         SELECT * FROM promoted`,
        [meeting.id],
      );
      // The promoted Comune hears of it; its notice is queued with the seat, under the same purpose.
      if (first) await this.outbox.announcePromotion(meeting, first.comune_id, first.id, first.version, m);
      return first;
    });
    if (!row) return;
    await this.audit.record({
      action: 'meeting.promote',
      actorId: actor.id,
      actorRole: actor.role,
      comuneId: row.comune_id,
      entityType: 'meeting-invitation',
      entityId: row.id,
      changes: { status: { before: 'WAITING', after: 'ATTENDING' } },
    });
  }

  /** An invitation of the meeting that the reader may see: another Comune's is not found. */
  private async find(meetingId: string, invitationId: string, reader: AuthenticatedUser): Promise<Invitation> {
    const found = await invitationWhere(this.db, 'i.id = $1 AND i.meeting_id = $2', [invitationId, meetingId]);
    if (!found || !(hasPermission(reader.role, 'meetings:read-all') || found.comuneId === reader.comuneId)) {
      throw new NotFoundException(`No invitation with id ${invitationId} for this meeting.`);
    }
    return found;
  }

  private async targetComuni(dto: InviteDto): Promise<string[]> {
    if (dto.target === 'ACTIVE_MEMBERS') {
      return (await this.db.manager.query<{ id: string }[]>(`SELECT comune_id AS id FROM memberships WHERE status = 'ACTIVE'`)).map((r) => r.id);
    }
    if (dto.target === 'WORKING_GROUP') {
      if (!dto.workingGroupId) throw new ValidationProblem([{ name: 'workingGroupId', reason: 'is required to invite a working group' }]);
      const group = await this.db.manager.query<{ id: string }[]>(`SELECT id FROM working_groups WHERE id = $1`, [dto.workingGroupId]);
      if (!group.length) throw new ValidationProblem([{ name: 'workingGroupId', reason: 'is not a working group' }]);
      return (
        await this.db.manager.query<{ id: string }[]>(`SELECT comune_id AS id FROM working_group_members WHERE working_group_id = $1`, [dto.workingGroupId])
      ).map((r) => r.id);
    }
    const ids = dto.comuneIds ?? [];
    if (!ids.length) throw new ValidationProblem([{ name: 'comuneIds', reason: 'must name at least one Comune' }]);
    const known = new Set((await this.db.manager.query<{ id: string }[]>(`SELECT id FROM comuni WHERE id = ANY($1::uuid[])`, [ids])).map((r) => r.id));
    const errors = ids.flatMap((id, i) => (known.has(id) ? [] : [{ name: `comuneIds.${i}`, reason: 'is not a Comune of the network' }]));
    if (errors.length) throw new ValidationProblem(errors);
    return ids;
  }
}

const ANSWER_LABELS: Record<InvitationStatus, string> = {
  PENDING: 'In attesa di risposta',
  ATTENDING: 'Partecipa',
  WAITING: 'In lista d’attesa',
  DECLINED: 'Non partecipa',
};

function assertOpenForAnswers(meeting: MeetingDetail, now: Date): void {
  if (meeting.status !== 'CONVENED') {
    throw new TypedProblem(409, MEETING_CLOSED_FOR_ANSWERS_PROBLEM_TYPE, 'Not open for answers', `The meeting is ${meeting.status}: it takes no answers.`);
  }
  if (Date.parse(meeting.startsAt) <= now.getTime()) {
    throw new TypedProblem(409, MEETING_CLOSED_FOR_ANSWERS_PROBLEM_TYPE, 'Not open for answers', 'The meeting has started: answers can no longer change.');
  }
}
