// GET /api/v1/comuni: the network directory, as apps/api/src/comuni/comuni.service.ts `list`
// and directory.query.ts build it: the same two statements, the same JSON.
import { finalRead, prepared } from './db.mjs';

const CATEGORIES = ['ORDINARI', 'MSNA', 'DM_DS'];

const DIRECTORY_FROM = `FROM comuni c`;

const DIRECTORY_COLUMNS = `
  c.id, c.kind, c.name, c.province, c.istat_code AS "istatCode", c.codice_catastale AS "codiceCatastale", c.population,
  c.membership_status AS "membershipStatus", c.project_count AS "projectCount",
  ${CATEGORIES.map((k) => `c.posti_${k.toLowerCase()} AS "posti_${k}"`).join(', ')}, c.posti_total AS "postiTotal"`;

const SORT_COLUMNS = {
  name: { column: 'c.name', nullable: false },
  province: { column: 'c.province', nullable: false },
  population: { column: 'c.population', nullable: true },
  istatCode: { column: 'c.istat_code', nullable: true },
  postiTotal: { column: 'c.posti_total', nullable: false },
  projectCount: { column: 'c.project_count', nullable: false },
};

export class BadRequest extends Error {}

/** The query string as ListComuniQueryDto reads it; the baseline checks only what keeps SQL safe. */
function parseQuery(search) {
  const sort = search.get('sort') ?? 'name';
  const field = sort.startsWith('-') ? sort.slice(1) : sort;
  if (!(field in SORT_COLUMNS)) throw new BadRequest(`sort ${sort}`);
  const page = Number(search.get('page') ?? 1);
  const pageSize = Number(search.get('pageSize') ?? 20);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new BadRequest('page');
  const q = search.get('q')?.trim();
  return {
    sort,
    page,
    pageSize,
    q: q || undefined,
    province: search.get('province') ?? undefined,
    kind: search.get('kind') ?? undefined,
    membership: search.get('membership') ?? undefined,
    withProjects: search.get('withProjects') === 'true' ? true : undefined,
  };
}

function filter(query) {
  const conditions = [];
  const params = [];
  const param = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.province) conditions.push(`c.province = ${param(query.province)}`);
  if (query.kind) conditions.push(`c.kind = ${param(query.kind)}`);
  if (query.q) conditions.push(`fold_text(c.name) LIKE (SELECT fold_text(${param(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}))`);
  if (query.membership === 'NONE') conditions.push('c.membership_status IS NULL');
  else if (query.membership) conditions.push(`c.membership_status = ${param(query.membership)}`);
  if (query.withProjects) conditions.push('c.project_count > 0');
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function order(sort) {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const { column, nullable } = SORT_COLUMNS[field];
  const primary = `${column} ${descending ? 'DESC' : 'ASC'}${nullable ? ' NULLS LAST' : ''}`;
  return `ORDER BY ${primary}${field === 'name' ? '' : ', c.name ASC'}, c.id ASC`;
}

/** The totals by province: kept per province, kind and membership unless a name search counts them. */
function provinceTotals(query) {
  if (query.q) {
    const { where, params } = filter(query);
    return {
      sql: `SELECT c.province, count(*)::int AS comuni,
                   count(*) FILTER (WHERE c.membership_status = 'ACTIVE')::int AS members,
                   sum(c.project_count)::int AS projects, sum(c.posti_total)::int AS posti
            ${DIRECTORY_FROM} ${where} GROUP BY c.province ORDER BY c.province`,
      params,
    };
  }
  const conditions = [];
  const params = [];
  const param = (value) => {
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

function toEntry(row) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    province: row.province,
    istatCode: row.istatCode,
    codiceCatastale: row.codiceCatastale,
    population: row.population,
    membershipStatus: row.membershipStatus ?? null,
    projectCount: row.projectCount,
    posti: { ORDINARI: row.posti_ORDINARI, MSNA: row.posti_MSNA, DM_DS: row.posti_DM_DS },
    postiTotal: row.postiTotal,
  };
}

export async function listComuni(client, search) {
  const query = parseQuery(search);
  const { where, params } = filter(query);
  const limit = params.length + 1;
  const rows = (
    await client.query(
      prepared(
        `SELECT ${DIRECTORY_COLUMNS}
       ${DIRECTORY_FROM} ${where} ${order(query.sort)}
       LIMIT $${limit} OFFSET $${limit + 1}`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      ),
    )
  ).rows;
  const totals = provinceTotals(query);
  const provinceTotalRows = (await finalRead(client, totals.sql, totals.params)).rows;
  // The totals by province count every filtered row: their sum is the total.
  const total = provinceTotalRows.reduce((sum, p) => sum + p.comuni, 0);
  return { items: rows.map(toEntry), total, page: query.page, pageSize: query.pageSize, provinceTotals: provinceTotalRows };
}
