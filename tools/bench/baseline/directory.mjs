// GET /api/v1/comuni: the network directory, as apps/api/src/comuni/comuni.service.ts `list`
// and directory.query.ts build it: the same two statements, the same JSON.

const CATEGORIES = ['ORDINARI', 'MSNA', 'DM_DS'];

const DIRECTORY_FROM = `
  FROM comuni c
  LEFT JOIN memberships m ON m.comune_id = c.id
  LEFT JOIN (
    SELECT comune_id,
           count(*)::int AS project_count,
           ${CATEGORIES.map((k) => `coalesce(sum(posti_total) FILTER (WHERE category = '${k}'), 0)::int AS posti_${k.toLowerCase()}`).join(',\n           ')},
           sum(posti_total)::int AS posti_total
    FROM projects WHERE status <> 'CLOSED' GROUP BY comune_id
  ) p ON p.comune_id = c.id`;

const DIRECTORY_COLUMNS = `
  c.id, c.kind, c.name, c.province, c.istat_code AS "istatCode", c.codice_catastale AS "codiceCatastale", c.population,
  m.status AS "membershipStatus",
  coalesce(p.project_count, 0) AS "projectCount",
  ${CATEGORIES.map((k) => `coalesce(p.posti_${k.toLowerCase()}, 0) AS "posti_${k}"`).join(', ')},
  coalesce(p.posti_total, 0) AS "postiTotal"`;

const SORT_COLUMNS = {
  name: 'c.name',
  province: 'c.province',
  population: 'c.population',
  istatCode: 'c.istat_code',
  postiTotal: 'coalesce(p.posti_total, 0)',
  projectCount: 'coalesce(p.project_count, 0)',
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
  if (query.q) conditions.push(`fold_text(c.name) LIKE fold_text(${param(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)})`);
  if (query.membership === 'NONE') conditions.push('m.id IS NULL');
  else if (query.membership) conditions.push(`m.status = ${param(query.membership)}`);
  if (query.withProjects) conditions.push('p.project_count > 0');
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function order(sort) {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const primary = `${SORT_COLUMNS[field]} ${descending ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`;
  return `ORDER BY ${primary}${field === 'name' ? '' : ', c.name ASC'}, c.id ASC`;
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
      `SELECT ${DIRECTORY_COLUMNS}
       ${DIRECTORY_FROM} ${where} ${order(query.sort)}
       LIMIT $${limit} OFFSET $${limit + 1}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    )
  ).rows;
  const provinceTotals = (
    await client.query(
      `SELECT c.province, count(*)::int AS comuni,
              count(*) FILTER (WHERE m.status = 'ACTIVE')::int AS members,
              coalesce(sum(p.project_count), 0)::int AS projects,
              coalesce(sum(p.posti_total), 0)::int AS posti
       ${DIRECTORY_FROM} ${where} GROUP BY c.province ORDER BY c.province`,
      params,
    )
  ).rows;
  // The totals by province count every filtered row: their sum is the total.
  const total = provinceTotals.reduce((sum, p) => sum + p.comuni, 0);
  return { items: rows.map(toEntry), total, page: query.page, pageSize: query.pageSize, provinceTotals };
}
