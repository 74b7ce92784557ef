import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/**
 * Accounts, sign-in sessions and the audit trail, with the request context that row-level
 * security reads: each request's transaction sets `app.user_id`, `app.role`, `app.comune_id`
 * (and `app.purpose` for sign-in) with `set_config(…, true)`, i.e. for that transaction only.
 */
export class Identity1764220800000 implements MigrationInterface {
  name = 'Identity1764220800000';

  async up(db: QueryRunner): Promise<void> {
    // The context, read through STABLE functions; a missing setting is NULL, which matches nothing.
    for (const [fn, setting, type] of [
      ['app_user_id', 'app.user_id', 'uuid'],
      ['app_comune_id', 'app.comune_id', 'uuid'],
      ['app_role', 'app.role', 'text'],
      ['app_purpose', 'app.purpose', 'text'],
    ]) {
      await db.query(`
        CREATE FUNCTION ${fn}() RETURNS ${type} LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT NULLIF(current_setting('${setting}', true), '')::${type} $$`);
    }

    await db.query(`CREATE TYPE "public"."role" AS ENUM('ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE', 'COMUNE_REFERENT')`);
    await db.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(254) NOT NULL,
        "name" character varying(200) NOT NULL,
        "role" "public"."role" NOT NULL,
        "comune_id" uuid,
        "active" boolean NOT NULL DEFAULT true,
        "password_hash" character varying(255),
        "version" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "users_referent_comune_check" CHECK (("role" = 'COMUNE_REFERENT') = ("comune_id" IS NOT NULL)),
        CONSTRAINT "users_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")`);
    await db.query(`CREATE INDEX "users_comune_id_idx" ON "users" ("comune_id")`);
    await db.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_comune_id_fkey" FOREIGN KEY ("comune_id") REFERENCES "comuni"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await db.query(`
      CREATE TABLE "refresh_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "family_id" uuid NOT NULL,
        "token_hash" character(64) NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "session_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens" ("token_hash")`);
    await db.query(`CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens" ("family_id")`);
    await db.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await db.query(`
      CREATE TABLE "audit_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "action" character varying(64) NOT NULL,
        "actor_id" uuid,
        "actor_role" "public"."role",
        "comune_id" uuid,
        "entity_type" character varying(64),
        "entity_id" character varying(64),
        "changes" jsonb,
        "ip" character varying(64),
        "detail" character varying(500),
        CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" ("occurred_at")`);
    await db.query(`CREATE INDEX "audit_events_comune_id_occurred_at_idx" ON "audit_events" ("comune_id", "occurred_at")`);

    // Row-level security, forced so that it binds the owner too (superusers aside).
    for (const table of ['users', 'audit_events']) {
      await db.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await db.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
    }
    // Accounts: everyone sees their own; a referent the accounts of their Comune; the network
    // roles all. Sign-in looks accounts up by e-mail before anyone is known (purpose
    // 'authenticate'). Only admins create and change accounts; a user may update their own.
    await db.query(`
      CREATE POLICY users_select ON "users" FOR SELECT USING (
        id = (SELECT app_user_id())
        OR (SELECT app_role()) IN ('ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE')
        OR ((SELECT app_role()) = 'COMUNE_REFERENT' AND comune_id = (SELECT app_comune_id()))
        OR (SELECT app_purpose()) = 'authenticate')`);
    await db.query(`
      CREATE POLICY users_admin_write ON "users" FOR ALL
      USING ((SELECT app_role()) = 'ADMIN') WITH CHECK ((SELECT app_role()) = 'ADMIN')`);
    await db.query(`
      CREATE POLICY users_self_update ON "users" FOR UPDATE
      USING (id = (SELECT app_user_id()) OR (SELECT app_purpose()) = 'authenticate')
      WITH CHECK (id = (SELECT app_user_id()) OR (SELECT app_purpose()) = 'authenticate')`);
    // A user updating their own account (password, name) must not promote or move themselves.
    await db.query(`
      CREATE FUNCTION users_guard_privileges() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.email, NEW.role, NEW.comune_id, NEW.active) IS DISTINCT FROM (OLD.email, OLD.role, OLD.comune_id, OLD.active)
           AND app_role() IS DISTINCT FROM 'ADMIN' THEN
          RAISE EXCEPTION 'only an administrator changes e-mail, role, Comune or active state of an account'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER users_guard_privileges BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION users_guard_privileges()`);
    // The audit trail: anyone's actions are recorded; admins and the secretariat read it.
    await db.query(`CREATE POLICY audit_events_insert ON "audit_events" FOR INSERT WITH CHECK (true)`);
    await db.query(`
      CREATE POLICY audit_events_select ON "audit_events" FOR SELECT
      USING ((SELECT app_role()) IN ('ADMIN', 'SECRETARIAT'))`);

    await db.query(`GRANT SELECT, INSERT, UPDATE ON "users" TO ${APP_ROLE}`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "refresh_tokens" TO ${APP_ROLE}`);
    // Append-only: the app may add to the trail and read it, never change or delete it.
    await db.query(`GRANT SELECT, INSERT ON "audit_events" TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "audit_events"`);
    await db.query(`DROP TABLE "refresh_tokens"`);
    await db.query(`DROP TABLE "users"`);
    await db.query(`DROP FUNCTION users_guard_privileges()`);
    await db.query(`DROP TYPE "public"."role"`);
    for (const fn of ['app_user_id', 'app_comune_id', 'app_role', 'app_purpose']) await db.query(`DROP FUNCTION ${fn}()`);
  }
}
