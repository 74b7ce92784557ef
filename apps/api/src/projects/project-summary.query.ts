import { ProjectSummary } from '@coopera/domain';
import { EntityManager } from 'typeorm';

/** The public columns of a project (alias `p`, its titolare `c`), as ProjectSummary fields. */
export const PROJECT_SUMMARY_COLUMNS = `
  p.id, p.code, p.title, p.category, p.status,
  p.comune_id AS "titolareComuneId", c.name AS "titolareComuneName", c.province,
  p.posti, p.posti_total AS "postiTotal",
  to_char(p.start_date, 'YYYY-MM-DD') AS "startDate",
  to_char(p.effective_end_date, 'YYYY-MM-DD') AS "endDate"`;

/** The projects whose titolare is `comuneId`, open ones first. */
export function projectsOfComune(manager: EntityManager, comuneId: string): Promise<ProjectSummary[]> {
  return manager.query(
    `SELECT ${PROJECT_SUMMARY_COLUMNS}
     FROM projects p JOIN comuni c ON c.id = p.comune_id
     WHERE p.comune_id = $1
     ORDER BY (p.status = 'CLOSED'), p.category, p.start_date DESC`,
    [comuneId],
  );
}
