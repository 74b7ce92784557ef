import { MigrationInterface, QueryRunner } from 'typeorm';

const QUERY = `SELECT u.id, u.email, u.name, u.role, u.comune_id, c.name, u.active, u.totp_enabled_at
        FROM users u LEFT JOIN comuni c ON c.id = u.comune_id
        WHERE u.id = account_id`;

/** The function in `language`, with `body`: the result and the `SET app.purpose` of 1765257600000. */
function defineAuthAccount(language: 'sql' | 'plpgsql', body: string): string {
  return `
      CREATE OR REPLACE FUNCTION auth_account(account_id uuid)
      RETURNS TABLE (id uuid, email varchar, name varchar, role role, comune_id uuid, comune_name varchar,
                     active boolean, totp_enabled_at timestamptz)
      LANGUAGE ${language} STABLE
      SET app.purpose = 'authenticate'
      AS $$ ${body} $$`;
}

/**
 * `auth_account` in PL/pgSQL, same result and same `SET app.purpose`: every authenticated request
 * calls it. A SQL function with a SET clause is never inlined, and PostgreSQL plans such a
 * function's query again at every call; PL/pgSQL plans it once per connection. Measured with
 * pgbench as coopera_app, one connection, `START TRANSACTION; SELECT … FROM auth_account(…) a;
 * COMMIT`: 0.56–0.63 ms → 0.37–0.41 ms per transaction (the same without the function: 0.25–0.29).
 * CREATE OR REPLACE keeps the owner and the grants of 1765257600000.
 */
export class AuthAccountPlpgsql1765430400000 implements MigrationInterface {
  name = 'AuthAccountPlpgsql1765430400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(defineAuthAccount('plpgsql', `BEGIN RETURN QUERY ${QUERY}; END`));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(defineAuthAccount('sql', QUERY));
  }
}
