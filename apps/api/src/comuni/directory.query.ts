import { ComuneSortField, PROJECT_CATEGORIES } from '@coopera/domain';
import { containsPattern } from '../common/query-params';
import { ListComuniQueryDto } from './dto/list-comuni.query';

/**
 * The directory's rows: each Comune with its membership and the posti of its open projects as
 * titolare, aggregated once per request in SQL (never row by row in Node).
 */
export const DIRECTORY_FROM = `
  FROM comuni c
  LEFT JOIN memberships m ON m.comune_id = c.id
  LEFT JOIN (
    SELECT comune_id,
           count(*)::int AS project_count,
           ${PROJECT_CATEGORIES.map((k) => `coalesce(sum(posti_total) FILTER (WHERE category = '${k}'), 0)::int AS posti_${k.toLowerCase()}`).join(',\n           ')},
           sum(posti_total)::int AS posti_total
    FROM projects WHERE status <> 'CLOSED' GROUP BY comune_id
  ) p ON p.comune_id = c.id`;

export const DIRECTORY_COLUMNS = `
  c.id, c.kind, c.name, c.province, c.istat_code AS "istatCode", c.codice_catastale AS "codiceCatastale", c.population,
  m.status AS "membershipStatus",
  coalesce(p.project_count, 0) AS "projectCount",
  ${PROJECT_CATEGORIES.map((k) => `coalesce(p.posti_${k.toLowerCase()}, 0) AS "posti_${k}"`).join(', ')},
  coalesce(p.posti_total, 0) AS "postiTotal"`;

const SORT_COLUMNS: Record<ComuneSortField, string> = {
  name: 'c.name',
  province: 'c.province',
  population: 'c.population',
  istatCode: 'c.istat_code',
  postiTotal: 'coalesce(p.posti_total, 0)',
  projectCount: 'coalesce(p.project_count, 0)',
};

/** WHERE clause and parameters for the directory's filters. */
export function directoryFilter(query: ListComuniQueryDto): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.province) conditions.push(`c.province = ${param(query.province)}`);
  if (query.kind) conditions.push(`c.kind = ${param(query.kind)}`);
  if (query.q) conditions.push(`fold_text(c.name) LIKE fold_text(${param(containsPattern(query.q))})`);
  if (query.membership === 'NONE') conditions.push('m.id IS NULL');
  else if (query.membership) conditions.push(`m.status = ${param(query.membership)}`);
  if (query.withProjects) conditions.push('p.project_count > 0');
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** A total order, so that pages never repeat or skip a row. */
export function directoryOrder(sort: ListComuniQueryDto['sort']): string {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as ComuneSortField;
  const primary = `${SORT_COLUMNS[field]} ${descending ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`;
  return `ORDER BY ${primary}${field === 'name' ? '' : ', c.name ASC'}, c.id ASC`;
}
