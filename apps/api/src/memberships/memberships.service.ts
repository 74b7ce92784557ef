import {
  hasPermission,
  ILLEGAL_TRANSITION_PROBLEM_TYPE,
  Membership,
  MEMBERSHIP_TRANSITIONS,
  MembershipDecision,
  MembershipDetail,
  MembershipEvent,
  MembershipSortField,
  MembershipStatus,
  Page,
} from '@coopera/domain';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { parseSort } from '../common/dto-helpers';
import { TypedProblem, ValidationProblem } from '../common/problem';
import { containsPattern, foldedLike } from '../common/query-params';
import { Comune } from '../comuni/comune.entity';
import { Db } from '../database/db-context';
import type { LiteralValue } from '../database/prepared';
import { ListMembershipsQueryDto, MembershipDecisionDto, RequestMembershipDto } from './dto/membership.dto';
import { MembershipEventRecord } from './membership.entity';

const COLUMNS = `
  m.id, m.comune_id AS "comuneId", c.name AS "comuneName", c.province, m.status,
  m.referent_name AS "referentName", m.referent_role AS "referentRole", m.referent_email AS "referentEmail",
  m.requested_at AS "requestedAt", m.updated_at AS "updatedAt", m.version`;
const FROM = `FROM memberships m JOIN comuni c ON c.id = m.comune_id`;
const SORT_COLUMNS: Record<MembershipSortField, string> = {
  comune: 'c.name',
  status: 'm.status',
  requestedAt: 'm.requested_at',
  updatedAt: 'm.updated_at',
};

/** WHERE (on `m` and its Comune `c`) and ORDER BY of the memberships list: the list and its exports agree. */
export function membershipsFilter(
  query: Omit<ListMembershipsQueryDto, 'page' | 'pageSize'>,
  reader: Pick<AuthenticatedUser, 'role' | 'comuneId'>,
): { where: string; params: LiteralValue[]; order: string } {
  const conditions: string[] = [];
  const params: LiteralValue[] = [];
  const param = (value: LiteralValue) => `$${params.push(value)}`;
  if (!hasPermission(reader.role, 'network:read-private')) conditions.push(`m.comune_id = ${param(reader.comuneId)}`);
  if (query.comuneId) conditions.push(`m.comune_id = ${param(query.comuneId)}`);
  if (query.status) conditions.push(`m.status = ${param(query.status)}`);
  if (query.province) conditions.push(`c.province = ${param(query.province)}`);
  if (query.q) conditions.push(foldedLike('c.name', param(containsPattern(query.q))));
  const { field, direction } = parseSort(query.sort);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params, order: `ORDER BY ${SORT_COLUMNS[field]} ${direction}, c.name, m.id` };
}

type MembershipRow = Omit<Membership, 'requestedAt' | 'updatedAt'> & { requestedAt: Date; updatedAt: Date };

@Injectable()
export class MembershipsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** A referent sees their own Comune's membership only; the network roles all. */
  async list(query: ListMembershipsQueryDto, reader: AuthenticatedUser): Promise<Page<Membership>> {
    const { where, params, order } = membershipsFilter(query, reader);
    const param = (value: LiteralValue) => `$${params.push(value)}`;
    const [count] = await this.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n ${FROM} ${where}`, params);
    const rows = await this.db.finalQuery<MembershipRow>(
      `SELECT ${COLUMNS} ${FROM} ${where} ${order}
       LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    return { items: rows.map(toMembership), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string, reader: AuthenticatedUser): Promise<MembershipDetail> {
    const [row]: MembershipRow[] = await this.db.manager.query(`SELECT ${COLUMNS} ${FROM} WHERE m.id = $1`, [id]);
    if (!row || !(hasPermission(reader.role, 'network:read-private') || row.comuneId === reader.comuneId)) {
      throw new NotFoundException(`No membership with id ${id}.`);
    }
    const events = await this.db.manager.find(MembershipEventRecord, { where: { membershipId: id }, order: { occurredAt: 'ASC', id: 'ASC' } });
    return { ...toMembership(row), history: events.map(toEvent) };
  }

  /** A first request, or a new one after a rejection or withdrawal; any other state answers 409. */
  async request(dto: RequestMembershipDto, actor: AuthenticatedUser): Promise<MembershipDetail> {
    if (!hasPermission(actor.role, 'memberships:decide') && dto.comuneId !== actor.comuneId) {
      throw new ForbiddenException('A referent asks to join only for their own Comune.');
    }
    if (!(await this.db.manager.exists(Comune, { where: { id: dto.comuneId } }))) {
      throw new ValidationProblem([{ name: 'comuneId', reason: 'is not a Comune of the network' }]);
    }
    const referent = [dto.referentName, dto.referentRole ?? null, dto.referentEmail ?? null];
    const rule = MEMBERSHIP_TRANSITIONS.request;
    const reopenable = rule.from.filter((s): s is MembershipStatus => s !== null);
    let rows: { id: string; from: MembershipStatus | null }[] = await this.db.manager.query(
      // In a WITH, so that TypeORM answers the rows (for a bare UPDATE it answers [rows, count]).
      `WITH reopened AS (
         UPDATE memberships m SET status = 'REQUESTED', referent_name = $2, referent_role = $3, referent_email = $4,
                requested_at = now(), updated_at = now(), version = m.version + 1
         FROM memberships old WHERE m.id = old.id AND m.comune_id = $1 AND m.status = ANY($5::membership_status[])
         RETURNING m.id, old.status AS "from")
       SELECT * FROM reopened`,
      [dto.comuneId, ...referent, reopenable],
    );
    if (rows.length === 0) {
      rows = await this.db.manager.query(
        `INSERT INTO memberships (comune_id, status, referent_name, referent_role, referent_email, requested_at, version)
         VALUES ($1, 'REQUESTED', $2, $3, $4, now(), 1) ON CONFLICT (comune_id) DO NOTHING
         RETURNING id, NULL AS "from"`,
        [dto.comuneId, ...referent],
      );
    }
    const done = rows[0];
    if (!done) {
      const [current] = await this.db.manager.query<{ status: MembershipStatus }[]>(`SELECT status FROM memberships WHERE comune_id = $1`, [dto.comuneId]);
      throw illegal('request', current?.status ?? null);
    }
    await this.recordStep(done.id, dto.comuneId, done.from, 'REQUESTED', dto.note ?? null, actor);
    return this.get(done.id, actor);
  }

  /**
   * A decision of the secretariat. The status it starts from is part of the UPDATE's condition,
   * so two decisions racing on one membership cannot both apply.
   */
  async decide(id: string, decision: MembershipDecision, dto: MembershipDecisionDto, actor: AuthenticatedUser): Promise<MembershipDetail> {
    const rule = MEMBERSHIP_TRANSITIONS[decision];
    if (rule.reasonRequired && !dto.reason) throw new ValidationProblem([{ name: 'reason', reason: `is required to ${decision}` }]);
    const current = await this.get(id, actor);
    const rows: { from: MembershipStatus }[] = await this.db.manager.query(
      `WITH decided AS (
         UPDATE memberships m SET status = $2, updated_at = now(), version = m.version + 1
         FROM memberships old WHERE m.id = old.id AND m.id = $1 AND m.status = ANY($3::membership_status[])
         RETURNING old.status AS "from")
       SELECT * FROM decided`,
      [id, rule.to, rule.from],
    );
    const done = rows[0];
    if (!done) {
      const [latest] = await this.db.manager.query<{ status: MembershipStatus }[]>(`SELECT status FROM memberships WHERE id = $1`, [id]);
      throw illegal(decision, latest?.status ?? current.status);
    }
    await this.recordStep(id, current.comuneId, done.from, rule.to, dto.reason ?? null, actor);
    return this.get(id, actor);
  }

  private async recordStep(
    membershipId: string,
    comuneId: string,
    fromStatus: MembershipStatus | null,
    toStatus: MembershipStatus,
    reason: string | null,
    actor: AuthenticatedUser,
  ): Promise<void> {
    await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(MembershipEventRecord)
      .values({ membershipId, comuneId, fromStatus, toStatus, reason, actorId: actor.id, actorName: actor.name, actorRole: actor.role })
      .updateEntity(false)
      .execute();
    await this.audit.record({
      action: `membership.${toStatus.toLowerCase() as Lowercase<MembershipStatus>}`,
      actorId: actor.id,
      actorRole: actor.role,
      comuneId,
      entityType: 'membership',
      entityId: membershipId,
      changes: { status: { before: fromStatus, after: toStatus } },
      detail: reason ?? undefined,
    });
  }
}

function illegal(step: MembershipDecision | 'request', status: MembershipStatus | null): TypedProblem {
  const from = MEMBERSHIP_TRANSITIONS[step].from.map((s) => s ?? 'none').join(', ');
  return new TypedProblem(
    409,
    ILLEGAL_TRANSITION_PROBLEM_TYPE,
    'Illegal transition',
    `Cannot ${step} a membership that is ${status ?? 'not there'}: only from ${from}.`,
  );
}

function toMembership(row: MembershipRow): Membership {
  return { ...row, requestedAt: new Date(row.requestedAt).toISOString(), updatedAt: new Date(row.updatedAt).toISOString() };
}

function toEvent(e: MembershipEventRecord): MembershipEvent {
  return {
    id: e.id,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    reason: e.reason,
    actorName: e.actorName,
    actorRole: e.actorRole,
    occurredAt: e.occurredAt.toISOString(),
  };
}
