/**
 * The statements of a project's writes, written out: TypeORM's query builder (a regular
 * expression per column of the entity over the whole text, for every statement) was a quarter of
 * the API's CPU on a project update (bench/README.md). The texts are those TypeORM wrote, so the
 * benchmark's baseline (tools/bench/baseline/typeorm-sql.mjs) still sends the very same statements.
 */

/** The versioned update: no row changed means another writer got there first. */
export const PROJECT_UPDATE =
  'UPDATE "projects" SET "code" = $1, "title" = $2, "category" = $3, "status" = $4, "posti" = $5, "posti_total" = $6, ' +
  '"start_date" = $7, "end_date" = $8, "effective_end_date" = $9, "responsible_officer" = $10, "mailbox" = $11, "services" = $12, ' +
  '"version" = "version" + 1, "updated_at" = CURRENT_TIMESTAMP WHERE "id" = $13 AND "version" = $14';

interface PartTable {
  table: string;
  /** The columns given, after the generated `id` when the table has one. */
  columns: readonly string[];
  generatedId: boolean;
}

export const ASSOCIATED_COMUNI: PartTable = { table: 'project_associated_comuni', columns: ['project_id', 'associated_comune_id', 'comune_id'], generatedId: false };
export const EXPANSIONS: PartTable = {
  table: 'project_expansions',
  columns: ['project_id', 'comune_id', 'position', 'posti', 'effective_from', 'act_reference'],
  generatedId: true,
};
export const EXTENSIONS: PartTable = { table: 'project_extensions', columns: ['project_id', 'comune_id', 'position', 'until', 'act_reference'], generatedId: true };
export const ENTI_GESTORI: PartTable = { table: 'project_enti_gestori', columns: ['project_id', 'ente_gestore_id', 'comune_id', 'role'], generatedId: false };

/** In the order a replacing write deletes them. */
export const PART_TABLES = [ASSOCIATED_COMUNI, EXPANSIONS, EXTENSIONS, ENTI_GESTORI] as const;

export function deletePartsOf(part: PartTable): string {
  return `DELETE FROM "${part.table}" WHERE "project_id" = $1`;
}

/** One multi-row INSERT of `rowCount` rows, their values in the columns' order, row after row. */
export function insertParts(part: PartTable, rowCount: number): string {
  const names = [...(part.generatedId ? ['id'] : []), ...part.columns].map((c) => `"${c}"`).join(', ');
  const width = part.columns.length;
  const rows: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const values = part.columns.map((_, c) => `$${r * width + c + 1}`).join(', ');
    rows.push(`(${part.generatedId ? 'DEFAULT, ' : ''}${values})`);
  }
  return `INSERT INTO "${part.table}"(${names}) VALUES ${rows.join(', ')}`;
}
