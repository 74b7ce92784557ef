import { ProjectDetail } from '@coopera/domain';

/**
 * A project with all its parts in one statement: the parts come back as JSON arrays built by
 * PostgreSQL. It replaced six ORM look-ups (project with Comune, associated Comuni, ampliamenti,
 * proroghe, enti gestori), whose round trips and hydration were most of a read's cost. Each part's
 * table keeps its own row-level security: the subqueries see what the reader may see.
 */
export const PROJECT_DETAIL_SQL = `
  SELECT p.id, p.code, p.title, p.category, p.status, p.comune_id AS "titolareComuneId",
         c.name AS "titolareComuneName", c.province, p.posti, p.posti_total AS "postiTotal",
         p.start_date::text AS "startDate", p.effective_end_date::text AS "endDate", p.end_date::text AS "originalEndDate",
         (SELECT coalesce(json_agg(json_build_object('id', a.associated_comune_id, 'name', ac.name)), '[]')
            FROM project_associated_comuni a JOIN comuni ac ON ac.id = a.associated_comune_id
           WHERE a.project_id = p.id) AS "associatedComuni",
         (SELECT coalesce(json_agg(json_build_object('posti', e.posti, 'effectiveFrom', e.effective_from, 'actReference', e.act_reference)
                                   ORDER BY e.position), '[]')
            FROM project_expansions e WHERE e.project_id = p.id) AS expansions,
         (SELECT coalesce(json_agg(json_build_object('until', x.until, 'actReference', x.act_reference) ORDER BY x.position), '[]')
            FROM project_extensions x WHERE x.project_id = p.id) AS extensions,
         p.responsible_officer AS "responsibleOfficer", p.mailbox, p.services::text[] AS services,
         (SELECT coalesce(json_agg(json_build_object('enteGestoreId', pe.ente_gestore_id, 'name', eg.name, 'taxCode', eg.tax_code,
                                                     'role', pe.role)), '[]')
            FROM project_enti_gestori pe JOIN enti_gestori eg ON eg.id = pe.ente_gestore_id
           WHERE pe.project_id = p.id) AS "entiGestori",
         p.closed_at AS "closedAt", p.closed_reason AS "closedReason", p.created_at AS "createdAt",
         p.updated_at AS "updatedAt", p.version
  FROM projects p JOIN comuni c ON c.id = p.comune_id
  WHERE p.id = $1`;

/** One row of PROJECT_DETAIL_SQL as `pg` hands it over: the detail, with timestamps still dates. */
export type ProjectDetailRow = Omit<ProjectDetail, 'closedAt' | 'createdAt' | 'updatedAt'> & {
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const italian = new Intl.Collator('it');

/** The API's shape: parts in a stable order (names as Italian readers sort them). */
export function toProjectDetail(row: ProjectDetailRow): ProjectDetail {
  return {
    ...row,
    associatedComuni: row.associatedComuni.sort((a, b) => italian.compare(a.name, b.name)),
    entiGestori: row.entiGestori.sort((a, b) => a.role.localeCompare(b.role) || italian.compare(a.name, b.name)),
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
