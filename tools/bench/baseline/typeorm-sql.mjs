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

/** AuditService.record (apps/api/src/audit/audit.service.ts AUDIT_INSERT): written out, not TypeORM's. */
export const AUDIT_INSERT =
  'INSERT INTO audit_events (action, actor_id, actor_role, comune_id, entity_type, entity_id, changes, ip, detail) ' +
  'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)';

function placeholders(first, count) {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}
