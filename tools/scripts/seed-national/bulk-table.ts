import type { Client } from 'pg';

/**
 * A table to load: its name and the SQL type of each column, a scalar type (`uuid`, `text`, an
 * enum…) or an array type (`sai_service[]`). Rows are plain objects keyed by column name.
 */
export interface TableSpec<Row extends object> {
  name: string;
  types: { readonly [K in keyof Row]-?: string };
}

export function table<Row extends object>(name: string, types: TableSpec<Row>['types']): TableSpec<Row> {
  return { name, types };
}

/**
 * Inserts the rows `batchSize` at a time as `INSERT … SELECT FROM unnest($1, $2, …)`: one
 * statement per batch, one array parameter per column. That is what makes the load fast
 * without COPY (pg-copy-streams is not a dependency). In the client's current transaction.
 *
 * The parameters of the next batch are built while the server inserts the previous one, so
 * that Node and PostgreSQL each keep one of the two cores busy.
 */
export async function insertRows<Row extends object>(client: Client, spec: TableSpec<Row>, rows: readonly Row[], batchSize = 20_000): Promise<number> {
  const keys = Object.keys(spec.types) as (keyof Row & string)[];
  const names = keys.map((key) => `"${key}"`);
  // An array column travels as the text of a PostgreSQL array (unnest would flatten an array of
  // arrays) and is cast back row by row.
  const isArray = keys.map((key) => spec.types[key].endsWith('[]'));
  const parameters = keys.map((key, i) => `$${i + 1}::${isArray[i] ? 'text' : spec.types[key]}[]`);
  const selected = keys.map((key, i) => (isArray[i] ? `"${key}"::${spec.types[key]}` : `"${key}"`));
  const sql =
    `INSERT INTO "${spec.name}" (${names.join(', ')}) ` +
    `SELECT ${selected.join(', ')} FROM unnest(${parameters.join(', ')}) AS u(${names.join(', ')})`;

  let running: Promise<unknown> = Promise.resolve();
  for (let from = 0; from < rows.length; from += batchSize) {
    const batch = rows.slice(from, from + batchSize);
    const columns = keys.map((key, i) => arrayText(batch, key, isArray[i] as boolean));
    await running;
    running = client.query(sql, columns);
    running.catch(() => undefined); // handled by the next await: not an unhandled rejection meanwhile
    // Let the socket take the statement before building the next one.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await running;
  return rows.length;
}

/**
 * The text of a PostgreSQL array holding one column of the batch: what node-postgres would
 * send for a JavaScript array, built here so that it can be built ahead of time.
 */
function arrayText<Row extends object>(batch: readonly Row[], key: keyof Row, nested: boolean): string {
  const parts: string[] = new Array(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const value = (batch[i] as Row)[key] as unknown;
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (typeof value === 'number') parts[i] = String(value);
    else if (typeof value === 'boolean') parts[i] = value ? 't' : 'f';
    else if (nested) parts[i] = quote(`{${(value as readonly string[]).map(quote).join(',')}}`);
    else parts[i] = quote(value as string);
  }
  return `{${parts.join(',')}}`;
}

function quote(text: string): string {
  return text.includes('"') || text.includes('\\') ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`;
}
