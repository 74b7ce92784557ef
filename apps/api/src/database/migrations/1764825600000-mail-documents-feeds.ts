import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

const COORDINATOR = `(SELECT app_role()) IN ('ADMIN', 'SECRETARIAT')`;

/**
 * The e-mail outbox, the documents attached to meetings and the personal calendar feeds.
 */
export class MailDocumentsFeeds1764825600000 implements MigrationInterface {
  name = 'MailDocumentsFeeds1764825600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE "public"."outbox_kind" AS ENUM('CONVOCATION', 'UPDATE', 'CANCELLATION', 'PROMOTION')`);
    await db.query(`CREATE TYPE "public"."outbox_status" AS ENUM('PENDING', 'SENT', 'FAILED', 'SKIPPED')`);
    await db.query(`CREATE TABLE "mail_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."outbox_kind" NOT NULL, "status" "public"."outbox_status" NOT NULL DEFAULT 'PENDING', "dedupe_key" character varying(200) NOT NULL, "meeting_id" uuid, "comune_id" uuid, "subject" character varying(300) NOT NULL, "text_body" text NOT NULL, "attachments" jsonb NOT NULL DEFAULT '[]', "recipients" jsonb NOT NULL DEFAULT '[]', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE, "last_error" character varying(1000), "sent_at" TIMESTAMP WITH TIME ZONE, "file" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "mail_outbox_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "mail_outbox_dedupe_key_key" ON "mail_outbox" ("dedupe_key") `);
    await db.query(`CREATE INDEX "mail_outbox_created_at_idx" ON "mail_outbox" ("created_at") `);
    await db.query(`CREATE INDEX "mail_outbox_comune_id_idx" ON "mail_outbox" ("comune_id") `);
    await db.query(`CREATE INDEX "mail_outbox_meeting_id_idx" ON "mail_outbox" ("meeting_id", "created_at") `);
    await db.query(`CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" ("next_attempt_at") WHERE "status" = 'PENDING'`);
    await db.query(`CREATE TABLE "calendar_feeds" ("user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("user_id"))`);
    await db.query(`CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds" ("token_hash") `);
    await db.query(`CREATE TABLE "meeting_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "file_name" character varying(200) NOT NULL, "media_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "uploaded_by" uuid, "uploaded_by_name" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "meeting_documents_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "meeting_documents_storage_key_key" ON "meeting_documents" ("storage_key") `);
    await db.query(`CREATE INDEX "meeting_documents_meeting_id_idx" ON "meeting_documents" ("meeting_id", "created_at") `);
    await db.query(`ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_comune_id_fkey" FOREIGN KEY ("comune_id") REFERENCES "comuni"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "meeting_documents" ADD CONSTRAINT "meeting_documents_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "meeting_documents" ADD CONSTRAINT "meeting_documents_uploaded_by_fkey" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    for (const table of ['mail_outbox', 'meeting_documents', 'calendar_feeds']) {
      await db.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await db.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
    }
    // The secretariat reads and retries the outbox; the worker (purpose 'mail-delivery', no user)
    // claims and settles messages. A referent's decline that promotes another Comune queues that
    // Comune's notice under seat allocation, and only that kind of message.
    await db.query(`CREATE POLICY mail_outbox_coordinate ON "mail_outbox" FOR ALL USING (${COORDINATOR}) WITH CHECK (${COORDINATOR})`);
    await db.query(`
      CREATE POLICY mail_outbox_deliver ON "mail_outbox" FOR ALL
      USING ((SELECT app_purpose()) = 'mail-delivery') WITH CHECK ((SELECT app_purpose()) = 'mail-delivery')`);
    await db.query(`
      CREATE POLICY mail_outbox_promotion ON "mail_outbox" FOR INSERT
      WITH CHECK ((SELECT app_purpose()) = 'seat-allocation' AND kind = 'PROMOTION')`);
    // …and reads back what it inserted (INSERT … RETURNING checks the SELECT policies).
    await db.query(`
      CREATE POLICY mail_outbox_promotion_select ON "mail_outbox" FOR SELECT
      USING ((SELECT app_purpose()) = 'seat-allocation' AND kind = 'PROMOTION')`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "mail_outbox" TO ${APP_ROLE}`);
    // Delivery addresses each Comune's referents, and a feed acts for its owner found by token.
    await db.query(`
      CREATE POLICY users_select_delivery ON "users" FOR SELECT
      USING ((SELECT app_purpose()) IN ('mail-delivery', 'calendar-feed'))`);

    // Documents are seen by whoever sees their meeting (the meetings policies decide).
    await db.query(`CREATE POLICY meeting_documents_write ON "meeting_documents" FOR ALL USING (${COORDINATOR}) WITH CHECK (${COORDINATOR})`);
    await db.query(`
      CREATE POLICY meeting_documents_select ON "meeting_documents" FOR SELECT USING (
        EXISTS (SELECT 1 FROM meetings m WHERE m.id = meeting_id))`);
    await db.query(`GRANT SELECT, INSERT, DELETE ON "meeting_documents" TO ${APP_ROLE}`);

    // A feed belongs to its user; the feed route finds it by the token's hash (purpose 'calendar-feed').
    await db.query(`
      CREATE POLICY calendar_feeds_own ON "calendar_feeds" FOR ALL
      USING (user_id = (SELECT app_user_id())) WITH CHECK (user_id = (SELECT app_user_id()))`);
    await db.query(`
      CREATE POLICY calendar_feeds_lookup ON "calendar_feeds" FOR SELECT USING ((SELECT app_purpose()) = 'calendar-feed')`);
    await db.query(`
      CREATE POLICY calendar_feeds_touch ON "calendar_feeds" FOR UPDATE
      USING ((SELECT app_purpose()) = 'calendar-feed') WITH CHECK ((SELECT app_purpose()) = 'calendar-feed')`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "calendar_feeds" TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY users_select_delivery ON "users"`);
    await db.query(`DROP TABLE "meeting_documents"`);
    await db.query(`DROP TABLE "calendar_feeds"`);
    await db.query(`DROP TABLE "mail_outbox"`);
    await db.query(`DROP TYPE "public"."outbox_status"`);
    await db.query(`DROP TYPE "public"."outbox_kind"`);
  }
}
