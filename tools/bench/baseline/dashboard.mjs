// GET /api/v1/stats/dashboard without filters, as apps/api/src/stats/stats.service.ts computes
// it: seven statements (three under the 'statistics' purpose), then the totals in JavaScript.
import { withPurpose } from './db.mjs';

const IN_PROVINCE = `($1::text IS NULL OR c.province::text = $1)`;
const PROJECTS_COUNTED = `${IN_PROVINCE} AND ($2::text IS NULL OR p.category::text = $2) AND (
  CASE WHEN $3::date IS NULL AND $4::date IS NULL THEN p.status <> 'CLOSED'
       ELSE p.start_date <= coalesce($4::date, 'infinity'::date) AND p.effective_end_date >= coalesce($3::date, '-infinity'::date) END)`;

const PROJECTS = `SELECT p.category, c.province, count(*)::int AS projects, sum(p.posti_total)::int AS posti
       FROM projects p JOIN comuni c ON c.id = p.comune_id
       WHERE ${PROJECTS_COUNTED} GROUP BY p.category, c.province ORDER BY c.province, p.category`;

const MEMBERS_BY_PROVINCE = `SELECT c.province, count(*) FILTER (WHERE c.kind = 'COMUNE')::int AS comuni, count(m.id) FILTER (WHERE m.status = 'ACTIVE')::int AS members
       FROM comuni c LEFT JOIN memberships m ON m.comune_id = c.id
       WHERE ${IN_PROVINCE} GROUP BY c.province ORDER BY c.province`;

const ENTI = `WITH counted AS (SELECT p.id, p.comune_id FROM projects p JOIN comuni c ON c.id = p.comune_id WHERE ${PROJECTS_COUNTED}),
       served AS (
         SELECT pe.ente_gestore_id AS ente, counted.comune_id AS comune, counted.id AS project
         FROM project_enti_gestori pe JOIN counted ON counted.id = pe.project_id
         UNION
         SELECT pe.ente_gestore_id, a.associated_comune_id, counted.id
         FROM project_enti_gestori pe JOIN counted ON counted.id = pe.project_id JOIN project_associated_comuni a ON a.project_id = counted.id)
       SELECT e.id AS "enteId", e.name, count(DISTINCT s.comune)::int AS "comuniServed", count(DISTINCT s.project)::int AS projects,
              count(*) OVER ()::int AS enti
       FROM served s JOIN enti_gestori e ON e.id = s.ente
       GROUP BY e.id, e.name ORDER BY "comuniServed" DESC, projects DESC, e.name LIMIT 20`;

const NON_MEMBERS = `SELECT c.id AS "comuneId", c.name AS "comuneName", c.province, count(p.id)::int AS "openProjects", sum(p.posti_total)::int AS posti,
              m.status AS membership
       FROM projects p JOIN comuni c ON c.id = p.comune_id LEFT JOIN memberships m ON m.comune_id = c.id
       WHERE ${PROJECTS_COUNTED} AND m.status IS DISTINCT FROM 'ACTIVE'
       GROUP BY c.id, c.name, c.province, m.status ORDER BY c.province, c.name`;

const MEMBERS_OVER_TIME = `WITH bounds AS (
         SELECT date_trunc('month', coalesce($3::date, now())) AS last,
                date_trunc('month', coalesce($2::date, (SELECT min(occurred_at) FROM membership_events), now())) AS first),
       months AS (
         SELECT generate_series(greatest(first, last - interval '119 months'), last, interval '1 month') AS month FROM bounds)
       SELECT to_char(months.month, 'YYYY-MM') AS month,
              (SELECT count(*) FROM (
                 SELECT DISTINCT ON (e.comune_id) e.to_status FROM membership_events e JOIN comuni c ON c.id = e.comune_id
                 WHERE e.occurred_at < months.month + interval '1 month' AND ${IN_PROVINCE}
                 ORDER BY e.comune_id, e.occurred_at DESC, e.id DESC) AS latest
               WHERE latest.to_status = 'ACTIVE')::int AS members
       FROM months ORDER BY months.month`;

const MEETINGS_HELD = `SELECT count(*)::int AS n FROM meetings m
       WHERE m.status IN ('HELD', 'MINUTES_PUBLISHED') AND ($1::date IS NULL OR m.starts_at >= $1::date) AND ($2::date IS NULL OR m.starts_at < $2::date + 1)`;

const ATTENDANCE = `SELECT c.id AS "comuneId", c.name AS "comuneName", c.province, count(*)::int AS invited,
              count(*) FILTER (WHERE i.present)::int AS present,
              (count(*) FILTER (WHERE i.present))::float / count(*) AS rate,
              coalesce(sum(jsonb_array_length(i.present_delegates)) FILTER (WHERE i.present), 0)::int AS delegates
       FROM meeting_invitations i JOIN meetings m ON m.id = i.meeting_id JOIN comuni c ON c.id = i.comune_id
       WHERE m.status IN ('HELD', 'MINUTES_PUBLISHED') AND ($2::date IS NULL OR m.starts_at >= $2::date) AND ($3::date IS NULL OR m.starts_at < $3::date + 1)
         AND ${IN_PROVINCE}
       GROUP BY c.id, c.name, c.province ORDER BY rate DESC, c.name`;

const READ_PRIVATE = new Set(['ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE']);
const SMALL_CELL_LIMIT = 5;

/** libs/domain publishPeople: 1 to 4 people become "<5" outside their own Comune. */
function publishPeople(count, own) {
  return !own && count > 0 && count < SMALL_CELL_LIMIT ? '<5' : count;
}

export async function dashboard(client, search, reader) {
  const province = search.get('province') ?? null;
  const period = [search.get('from') ?? null, search.get('to') ?? null];
  const counted = [province, search.get('category') ?? null, ...period];
  const projects = (await client.query(PROJECTS, counted)).rows;
  const membersByProvince = (await client.query(MEMBERS_BY_PROVINCE, [province])).rows;
  const entiRows = (await client.query(ENTI, counted)).rows;
  const nonMembers = (await client.query(NON_MEMBERS, counted)).rows;
  const { membersOverTime, meetingsHeld, attendance } = await withPurpose(client, 'statistics', async () => ({
    membersOverTime: (await client.query(MEMBERS_OVER_TIME, [province, ...period])).rows,
    meetingsHeld: (await client.query(MEETINGS_HELD, period)).rows[0]?.n ?? 0,
    attendance: (await client.query(ATTENDANCE, [province, ...period])).rows,
  }));
  const seesAll = READ_PRIVATE.has(reader.role);
  let invited = 0;
  let present = 0;
  for (const a of attendance) {
    invited += a.invited;
    present += a.present;
  }
  return {
    totals: {
      members: membersByProvince.reduce((n, p) => n + p.members, 0),
      projects: projects.reduce((n, p) => n + p.projects, 0),
      posti: projects.reduce((n, p) => n + p.posti, 0),
      enti: entiRows[0]?.enti ?? 0,
      meetingsHeld,
      attendanceRate: invited ? present / invited : null,
    },
    membersByProvince,
    membersOverTime,
    projectsByCategoryProvince: projects,
    entiByComuniServed: entiRows.map((r) => ({ enteId: r.enteId, name: r.name, comuniServed: r.comuniServed, projects: r.projects })),
    attendanceByComune: attendance
      .filter((a) => seesAll || a.comuneId === reader.comuneId)
      .map(({ delegates, ...a }) => ({ ...a, delegatesPresent: publishPeople(delegates, a.comuneId === reader.comuneId) })),
    nonMemberTitolari: nonMembers,
  };
}
