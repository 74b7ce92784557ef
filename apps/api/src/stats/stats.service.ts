import {
  AttendanceByComune,
  DashboardStats,
  EnteServing,
  hasPermission,
  MembersAtMonth,
  MembersByProvince,
  NonMemberTitolare,
  ProjectsByCategoryProvince,
  publishPeople,
} from '@coopera/domain';
import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { Db } from '../database/db-context';
import { StatsQueryDto } from './dto/stats.dto';

// $1 is the province wherever a statement filters by it; the period is of calendar dates.
const IN_PROVINCE = `($1::text IS NULL OR c.province::text = $1)`;
/**
 * The projects a figure counts: of the province and category, and either running during the
 * period or, with no period, not closed. Parameters: $1 province, $2 category, $3 from, $4 to.
 */
const PROJECTS_COUNTED = `${IN_PROVINCE} AND ($2::text IS NULL OR p.category::text = $2) AND (
  CASE WHEN $3::date IS NULL AND $4::date IS NULL THEN p.status <> 'CLOSED'
       ELSE p.start_date <= coalesce($4::date, 'infinity'::date) AND p.effective_end_date >= coalesce($3::date, '-infinity'::date) END)`;
/** At most ten years of months on the members' curve. */
const MAX_MONTHS = 120;

/**
 * The oversight figures, each one SQL statement over the filtered network. Answers and membership
 * histories of every Comune are counted under the 'statistics' purpose; only aggregates leave it,
 * and a referent gets the per-Comune attendance of their own Comune only.
 */
@Injectable()
export class StatsService {
  constructor(private readonly db: Db) {}

  async dashboard(query: StatsQueryDto, reader: AuthenticatedUser): Promise<DashboardStats> {
    const province = query.province ?? null;
    const period = [query.from ?? null, query.to ?? null];
    const counted = [province, query.category ?? null, ...period];
    // One connection, one statement at a time.
    const projects = await this.projects(counted);
    const membersByProvince = await this.membersByProvince([province]);
    const enti = await this.enti(counted);
    const nonMembers = await this.nonMemberTitolari(counted);
    const { membersOverTime, meetingsHeld, attendance } = await this.db.withPurpose('statistics', async () => ({
      membersOverTime: await this.membersOverTime([province, ...period]),
      meetingsHeld: await this.meetingsHeld(period),
      attendance: await this.attendance([province, ...period]),
    }));
    const seesAll = hasPermission(reader.role, 'network:read-private');
    const invited = attendance.reduce((n, a) => n + a.invited, 0);
    const present = attendance.reduce((n, a) => n + a.present, 0);
    return {
      totals: {
        members: membersByProvince.reduce((n, p) => n + p.members, 0),
        projects: projects.reduce((n, p) => n + p.projects, 0),
        posti: projects.reduce((n, p) => n + p.posti, 0),
        enti: enti.total,
        meetingsHeld,
        attendanceRate: invited ? present / invited : null,
      },
      membersByProvince,
      membersOverTime,
      projectsByCategoryProvince: projects,
      entiByComuniServed: enti.top,
      attendanceByComune: attendance
        .filter((a) => seesAll || a.comuneId === reader.comuneId)
        .map(({ delegates, ...a }) => ({ ...a, delegatesPresent: publishPeople(delegates, a.comuneId === reader.comuneId) })),
      nonMemberTitolari: nonMembers,
    };
  }

  private projects(params: unknown[]): Promise<ProjectsByCategoryProvince[]> {
    return this.db.manager.query(
      `SELECT p.category, c.province, count(*)::int AS projects, sum(p.posti_total)::int AS posti
       FROM projects p JOIN comuni c ON c.id = p.comune_id
       WHERE ${PROJECTS_COUNTED} GROUP BY p.category, c.province ORDER BY c.province, p.category`,
      params,
    );
  }

  private membersByProvince(params: unknown[]): Promise<MembersByProvince[]> {
    return this.db.manager.query(
      `SELECT c.province, count(*) FILTER (WHERE c.kind = 'COMUNE')::int AS comuni, count(m.id) FILTER (WHERE m.status = 'ACTIVE')::int AS members
       FROM comuni c LEFT JOIN memberships m ON m.comune_id = c.id
       WHERE ${IN_PROVINCE} GROUP BY c.province ORDER BY c.province`,
      params,
    );
  }

  /** Members at each month's end: the Comuni whose last membership event by then made them active. $1 province, $2 from, $3 to. */
  private membersOverTime(params: unknown[]): Promise<MembersAtMonth[]> {
    return this.db.manager.query(
      `WITH bounds AS (
         SELECT date_trunc('month', coalesce($3::date, now())) AS last,
                date_trunc('month', coalesce($2::date, (SELECT min(occurred_at) FROM membership_events), now())) AS first),
       months AS (
         SELECT generate_series(greatest(first, last - interval '${MAX_MONTHS - 1} months'), last, interval '1 month') AS month FROM bounds)
       SELECT to_char(months.month, 'YYYY-MM') AS month,
              (SELECT count(*) FROM (
                 SELECT DISTINCT ON (e.comune_id) e.to_status FROM membership_events e JOIN comuni c ON c.id = e.comune_id
                 WHERE e.occurred_at < months.month + interval '1 month' AND ${IN_PROVINCE}
                 ORDER BY e.comune_id, e.occurred_at DESC, e.id DESC) AS latest
               WHERE latest.to_status = 'ACTIVE')::int AS members
       FROM months ORDER BY months.month`,
      params,
    );
  }

  private async enti(params: unknown[]): Promise<{ top: EnteServing[]; total: number }> {
    const rows: (EnteServing & { enti: number })[] = await this.db.manager.query(
      `WITH counted AS (SELECT p.id, p.comune_id FROM projects p JOIN comuni c ON c.id = p.comune_id WHERE ${PROJECTS_COUNTED}),
       served AS (
         SELECT pe.ente_gestore_id AS ente, counted.comune_id AS comune, counted.id AS project
         FROM project_enti_gestori pe JOIN counted ON counted.id = pe.project_id
         UNION
         SELECT pe.ente_gestore_id, a.associated_comune_id, counted.id
         FROM project_enti_gestori pe JOIN counted ON counted.id = pe.project_id JOIN project_associated_comuni a ON a.project_id = counted.id)
       SELECT e.id AS "enteId", e.name, count(DISTINCT s.comune)::int AS "comuniServed", count(DISTINCT s.project)::int AS projects,
              count(*) OVER ()::int AS enti
       FROM served s JOIN enti_gestori e ON e.id = s.ente
       GROUP BY e.id, e.name ORDER BY "comuniServed" DESC, projects DESC, e.name LIMIT 20`,
      params,
    );
    return { top: rows.map((r) => ({ enteId: r.enteId, name: r.name, comuniServed: r.comuniServed, projects: r.projects })), total: rows[0]?.enti ?? 0 };
  }

  /** $1 from, $2 to. */
  private async meetingsHeld(params: unknown[]): Promise<number> {
    const [row] = await this.db.manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM meetings m
       WHERE m.status IN ('HELD', 'MINUTES_PUBLISHED') AND ($1::date IS NULL OR m.starts_at >= $1::date) AND ($2::date IS NULL OR m.starts_at < $2::date + 1)`,
      params,
    );
    return row?.n ?? 0;
  }

  /** $1 province, $2 from, $3 to. */
  private attendance(params: unknown[]): Promise<(Omit<AttendanceByComune, 'delegatesPresent'> & { delegates: number })[]> {
    return this.db.manager.query(
      `SELECT c.id AS "comuneId", c.name AS "comuneName", c.province, count(*)::int AS invited,
              count(*) FILTER (WHERE i.present)::int AS present,
              (count(*) FILTER (WHERE i.present))::float / count(*) AS rate,
              coalesce(sum(jsonb_array_length(i.present_delegates)) FILTER (WHERE i.present), 0)::int AS delegates
       FROM meeting_invitations i JOIN meetings m ON m.id = i.meeting_id JOIN comuni c ON c.id = i.comune_id
       WHERE m.status IN ('HELD', 'MINUTES_PUBLISHED') AND ($2::date IS NULL OR m.starts_at >= $2::date) AND ($3::date IS NULL OR m.starts_at < $3::date + 1)
         AND ${IN_PROVINCE}
       GROUP BY c.id, c.name, c.province ORDER BY rate DESC, c.name`,
      params,
    );
  }

  private nonMemberTitolari(params: unknown[]): Promise<NonMemberTitolare[]> {
    return this.db.manager.query(
      `SELECT c.id AS "comuneId", c.name AS "comuneName", c.province, count(p.id)::int AS "openProjects", sum(p.posti_total)::int AS posti,
              m.status AS membership
       FROM projects p JOIN comuni c ON c.id = p.comune_id LEFT JOIN memberships m ON m.comune_id = c.id
       WHERE ${PROJECTS_COUNTED} AND m.status IS DISTINCT FROM 'ACTIVE'
       GROUP BY c.id, c.name, c.province, m.status ORDER BY c.province, c.name`,
      params,
    );
  }
}
