import { ComuneSortField, PROJECT_CATEGORIES } from '@coopera/domain';
import { containsPattern, foldedLike } from '../common/query-params';
import type { LiteralValue } from '../database/prepared';
import { ListComuniQueryDto } from './dto/list-comuni.query';

/**
 * The directory's rows: each Comune with its membership status and the count and posti of its open
 * projects as titolare, all kept on the Comune's own row by triggers (migration
 * DirectoryAggregates1765344000000), so that a page is read through an index without aggregating
 * the network's projects per request.
 */
export const DIRECTORY_FROM = `FROM comuni c`;

export const DIRECTORY_COLUMNS = `
  c.id, c.kind, c.name, c.province, c.istat_code AS "istatCode", c.codice_catastale AS "codiceCatastale", c.population,
  c.membership_status AS "membershipStatus", c.project_count AS "projectCount",
  ${PROJECT_CATEGORIES.map((k) => `c.posti_${k.toLowerCase()} AS "posti_${k}"`).join(', ')}, c.posti_total AS "postiTotal"`;

/** Each with the order of its index (comuni_directory_*_idx) when descending, or ascending by name. */
const SORT_COLUMNS: Record<ComuneSortField, { column: string; nullable: boolean }> = {
  name: { column: 'c.name', nullable: false },
  province: { column: 'c.province', nullable: false },
  population: { column: 'c.population', nullable: true },
  istatCode: { column: 'c.istat_code', nullable: true },
  postiTotal: { column: 'c.posti_total', nullable: false },
  projectCount: { column: 'c.project_count', nullable: false },
};

/** WHERE clause and parameters for the directory's filters. */
export function directoryFilter(query: ListComuniQueryDto): { where: string; params: LiteralValue[] } {
  const conditions: string[] = [];
  const params: LiteralValue[] = [];
  const param = (value: LiteralValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.province) conditions.push(`c.province = ${param(query.province)}`);
  if (query.kind) conditions.push(`c.kind = ${param(query.kind)}`);
  if (query.q) conditions.push(foldedLike('c.name', param(containsPattern(query.q))));
  if (query.membership === 'NONE') conditions.push('c.membership_status IS NULL');
  else if (query.membership) conditions.push(`c.membership_status = ${param(query.membership)}`);
  if (query.withProjects) conditions.push('c.project_count > 0');
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * A total order, so that pages never repeat or skip a row. Nulls (a population or ISTAT code not
 * known) come last either way; NULLS clauses only on nullable columns, because PostgreSQL matches an
 * index only when they agree with it.
 */
export function directoryOrder(sort: ListComuniQueryDto['sort']): string {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as ComuneSortField;
  const { column, nullable } = SORT_COLUMNS[field];
  const primary = `${column} ${descending ? 'DESC' : 'ASC'}${nullable ? ' NULLS LAST' : ''}`;
  return `ORDER BY ${primary}${field === 'name' ? '' : ', c.name ASC'}, c.id ASC`;
}

/**
 * The totals by province of every row the filters select (their sum is the page's total). Without a
 * name search they come from `directory_province_totals`, kept by triggers per province, kind and
 * membership; a name search counts the matching Comuni themselves.
 */
export function provinceTotalsQuery(query: ListComuniQueryDto): { sql: string; params: LiteralValue[] } {
  if (query.q) {
    const { where, params } = directoryFilter(query);
    return {
      sql: `SELECT c.province, count(*)::int AS comuni,
                   count(*) FILTER (WHERE c.membership_status = 'ACTIVE')::int AS members,
                   sum(c.project_count)::int AS projects, sum(c.posti_total)::int AS posti
            ${DIRECTORY_FROM} ${where} GROUP BY c.province ORDER BY c.province`,
      params,
    };
  }
  const conditions: string[] = [];
  const params: LiteralValue[] = [];
  const param = (value: LiteralValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.province) conditions.push(`t.province = ${param(query.province)}`);
  if (query.kind) conditions.push(`t.kind = ${param(query.kind)}`);
  if (query.membership) conditions.push(`t.membership = ${param(query.membership)}`);
  const comuni = query.withProjects ? 't.comuni_with_projects' : 't.comuni';
  return {
    sql: `SELECT t.province, sum(${comuni})::int AS comuni,
                 coalesce(sum(${comuni}) FILTER (WHERE t.membership = 'ACTIVE'), 0)::int AS members,
                 sum(t.projects)::int AS projects, sum(t.posti)::int AS posti
          FROM directory_province_totals t ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
          GROUP BY t.province HAVING sum(${comuni}) > 0 ORDER BY t.province`,
    params,
  };
}
