import { ProjectSortField, ProjectSummary } from '@coopera/domain';
import { parseSort } from '../common/dto-helpers';
import { containsPattern, foldedLike } from '../common/query-params';
import { ListProjectsQueryDto } from './dto/list-projects.query';
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

const SORT_COLUMNS: Record<ProjectSortField, string> = {
  code: 'p.code',
  title: 'p.title',
  comune: 'c.name',
  posti: 'p.posti_total',
  startDate: 'p.start_date',
  endDate: 'p.effective_end_date',
};

/** The WHERE (on `p` and its titolare `c`) and ORDER BY of the project list's filters: the list and its exports agree. */
export function projectsFilter(query: Omit<ListProjectsQueryDto, 'page' | 'pageSize'>): { where: string; params: unknown[]; order: string } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (query.comuneId) conditions.push(`p.comune_id = ${param(query.comuneId)}`);
  if (query.category) conditions.push(`p.category = ${param(query.category)}`);
  if (query.status) conditions.push(`p.status = ${param(query.status)}`);
  if (query.province) conditions.push(`c.province = ${param(query.province)}`);
  if (query.enteGestoreId) {
    conditions.push(`EXISTS (SELECT 1 FROM project_enti_gestori pe WHERE pe.project_id = p.id AND pe.ente_gestore_id = ${param(query.enteGestoreId)})`);
  }
  if (query.q) {
    const pattern = param(containsPattern(query.q));
    conditions.push(`(${foldedLike('p.code', pattern)} OR ${foldedLike('p.title', pattern)} OR ${foldedLike('c.name', pattern)})`);
  }
  const { field, direction } = parseSort(query.sort);
  return {
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    params,
    order: `ORDER BY ${SORT_COLUMNS[field]} ${direction}, p.code ${direction}, p.id`,
  };
}
