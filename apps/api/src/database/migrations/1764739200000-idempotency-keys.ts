import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/** Stored first answers of requests sent with an Idempotency-Key, per user. */
export class IdempotencyKeys1764739200000 implements MigrationInterface {
  name = 'IdempotencyKeys1764739200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "idempotency_keys" (
        "user_id" uuid NOT NULL,
        "key" character varying(255) NOT NULL,
        "request_hash" character(64) NOT NULL,
        "response_status" smallint NOT NULL,
        "response_body" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id", "key")
      )`);
    await db.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Each user's keys are theirs alone: another user's key is simply another key.
    await db.query(`ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY`);
    await db.query(`ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY`);
    await db.query(`
      CREATE POLICY idempotency_keys_own ON "idempotency_keys" FOR ALL
      USING (user_id = (SELECT app_user_id())) WITH CHECK (user_id = (SELECT app_user_id()))`);
    await db.query(`GRANT SELECT, INSERT ON "idempotency_keys" TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "idempotency_keys"`);
  }
}
