// The baseline's database access: a plain `pg` Pool and the API's transaction discipline
// (apps/api/src/database/db-context.ts): every request in a transaction that begins by setting the
// row-level security context with set_config(…, true), COMMIT on success, ROLLBACK on error.
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

const SET_PURPOSE = `SELECT set_config('app.purpose', $1, true)`;
const RESET_PURPOSE = `SELECT set_config('app.purpose', '', true)`;

/** Runs `work(client)` in a transaction acting for `actor` ({ userId, role, comuneId, purpose }). */
export async function transaction(pool, actor, work) {
  const client = await pool.connect();
  try {
    // BEGIN and the context in one message, as Db.run sends them (beginActingFor).
    const literal = (value) => client.escapeLiteral(value ?? '');
    await client.query(
      `START TRANSACTION; SELECT set_config('app.user_id', ${literal(actor.userId)}, true), set_config('app.role', ${literal(actor.role)}, true), ` +
        `set_config('app.comune_id', ${literal(actor.comuneId)}, true), set_config('app.purpose', ${literal(actor.purpose)}, true)`,
    );
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
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
