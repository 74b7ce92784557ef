// GET and PATCH /api/v1/projects/:id, as apps/api/src/projects/projects.service.ts `get` and
// `update` do them: the same statements in the same order, the same JSON. The baseline leaves
// out what is pure validation (class-validator on the body, the cross-field rules of
// project-rules.ts): it accepts only the few scalar fields the benchmark writes.
import { finalRead, prepared } from './db.mjs';
import * as SQL from './typeorm-sql.mjs';

const italian = new Intl.Collator('it');
/** Fields a PATCH may change here; the API accepts every field of the project. */
const WRITABLE = ['title', 'responsibleOfficer', 'mailbox'];
/** The order of ProjectState's keys: the audit diff lists changed fields in it. */
const STATE_KEYS = [
  'code', 'title', 'category', 'status', 'posti', 'startDate', 'endDate', 'responsibleOfficer', 'mailbox', 'services',
  'expansions', 'extensions', 'associatedComuneIds', 'entiGestori',
];

export class NotFound extends Error {}
export class Conflict extends Error {
  constructor(message, extra) {
    super(message);
    this.extra = extra;
  }
}
export class Forbidden extends Error {}
export class Invalid extends Error {}

const NETWORK_READERS = new Set(['ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE']);
const WRITE_ANY = new Set(['ADMIN', 'SECRETARIAT']);

function iso(value) {
  return value ? value.toISOString() : null;
}

/** apps/api/src/projects/project-detail.query.ts: the project and its parts as JSON, in one statement. */
const PROJECT_DETAIL_SQL = `
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

/** ProjectsService.get for `reader`: one statement, then the detail. */
export async function getProject(client, id, reader) {
  const row = (await finalRead(client, PROJECT_DETAIL_SQL, [id])).rows[0];
  const mayRead =
    row &&
    (NETWORK_READERS.has(reader.role) ||
      (reader.comuneId !== null && (row.titolareComuneId === reader.comuneId || row.associatedComuni.some((a) => a.id === reader.comuneId))));
  if (!mayRead) throw new NotFound(`No project with id ${id}.`);
  return {
    ...row,
    associatedComuni: row.associatedComuni.sort((a, b) => italian.compare(a.name, b.name)),
    entiGestori: row.entiGestori.sort((a, b) => a.role.localeCompare(b.role) || italian.compare(a.name, b.name)),
    closedAt: iso(row.closedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function stateOf(detail) {
  return {
    code: detail.code,
    title: detail.title,
    category: detail.category,
    status: detail.status,
    posti: detail.posti,
    startDate: detail.startDate,
    endDate: detail.originalEndDate,
    responsibleOfficer: detail.responsibleOfficer,
    mailbox: detail.mailbox,
    services: detail.services,
    expansions: detail.expansions,
    extensions: detail.extensions,
    associatedComuneIds: detail.associatedComuni.map((c) => c.id),
  };
}

/** audit/diff.ts over auditView(): the fields whose JSON differs, in ProjectState's order. */
function auditChanges(before, after) {
  const changes = {};
  for (const key of STATE_KEYS) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = { before: a, after: b };
  }
  return changes;
}

function parseChanges(body) {
  if (!body || typeof body !== 'object' || !Number.isInteger(body.version) || body.version < 1) throw new Invalid('version');
  const changes = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'version') continue;
    if (!WRITABLE.includes(key)) throw new Invalid(`${key} is not supported by the baseline`);
    if (value !== null && typeof value !== 'string') throw new Invalid(key);
    // The DTO's transforms: trim() for the title, trimToNull() for the others.
    const trimmed = typeof value === 'string' ? value.trim() : value;
    changes[key] = key === 'title' ? trimmed : trimmed || null;
  }
  return { version: body.version, changes };
}

/** ProjectsService.update with a body of scalar fields: the same 20-odd statements. */
export async function updateProject(client, id, body, actor) {
  const { version, changes } = parseChanges(body);
  const current = await getProject(client, id, actor);
  if (!WRITE_ANY.has(actor.role) && !(actor.role === 'COMUNE_REFERENT' && actor.comuneId === current.titolareComuneId)) {
    throw new Forbidden('Only the titolare Comune’s referents and the secretariat change a project.');
  }
  if (current.status === 'CLOSED') throw new Conflict(`Project ${current.code} is closed: it can no longer be changed.`);
  const before = stateOf(current);
  const next = { ...before, ...changes };
  if (next.associatedComuneIds.length) await client.query(SQL.comuniIn(next.associatedComuneIds.length), next.associatedComuneIds);
  const postiTotal = next.posti + next.expansions.reduce((sum, e) => sum + e.posti, 0);
  const effectiveEnd = next.extensions.reduce((end, e) => (e.until > end ? e.until : end), next.endDate);
  // Named, as the API sends its fixed write statements (Db.execute(…, named)).
  const updated = await client.query(prepared(SQL.PROJECT_UPDATE, [
    next.code, next.title, next.category, next.status, next.posti, postiTotal, next.startDate, next.endDate, effectiveEnd,
    next.responsibleOfficer, next.mailbox, next.services, id, version,
  ]));
  if (updated.rowCount !== 1) {
    const currentVersion = (await client.query(SQL.PROJECT_VERSION, [id])).rows[0]?.ProjectRecord_version ?? 0;
    throw new Conflict(`Project ${current.code} was changed by someone else meanwhile: reload it (current version ${currentVersion}) and apply your change again.`, {
      currentVersion,
    });
  }
  await writeParts(client, id, current.titolareComuneId, next, current.entiGestori);
  const enti = current.entiGestori.map((e) => `${e.taxCode}:${e.role}`).sort();
  await client.query(prepared(SQL.AUDIT_INSERT, [
    'project.update', actor.id, actor.role, current.titolareComuneId, 'project', id,
    JSON.stringify(auditChanges({ ...before, entiGestori: enti }, { ...next, entiGestori: enti })), null, null,
  ]));
  return getProject(client, id, actor);
}

/** writeParts(…, replace = true): delete the four lists, insert them again. */
async function writeParts(client, projectId, comuneId, state, enti) {
  for (const statement of SQL.PROJECT_PARTS_DELETE) await client.query(prepared(statement, [projectId]));
  const insert = async (build, rows) => {
    if (rows.length) await client.query(build(rows.length), rows.flat());
  };
  await insert(SQL.INSERT_ASSOCIATED, state.associatedComuneIds.map((a) => [projectId, a, comuneId]));
  await insert(SQL.INSERT_EXPANSIONS, state.expansions.map((e, i) => [projectId, comuneId, i, e.posti, e.effectiveFrom, e.actReference]));
  await insert(SQL.INSERT_EXTENSIONS, state.extensions.map((e, i) => [projectId, comuneId, i, e.until, e.actReference]));
  await insert(SQL.INSERT_ENTI, enti.map((e) => [projectId, e.enteGestoreId, comuneId, e.role]));
}
