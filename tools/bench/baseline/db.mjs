// The baseline's database access: a plain `pg` Pool and the API's transaction discipline
// (apps/api/src/database/db-context.ts): every request in a transaction that begins by setting the
// row-level security context with set_config(…, true), COMMIT on success, ROLLBACK on error.
import { createHash } from 'node:crypto';
import pg from 'pg';

// DATE columns as the 'YYYY-MM-DD' text PostgreSQL sends: what TypeORM turns them back into,
// without a detour through a JavaScript Date.
const DATE_OID = 1082;
const types = {
  getTypeParser(oid, format) {
    return oid === DATE_OID ? (value) => value : pg.types.getTypeParser(oid, format);
  },
};

export function createPool(connectionString, size, applicationName) {
  // The same pool settings as the API's DataSource (apps/api/src/database/data-source.ts); the
  // name lets the runner find this pool's backends in pg_stat_activity.
  return new pg.Pool({
    connectionString,
    max: size,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: applicationName,
    types,
  });
}

const names = new Map();

/** apps/api/src/database/prepared.ts StatementNames: a name derived from the text, under `prefix`. */
function nameOf(prefix, text) {
  const key = prefix + text;
  let name = names.get(key);
  if (name === undefined) {
    name = `${prefix}${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(key, name);
  }
  return name;
}

/** apps/api/src/database/prepared.ts: `text` as a named statement, planned once per connection. */
export function prepared(text, values) {
  return { name: nameOf('coopera_', text), text, values };
}

const SET_PURPOSE = `SELECT set_config('app.purpose', $1, true)`;
const RESET_PURPOSE = `SELECT set_config('app.purpose', '', true)`;

/** Db.open: a connection, and the rows of the last statement of the message `text(client)` that begins its transaction. */
export async function begin(pool, text) {
  const client = await pool.connect();
  try {
    const results = await client.query(text(client));
    return { client, rows: (Array.isArray(results) ? results.at(-1) : results).rows };
  } catch (error) {
    await end(client);
    throw error;
  }
}

/** Db.discard: ROLLBACK, and the connection back to the pool. */
export async function end(client) {
  await client.query('ROLLBACK').catch(() => undefined);
  client.release();
}

/** Db.close: runs `work(client)` in the transaction `begin` opened, then COMMIT (or ROLLBACK). */
export async function serve(client, work, readOnly) {
  if (readOnly) readOnlyTransactions.add(client);
  let result;
  try {
    result = await work(client);
    if (!committedByFinalRead.has(client)) await client.query('COMMIT');
  } catch (error) {
    if (settle(client)) client.release();
    else await end(client);
    throw error;
  }
  settle(client);
  client.release();
  return result;
}

/** Forgets the transaction's flags before its connection serves another; whether a final read committed it. */
function settle(client) {
  const committed = committedByFinalRead.has(client);
  readOnlyTransactions.delete(client);
  committedByFinalRead.delete(client);
  return committed;
}

const readOnlyTransactions = new WeakSet();
const committedByFinalRead = new WeakSet();
const preparedFinal = new WeakMap();

/**
 * Db.finalQuery (apps/api/src/database/prepared.ts finalReadMessage): in a read-only request,
 * the statement and the COMMIT in one message, the statement PREPAREd once per connection and
 * EXECUTEd with quoted literals; elsewhere a named statement as `prepared`.
 */
export async function finalRead(client, text, values) {
  if (!readOnlyTransactions.has(client)) return client.query(prepared(text, values));
  const name = nameOf('coopera_final_', text);
  let names = preparedFinal.get(client);
  if (!names) preparedFinal.set(client, (names = new Set()));
  const prepares = !names.has(name);
  const args = values.length ? `(${values.map((v) => (v === null || v === undefined ? 'NULL' : client.escapeLiteral(String(v)))).join(', ')})` : '';
  const results = await client.query(`${prepares ? `PREPARE ${name} AS ${text}; ` : ''}EXECUTE ${name}${args}; COMMIT`);
  if (prepares) names.add(name);
  committedByFinalRead.add(client);
  return results[prepares ? 1 : 0];
}

/** Db.withPurpose: the statements of `work` run under a named exception to the tenant rules. */
export async function withPurpose(client, purpose, work) {
  await client.query(SET_PURPOSE, [purpose]);
  try {
    return await work();
  } finally {
    await client.query(RESET_PURPOSE).catch(() => undefined);
  }
}
