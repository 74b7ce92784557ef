import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/**
 * The account behind a verified access token, in one statement outside any transaction: every
 * authenticated request reads it, and a transaction of its own (BEGIN, the RLS context, the
 * read, COMMIT) cost four round trips. The function's `SET app.purpose` is the 'authenticate'
 * exception the users policy already admits for sign-in, confined to the id the token names.
 */
export class AuthAccount1765257600000 implements MigrationInterface {
  name = 'AuthAccount1765257600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION auth_account(account_id uuid)
      RETURNS TABLE (id uuid, email varchar, name varchar, role role, comune_id uuid, comune_name varchar,
                     active boolean, totp_enabled_at timestamptz)
      LANGUAGE sql STABLE
      SET app.purpose = 'authenticate'
      AS $$
        SELECT u.id, u.email, u.name, u.role, u.comune_id, c.name, u.active, u.totp_enabled_at
        FROM users u LEFT JOIN comuni c ON c.id = u.comune_id
        WHERE u.id = account_id
      $$`);
    await db.query(`REVOKE ALL ON FUNCTION auth_account(uuid) FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION auth_account(uuid) TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION auth_account(uuid)`);
  }
}
