import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

const COORDINATOR = `(SELECT app_role()) IN ('ADMIN', 'SECRETARIAT')`;
const NETWORK_READER = `(SELECT app_role()) IN ('ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE')`;
const REFERENT_OF_ROW = `(SELECT app_role()) = 'COMUNE_REFERENT' AND comune_id = (SELECT app_comune_id())`;

/**
 * Coordination meetings, their agenda and the invitations of the Comuni with their answers.
 * The secretariat writes meetings; a Comune sees those it is invited to and answers its own.
 */
export class Meetings1764566400000 implements MigrationInterface {
  name = 'Meetings1764566400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE "public"."meeting_mode" AS ENUM('ONLINE', 'IN_PERSON', 'HYBRID')`);
    await db.query(`CREATE TYPE "public"."meeting_status" AS ENUM('DRAFT', 'CONVENED', 'HELD', 'MINUTES_PUBLISHED', 'CANCELLED')`);
    await db.query(`CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(300) NOT NULL, "description" character varying(5000), "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "mode" "public"."meeting_mode" NOT NULL, "place" character varying(300), "online_url" character varying(500), "seat_limit" integer, "working_group_id" uuid, "status" "public"."meeting_status" NOT NULL, "cancelled_reason" character varying(1000), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "meetings_cancelled_check" CHECK (("status" = 'CANCELLED') = ("cancelled_reason" IS NOT NULL)), CONSTRAINT "meetings_mode_check" CHECK (("mode" = 'IN_PERSON' OR "online_url" IS NOT NULL) AND ("mode" = 'ONLINE' OR "place" IS NOT NULL)), CONSTRAINT "meetings_seat_limit_check" CHECK ("seat_limit" > 0), CONSTRAINT "meetings_period_check" CHECK ("ends_at" > "starts_at"), CONSTRAINT "meetings_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "meetings_working_group_id_idx" ON "meetings" ("working_group_id") `);
    await db.query(`CREATE INDEX "meetings_starts_at_idx" ON "meetings" ("starts_at") `);
    await db.query(`CREATE TYPE "public"."agenda_item_kind" AS ENUM('REGISTRATION', 'OPENING', 'GREETINGS', 'TALK', 'QA', 'CLOSING', 'OTHER')`);
    await db.query(`CREATE TABLE "meeting_agenda_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "position" smallint NOT NULL, "kind" "public"."agenda_item_kind" NOT NULL, "title" character varying(300) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer, "speakers" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "meeting_agenda_items_duration_check" CHECK ("duration_minutes" > 0), CONSTRAINT "meeting_agenda_items_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "meeting_agenda_items_meeting_id_idx" ON "meeting_agenda_items" ("meeting_id", "position") `);
    await db.query(`ALTER TABLE "meetings" ADD CONSTRAINT "meetings_working_group_id_fkey" FOREIGN KEY ("working_group_id") REFERENCES "working_groups"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await db.query(`CREATE TYPE "public"."invitation_status" AS ENUM('PENDING', 'ATTENDING', 'WAITING', 'DECLINED')`);
    await db.query(`CREATE TABLE "meeting_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "comune_id" uuid NOT NULL, "status" "public"."invitation_status" NOT NULL DEFAULT 'PENDING', "delegates" jsonb NOT NULL DEFAULT '[]', "answered_at" TIMESTAMP WITH TIME ZONE, "answered_by_name" character varying(200), "waiting_since" TIMESTAMP WITH TIME ZONE, "promoted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "meeting_invitations_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "meeting_invitations_waiting_idx" ON "meeting_invitations" ("meeting_id", "waiting_since") WHERE "status" = 'WAITING'`);
    await db.query(`CREATE INDEX "meeting_invitations_comune_id_idx" ON "meeting_invitations" ("comune_id") `);
    await db.query(`CREATE UNIQUE INDEX "meeting_invitations_meeting_comune_key" ON "meeting_invitations" ("meeting_id", "comune_id") `);
    await db.query(`ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_comune_id_fkey" FOREIGN KEY ("comune_id") REFERENCES "comuni"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    for (const table of ['meetings', 'meeting_agenda_items', 'meeting_invitations']) {
      await db.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await db.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await db.query(`CREATE POLICY ${table}_write ON "${table}" FOR ALL USING (${COORDINATOR}) WITH CHECK (${COORDINATOR})`);
      await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO ${APP_ROLE}`);
    }
    // A Comune sees its own invitations. Seat allocation (purpose 'seat-allocation', set by the
    // answer service for the span of one statement) counts every answer of the meeting and moves
    // the first waiting Comune up when a seat frees.
    await db.query(`
      CREATE POLICY meeting_invitations_select ON "meeting_invitations" FOR SELECT USING (
        ${NETWORK_READER} OR (${REFERENT_OF_ROW}) OR (SELECT app_purpose()) = 'seat-allocation')`);
    await db.query(`
      CREATE POLICY meeting_invitations_answer ON "meeting_invitations" FOR UPDATE
      USING (${REFERENT_OF_ROW}) WITH CHECK (${REFERENT_OF_ROW})`);
    await db.query(`
      CREATE POLICY meeting_invitations_promote ON "meeting_invitations" FOR UPDATE
      USING ((SELECT app_purpose()) = 'seat-allocation' AND status = 'WAITING')
      WITH CHECK ((SELECT app_purpose()) = 'seat-allocation' AND status = 'ATTENDING')`);
    // A referent sees a meeting (and its programme) once it is convened and their Comune invited.
    await db.query(`
      CREATE POLICY meetings_select ON "meetings" FOR SELECT USING (
        ${NETWORK_READER}
        OR ((SELECT app_role()) = 'COMUNE_REFERENT' AND status <> 'DRAFT' AND EXISTS (
          SELECT 1 FROM meeting_invitations i WHERE i.meeting_id = meetings.id AND i.comune_id = (SELECT app_comune_id()))))`);
    await db.query(`
      CREATE POLICY meeting_agenda_items_select ON "meeting_agenda_items" FOR SELECT USING (
        EXISTS (SELECT 1 FROM meetings m WHERE m.id = meeting_id))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "meeting_invitations"`);
    await db.query(`DROP TYPE "public"."invitation_status"`);
    await db.query(`DROP TABLE "meeting_agenda_items"`);
    await db.query(`DROP TABLE "meetings"`);
    await db.query(`DROP TYPE "public"."agenda_item_kind"`);
    await db.query(`DROP TYPE "public"."meeting_status"`);
    await db.query(`DROP TYPE "public"."meeting_mode"`);
  }
}
