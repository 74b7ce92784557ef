// The statements TypeORM generates for the API's entity calls (findOne, find, update, insert,
// delete), rebuilt here as text so that the baseline sends PostgreSQL exactly what the API sends.
// TypeORM aliases every column "<alias>_<column>" and replaces an identifier longer than
// PostgreSQL's 63 characters by its SHA-1. The runner's check phase records both servers'
// statements and fails if one character differs, so a TypeORM or entity change shows up at once.
import { createHash } from 'node:crypto';

const MAX_ALIAS = 63;

/** TypeORM's alias rule (DriverUtils.buildAlias with PostgreSQL's identifier limit). */
function alias(name) {
  return name.length > MAX_ALIAS ? createHash('sha1').update(name).digest('hex') : name;
}

/** `"A"."col" AS "A_col", …` with each output alias shortened as TypeORM does. */
function columns(table, names) {
  return names.map((n) => `"${table}"."${n}" AS "${alias(`${table}_${n}`)}"`).join(', ');
}

const COMUNE = ['id', 'kind', 'istat_code', 'name', 'province', 'codice_catastale', 'population', 'created_at', 'updated_at'];
const PROJECT = [
  'id', 'comune_id', 'code', 'title', 'category', 'status', 'posti', 'posti_total', 'start_date', 'end_date', 'effective_end_date',
  'responsible_officer', 'mailbox', 'services', 'closed_at', 'closed_reason', 'version', 'created_at', 'updated_at',
];
const ENTE = [
  'id', 'name', 'tax_code', 'legal_form', 'seat_comune_id', 'email', 'pec', 'phone', 'website', 'proposed', 'proposed_by_comune_id',
  'version', 'created_at', 'updated_at',
];

/**
 * `findOne(Entity, { where: { id }, relations: { comune: true } })`: with a join and `take: 1`,
 * TypeORM first selects the distinct ids, then the rows for those ids.
 */
function findOneWithComune(table, entityAlias, entityColumns) {
  const join = `${entityAlias}__${entityAlias}_comune`;
  const select =
    `SELECT ${columns(entityAlias, entityColumns)}, ${columns(join, COMUNE)} FROM "${table}" "${entityAlias}" ` +
    `LEFT JOIN "comuni" "${join}" ON "${join}"."id"="${entityAlias}"."comune_id"`;
  return {
    ids:
      `SELECT DISTINCT "distinctAlias"."${entityAlias}_id" AS "ids_${entityAlias}_id" FROM (${select} ` +
      `WHERE (("${entityAlias}"."id" = $1))) "distinctAlias" ORDER BY "${entityAlias}_id" ASC LIMIT 1`,
    rows: `${select} WHERE ( (("${entityAlias}"."id" = $1)) ) AND ( "${entityAlias}"."id" IN ($2) )`,
  };
}

/** ProjectsService.get: the project and its titolare. */
export const PROJECT_WITH_COMUNE = findOneWithComune('projects', 'ProjectRecord', PROJECT);

const ASSOCIATED_JOIN = alias('ProjectAssociatedComune__ProjectAssociatedComune_associatedComune');
export const PROJECT_ASSOCIATED =
  `SELECT ${columns('ProjectAssociatedComune', ['project_id', 'associated_comune_id', 'comune_id'])}, ${columns(ASSOCIATED_JOIN, COMUNE)} ` +
  `FROM "project_associated_comuni" "ProjectAssociatedComune" LEFT JOIN "comuni" "${ASSOCIATED_JOIN}" ` +
  `ON "${ASSOCIATED_JOIN}"."id"="ProjectAssociatedComune"."associated_comune_id" WHERE (("ProjectAssociatedComune"."project_id" = $1))`;

export const PROJECT_EXPANSIONS =
  `SELECT ${columns('ProjectExpansionRecord', ['id', 'project_id', 'comune_id', 'position', 'posti', 'effective_from', 'act_reference'])} ` +
  `FROM "project_expansions" "ProjectExpansionRecord" WHERE (("ProjectExpansionRecord"."project_id" = $1)) ORDER BY "ProjectExpansionRecord"."position" ASC`;

export const PROJECT_EXTENSIONS =
  `SELECT ${columns('ProjectExtensionRecord', ['id', 'project_id', 'comune_id', 'position', 'until', 'act_reference'])} ` +
  `FROM "project_extensions" "ProjectExtensionRecord" WHERE (("ProjectExtensionRecord"."project_id" = $1)) ORDER BY "ProjectExtensionRecord"."position" ASC`;

const ENTE_JOIN = 'ProjectEnteGestoreRecord__ProjectEnteGestoreRecord_enteGestore';
export const PROJECT_ENTI =
  `SELECT ${columns('ProjectEnteGestoreRecord', ['project_id', 'ente_gestore_id', 'comune_id', 'role'])}, ${columns(ENTE_JOIN, ENTE)} ` +
  `FROM "project_enti_gestori" "ProjectEnteGestoreRecord" LEFT JOIN "enti_gestori" "${ENTE_JOIN}" ` +
  `ON "${ENTE_JOIN}"."id"="ProjectEnteGestoreRecord"."ente_gestore_id" WHERE (("ProjectEnteGestoreRecord"."project_id" = $1))`;

/** Output names of the joined ente gestore's columns (hashed: longer than 63 characters). */
export const ENTE_COLUMN = Object.fromEntries(ENTE.map((c) => [c, alias(`${ENTE_JOIN}_${c}`)]));
/** Output name of the associated Comune's name. */
export const ASSOCIATED_NAME = alias(`${ASSOCIATED_JOIN}_name`);

/** `find(AgendaItemRecord, { where: { meetingId }, order: { position: 'ASC' } })`. */
export const AGENDA_ITEMS =
  `SELECT ${columns('AgendaItemRecord', ['id', 'meeting_id', 'position', 'kind', 'title', 'starts_at', 'duration_minutes', 'speakers'])} ` +
  `FROM "meeting_agenda_items" "AgendaItemRecord" WHERE (("AgendaItemRecord"."meeting_id" = $1)) ORDER BY "AgendaItemRecord"."position" ASC`;

/** `find(Comune, { select: { id: true }, where: { id: In(ids) } })`: one placeholder per id. */
export function comuniIn(count) {
  return `SELECT "Comune"."id" AS "Comune_id" FROM "comuni" "Comune" WHERE (("Comune"."id" IN (${placeholders(1, count)})))`;
}

/** The versioned update of ProjectsService.update. */
export const PROJECT_UPDATE =
  'UPDATE "projects" SET "code" = $1, "title" = $2, "category" = $3, "status" = $4, "posti" = $5, "posti_total" = $6, ' +
  '"start_date" = $7, "end_date" = $8, "effective_end_date" = $9, "responsible_officer" = $10, "mailbox" = $11, "services" = $12, ' +
  '"version" = "version" + 1, "updated_at" = CURRENT_TIMESTAMP WHERE "id" = $13 AND "version" = $14';

/** ProjectsService.versionOf, for the 409 of a stale version. */
export const PROJECT_VERSION =
  'SELECT "ProjectRecord"."version" AS "ProjectRecord_version", "ProjectRecord"."id" AS "ProjectRecord_id" FROM "projects" "ProjectRecord" ' +
  'WHERE (("ProjectRecord"."id" = $1)) LIMIT 1';

/** writeParts(…, replace = true) deletes the parts in this order. */
export const PROJECT_PARTS_DELETE = ['project_associated_comuni', 'project_expansions', 'project_extensions', 'project_enti_gestori'].map(
  (table) => `DELETE FROM "${table}" WHERE "project_id" = $1`,
);

/**
 * A multi-row `insert().into(Entity).values(rows)`: `leadingDefaults` is how many DEFAULT columns
 * (the generated id) precede each row's parameters.
 */
function insertRows(table, columnNames, leadingDefaults) {
  const names = columnNames.map((c) => `"${c}"`).join(', ');
  const width = columnNames.length - leadingDefaults;
  return (rowCount) => {
    const rows = [];
    for (let r = 0; r < rowCount; r++) {
      const defaults = 'DEFAULT, '.repeat(leadingDefaults);
      rows.push(`(${defaults}${placeholders(r * width + 1, width)})`);
    }
    return `INSERT INTO "${table}"(${names}) VALUES ${rows.join(', ')}`;
  };
}

export const INSERT_ASSOCIATED = insertRows('project_associated_comuni', ['project_id', 'associated_comune_id', 'comune_id'], 0);
export const INSERT_EXPANSIONS = insertRows('project_expansions', ['id', 'project_id', 'comune_id', 'position', 'posti', 'effective_from', 'act_reference'], 1);
export const INSERT_EXTENSIONS = insertRows('project_extensions', ['id', 'project_id', 'comune_id', 'position', 'until', 'act_reference'], 1);
export const INSERT_ENTI = insertRows('project_enti_gestori', ['project_id', 'ente_gestore_id', 'comune_id', 'role'], 0);

/** AuditService.record for an event with action, actor, Comune, entity and changes (ip and detail default). */
export const AUDIT_INSERT =
  'INSERT INTO "audit_events"("id", "occurred_at", "action", "actor_id", "actor_role", "comune_id", "entity_type", "entity_id", "changes", "ip", "detail") ' +
  'VALUES (DEFAULT, DEFAULT, $1, $2, $3, $4, $5, $6, $7, DEFAULT, DEFAULT)';

function placeholders(first, count) {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}
