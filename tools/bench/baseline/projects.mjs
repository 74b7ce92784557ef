// GET and PATCH /api/v1/projects/:id, as apps/api/src/projects/projects.service.ts `get` and
// `update` do them: the same statements in the same order, the same JSON. The baseline leaves
// out what is pure validation (class-validator on the body, the cross-field rules of
// project-rules.ts): it accepts only the few scalar fields the benchmark writes.
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

/** PostgreSQL's text form of an enum array, '{A,B}', as TypeORM hands it over: a string list. */
function enumArray(value) {
  if (Array.isArray(value)) return value;
  if (!value || value === '{}') return [];
  return value.slice(1, -1).split(',').map((v) => (v.startsWith('"') ? v.slice(1, -1) : v));
}

function iso(value) {
  return value ? value.toISOString() : null;
}

/** ProjectsService.get for `reader`: six statements, then the detail. */
export async function getProject(client, id, reader) {
  const ids = (await client.query(SQL.PROJECT_WITH_COMUNE.ids, [id])).rows;
  if (ids.length === 0) throw new NotFound(`No project with id ${id}.`);
  const p = (await client.query(SQL.PROJECT_WITH_COMUNE.rows, [id, ids[0].ids_ProjectRecord_id])).rows[0];
  if (!p) throw new NotFound(`No project with id ${id}.`);
  const associated = (await client.query(SQL.PROJECT_ASSOCIATED, [id])).rows;
  const titolare = p.ProjectRecord_comune_id;
  const mayRead =
    NETWORK_READERS.has(reader.role) ||
    (reader.comuneId !== null && (titolare === reader.comuneId || associated.some((a) => a.ProjectAssociatedComune_associated_comune_id === reader.comuneId)));
  if (!mayRead) throw new NotFound(`No project with id ${id}.`);
  const expansions = (await client.query(SQL.PROJECT_EXPANSIONS, [id])).rows;
  const extensions = (await client.query(SQL.PROJECT_EXTENSIONS, [id])).rows;
  const enti = (await client.query(SQL.PROJECT_ENTI, [id])).rows;
  const comuneName = p.ProjectRecord__ProjectRecord_comune_name;
  return {
    id: p.ProjectRecord_id,
    code: p.ProjectRecord_code,
    title: p.ProjectRecord_title,
    category: p.ProjectRecord_category,
    status: p.ProjectRecord_status,
    titolareComuneId: titolare,
    titolareComuneName: comuneName ?? '',
    province: p.ProjectRecord__ProjectRecord_comune_province ?? 'PA',
    posti: p.ProjectRecord_posti,
    postiTotal: p.ProjectRecord_posti_total,
    startDate: p.ProjectRecord_start_date,
    endDate: p.ProjectRecord_effective_end_date,
    originalEndDate: p.ProjectRecord_end_date,
    associatedComuni: associated
      .map((a) => ({ id: a.ProjectAssociatedComune_associated_comune_id, name: a[SQL.ASSOCIATED_NAME] ?? '' }))
      .sort((a, b) => italian.compare(a.name, b.name)),
    expansions: expansions.map((e) => ({
      posti: e.ProjectExpansionRecord_posti,
      effectiveFrom: e.ProjectExpansionRecord_effective_from,
      actReference: e.ProjectExpansionRecord_act_reference,
    })),
    extensions: extensions.map((e) => ({ until: e.ProjectExtensionRecord_until, actReference: e.ProjectExtensionRecord_act_reference })),
    responsibleOfficer: p.ProjectRecord_responsible_officer,
    mailbox: p.ProjectRecord_mailbox,
    services: enumArray(p.ProjectRecord_services),
    entiGestori: enti
      .map((e) => ({
        enteGestoreId: e.ProjectEnteGestoreRecord_ente_gestore_id,
        name: e[SQL.ENTE_COLUMN.name] ?? '',
        taxCode: e[SQL.ENTE_COLUMN.tax_code] ?? '',
        role: e.ProjectEnteGestoreRecord_role,
      }))
      .sort((a, b) => a.role.localeCompare(b.role) || italian.compare(a.name, b.name)),
    closedAt: iso(p.ProjectRecord_closed_at),
    closedReason: p.ProjectRecord_closed_reason,
    createdAt: iso(p.ProjectRecord_created_at),
    updatedAt: iso(p.ProjectRecord_updated_at),
    version: p.ProjectRecord_version,
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
  const updated = await client.query(SQL.PROJECT_UPDATE, [
    next.code, next.title, next.category, next.status, next.posti, postiTotal, next.startDate, next.endDate, effectiveEnd,
    next.responsibleOfficer, next.mailbox, next.services, id, version,
  ]);
  if (updated.rowCount !== 1) {
    const currentVersion = (await client.query(SQL.PROJECT_VERSION, [id])).rows[0]?.ProjectRecord_version ?? 0;
    throw new Conflict(`Project ${current.code} was changed by someone else meanwhile: reload it (current version ${currentVersion}) and apply your change again.`, {
      currentVersion,
    });
  }
  await writeParts(client, id, current.titolareComuneId, next, current.entiGestori);
  const enti = current.entiGestori.map((e) => `${e.taxCode}:${e.role}`).sort();
  await client.query(SQL.AUDIT_INSERT, [
    'project.update', actor.id, actor.role, current.titolareComuneId, 'project', id,
    JSON.stringify(auditChanges({ ...before, entiGestori: enti }, { ...next, entiGestori: enti })),
  ]);
  return getProject(client, id, actor);
}

/** writeParts(…, replace = true): delete the four lists, insert them again. */
async function writeParts(client, projectId, comuneId, state, enti) {
  for (const statement of SQL.PROJECT_PARTS_DELETE) await client.query(statement, [projectId]);
  const insert = async (build, rows) => {
    if (rows.length) await client.query(build(rows.length), rows.flat());
  };
  await insert(SQL.INSERT_ASSOCIATED, state.associatedComuneIds.map((a) => [projectId, a, comuneId]));
  await insert(SQL.INSERT_EXPANSIONS, state.expansions.map((e, i) => [projectId, comuneId, i, e.posti, e.effectiveFrom, e.actReference]));
  await insert(SQL.INSERT_EXTENSIONS, state.extensions.map((e, i) => [projectId, comuneId, i, e.until, e.actReference]));
  await insert(SQL.INSERT_ENTI, enti.map((e) => [projectId, e.enteGestoreId, comuneId, e.role]));
}
