import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/** Tables that carry a `comune_id` of their own: the tenant decides who writes each row. */
const TENANT_TABLES = [
  'comune_profiles',
  'projects',
  'project_associated_comuni',
  'project_expansions',
  'project_extensions',
  'project_enti_gestori',
  'memberships',
  'membership_events',
  'working_group_members',
];
const COORDINATOR = `(SELECT app_role()) IN ('ADMIN', 'SECRETARIAT')`;
const NETWORK_READER = `(SELECT app_role()) IN ('ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE')`;
const REFERENT_OF_ROW = `(SELECT app_role()) = 'COMUNE_REFERENT' AND comune_id = (SELECT app_comune_id())`;

/**
 * The network registry: Comune profiles, the enti gestori register, SAI projects with their
 * parts, memberships with their history, and working groups.
 */
export class Registry1764480000000 implements MigrationInterface {
  name = 'Registry1764480000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "comune_profiles" ("comune_id" uuid NOT NULL, "sai_office" character varying(200), "email" character varying(254), "pec" character varying(254), "phone" character varying(40), "coordination_referent" character varying(200), "notes" character varying(2000), "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "comune_profiles_pkey" PRIMARY KEY ("comune_id"))`);
    await db.query(`CREATE TYPE "public"."legal_form" AS ENUM('COOPERATIVA_SOCIALE', 'CONSORZIO_COOPERATIVE', 'ASSOCIAZIONE', 'FONDAZIONE', 'ENTE_RELIGIOSO', 'IMPRESA_SOCIALE', 'ALTRO')`);
    await db.query(`CREATE TABLE "enti_gestori" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(300) NOT NULL, "tax_code" character varying(16) NOT NULL, "legal_form" "public"."legal_form" NOT NULL, "seat_comune_id" uuid, "email" character varying(254), "pec" character varying(254), "phone" character varying(40), "website" character varying(300), "proposed" boolean NOT NULL DEFAULT false, "proposed_by_comune_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "enti_gestori_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "enti_gestori_tax_code_key" ON "enti_gestori" ("tax_code") `);
    await db.query(`CREATE INDEX "enti_gestori_seat_comune_id_idx" ON "enti_gestori" ("seat_comune_id") `);
    await db.query(`CREATE TYPE "public"."membership_status" AS ENUM('REQUESTED', 'ACTIVE', 'REJECTED', 'SUSPENDED', 'WITHDRAWN')`);
    await db.query(`CREATE TABLE "memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "comune_id" uuid NOT NULL, "status" "public"."membership_status" NOT NULL, "referent_name" character varying(200) NOT NULL, "referent_role" character varying(200), "referent_email" character varying(254), "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_d82fc2510275840f69a55af78e" UNIQUE ("comune_id"), CONSTRAINT "memberships_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "memberships_comune_id_key" ON "memberships" ("comune_id") `);
    await db.query(`CREATE INDEX "memberships_status_idx" ON "memberships" ("status") `);
    await db.query(`CREATE TABLE "membership_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "membership_id" uuid NOT NULL, "comune_id" uuid NOT NULL, "from_status" "public"."membership_status", "to_status" "public"."membership_status" NOT NULL, "reason" character varying(1000), "actor_id" uuid, "actor_name" character varying(200), "actor_role" "public"."role", "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "membership_events_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "membership_events_comune_id_idx" ON "membership_events" ("comune_id") `);
    await db.query(`CREATE INDEX "membership_events_membership_id_idx" ON "membership_events" ("membership_id", "occurred_at") `);
    await db.query(`CREATE TYPE "public"."project_category" AS ENUM('ORDINARI', 'MSNA', 'DM_DS')`);
    await db.query(`CREATE TYPE "public"."project_status" AS ENUM('ACTIVE', 'PROSECUZIONE', 'CLOSED')`);
    await db.query(`CREATE TYPE "public"."sai_service" AS ENUM('MEDIAZIONE_LINGUISTICO_CULTURALE', 'ACCOGLIENZA_MATERIALE', 'ORIENTAMENTO_SERVIZI_TERRITORIO', 'LINGUA_ITALIANA_INSERIMENTO_SCOLASTICO', 'FORMAZIONE_RIQUALIFICAZIONE_PROFESSIONALE', 'INSERIMENTO_LAVORATIVO', 'INSERIMENTO_ABITATIVO', 'INSERIMENTO_SOCIALE', 'ORIENTAMENTO_LEGALE', 'TUTELA_PSICO_SOCIO_SANITARIA')`);
    await db.query(`CREATE TABLE "projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "comune_id" uuid NOT NULL, "code" character varying(40) NOT NULL, "title" character varying(300) NOT NULL, "category" "public"."project_category" NOT NULL, "status" "public"."project_status" NOT NULL, "posti" integer NOT NULL, "posti_total" integer NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "effective_end_date" date NOT NULL, "responsible_officer" character varying(200), "mailbox" character varying(254), "services" "public"."sai_service" array NOT NULL DEFAULT '{}', "closed_at" TIMESTAMP WITH TIME ZONE, "closed_reason" character varying(500), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "projects_closed_check" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL)), CONSTRAINT "projects_effective_end_check" CHECK ("effective_end_date" >= "end_date"), CONSTRAINT "projects_period_check" CHECK ("end_date" > "start_date"), CONSTRAINT "projects_posti_check" CHECK ("posti" > 0), CONSTRAINT "projects_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "projects_comune_id_idx" ON "projects" ("comune_id") `);
    await db.query(`CREATE UNIQUE INDEX "projects_code_key" ON "projects" ("code") `);
    await db.query(`CREATE UNIQUE INDEX "projects_open_category_key" ON "projects" ("comune_id", "category") WHERE "status" <> 'CLOSED'`);
    await db.query(`CREATE TABLE "project_associated_comuni" ("project_id" uuid NOT NULL, "associated_comune_id" uuid NOT NULL, "comune_id" uuid NOT NULL, CONSTRAINT "project_associated_comuni_pkey" PRIMARY KEY ("project_id", "associated_comune_id"))`);
    await db.query(`CREATE INDEX "project_associated_comuni_associated_id_idx" ON "project_associated_comuni" ("associated_comune_id") `);
    await db.query(`CREATE TABLE "project_expansions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "comune_id" uuid NOT NULL, "position" smallint NOT NULL, "posti" integer NOT NULL, "effective_from" date NOT NULL, "act_reference" character varying(200) NOT NULL, CONSTRAINT "project_expansions_posti_check" CHECK ("posti" > 0), CONSTRAINT "project_expansions_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "project_expansions_project_id_idx" ON "project_expansions" ("project_id", "position") `);
    await db.query(`CREATE TABLE "project_extensions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "comune_id" uuid NOT NULL, "position" smallint NOT NULL, "until" date NOT NULL, "act_reference" character varying(200) NOT NULL, CONSTRAINT "project_extensions_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "project_extensions_project_id_idx" ON "project_extensions" ("project_id", "position") `);
    await db.query(`CREATE TYPE "public"."ente_role" AS ENUM('ATTUATORE', 'PARTNER')`);
    await db.query(`CREATE TABLE "project_enti_gestori" ("project_id" uuid NOT NULL, "ente_gestore_id" uuid NOT NULL, "comune_id" uuid NOT NULL, "role" "public"."ente_role" NOT NULL, CONSTRAINT "project_enti_gestori_pkey" PRIMARY KEY ("project_id", "ente_gestore_id"))`);
    await db.query(`CREATE INDEX "project_enti_gestori_ente_gestore_id_idx" ON "project_enti_gestori" ("ente_gestore_id") `);
    await db.query(`CREATE TABLE "working_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "description" character varying(1000), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "working_groups_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "working_groups_name_key" ON "working_groups" ("name") `);
    await db.query(`CREATE TABLE "working_group_members" ("working_group_id" uuid NOT NULL, "comune_id" uuid NOT NULL, CONSTRAINT "working_group_members_pkey" PRIMARY KEY ("working_group_id", "comune_id"))`);
    await db.query(`CREATE INDEX "working_group_members_comune_id_idx" ON "working_group_members" ("comune_id") `);
    await db.query(`ALTER TABLE "comune_profiles" ADD CONSTRAINT "comune_profiles_comune_id_fkey" FOREIGN KEY ("comune_id") REFERENCES "comuni"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "enti_gestori" ADD CONSTRAINT "enti_gestori_seat_comune_id_fkey" FOREIGN KEY ("seat_comune_id") REFERENCES "comuni"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "enti_gestori" ADD CONSTRAINT "enti_gestori_proposed_by_comune_id_fkey" FOREIGN KEY ("proposed_by_comune_id") REFERENCES "comuni"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "memberships" ADD CONSTRAINT "memberships_comune_id_fkey" FOREIGN KEY ("comune_id") REFERENCES "comuni"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_membership_id_fkey" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "projects" ADD CONSTRAINT "projects_comune_id_fkey" FOREIGN KEY ("comune_id") REFERENCES "comuni"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "project_associated_comuni" ADD CONSTRAINT "project_associated_comuni_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "project_associated_comuni" ADD CONSTRAINT "project_associated_comuni_associated_comune_id_fkey" FOREIGN KEY ("associated_comune_id") REFERENCES "comuni"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "project_expansions" ADD CONSTRAINT "project_expansions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "project_extensions" ADD CONSTRAINT "project_extensions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "project_enti_gestori" ADD CONSTRAINT "project_enti_gestori_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "project_enti_gestori" ADD CONSTRAINT "project_enti_gestori_ente_gestore_id_fkey" FOREIGN KEY ("ente_gestore_id") REFERENCES "enti_gestori"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "working_group_members" ADD CONSTRAINT "working_group_members_working_group_id_fkey" FOREIGN KEY ("working_group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "working_group_members" ADD CONSTRAINT "working_group_members_comune_id_fkey" FOREIGN KEY ("comune_id") REFERENCES "comuni"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Row-level security. The directory is network-wide: any signed-in role reads profiles,
    // projects, memberships and the register (private fields are withheld by the API); writes
    // are confined to the writer's own Comune unless the role coordinates the network.
    for (const table of TENANT_TABLES) {
      await db.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await db.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      if (table === 'membership_events') continue;
      await db.query(`CREATE POLICY ${table}_select ON "${table}" FOR SELECT USING ((SELECT app_role()) IS NOT NULL)`);
    }
    for (const table of ['comune_profiles', 'projects', 'project_associated_comuni', 'project_expansions', 'project_extensions', 'project_enti_gestori']) {
      await db.query(`
        CREATE POLICY ${table}_write ON "${table}" FOR ALL
        USING (${COORDINATOR} OR (${REFERENT_OF_ROW}))
        WITH CHECK (${COORDINATOR} OR (${REFERENT_OF_ROW}))`);
    }
    // A referent may only (re)open their own Comune's request; decisions are the secretariat's.
    await db.query(`
      CREATE POLICY memberships_write ON "memberships" FOR ALL
      USING (${COORDINATOR} OR (${REFERENT_OF_ROW}))
      WITH CHECK (${COORDINATOR} OR (${REFERENT_OF_ROW} AND status = 'REQUESTED'))`);
    // The history of a membership is the Comune's own business, and the network roles'.
    await db.query(`
      CREATE POLICY membership_events_select ON "membership_events" FOR SELECT
      USING (${NETWORK_READER} OR (${REFERENT_OF_ROW}))`);
    await db.query(`
      CREATE POLICY membership_events_insert ON "membership_events" FOR INSERT
      WITH CHECK (${COORDINATOR} OR (${REFERENT_OF_ROW} AND to_status = 'REQUESTED'))`);
    await db.query(`
      CREATE POLICY working_group_members_write ON "working_group_members" FOR ALL
      USING (${COORDINATOR}) WITH CHECK (${COORDINATOR})`);

    // Network tables without a tenant column.
    for (const table of ['enti_gestori', 'working_groups']) {
      await db.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await db.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
    }
    await db.query(`CREATE POLICY enti_gestori_select ON "enti_gestori" FOR SELECT USING ((SELECT app_role()) IS NOT NULL)`);
    await db.query(`CREATE POLICY enti_gestori_write ON "enti_gestori" FOR ALL USING (${COORDINATOR}) WITH CHECK (${COORDINATOR})`);
    // A referent may add an ente gestore only as a proposal of their own Comune, never change one.
    await db.query(`
      CREATE POLICY enti_gestori_propose ON "enti_gestori" FOR INSERT
      WITH CHECK ((SELECT app_role()) = 'COMUNE_REFERENT' AND proposed AND proposed_by_comune_id = (SELECT app_comune_id()))`);
    // Referents see the groups their Comune sits in; the network roles all of them.
    await db.query(`
      CREATE POLICY working_groups_select ON "working_groups" FOR SELECT USING (
        ${NETWORK_READER}
        OR EXISTS (SELECT 1 FROM working_group_members m
                   WHERE m.working_group_id = working_groups.id AND m.comune_id = (SELECT app_comune_id())))`);
    await db.query(`CREATE POLICY working_groups_write ON "working_groups" FOR ALL USING (${COORDINATOR}) WITH CHECK (${COORDINATOR})`);

    for (const table of [...TENANT_TABLES, 'enti_gestori', 'working_groups']) {
      await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO ${APP_ROLE}`);
    }
    // The history is append-only.
    await db.query(`REVOKE UPDATE, DELETE ON "membership_events" FROM ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "working_group_members"`);
    await db.query(`DROP TABLE "working_groups"`);
    await db.query(`DROP TABLE "project_enti_gestori"`);
    await db.query(`DROP TABLE "project_extensions"`);
    await db.query(`DROP TABLE "project_expansions"`);
    await db.query(`DROP TABLE "project_associated_comuni"`);
    await db.query(`DROP TABLE "projects"`);
    await db.query(`DROP TABLE "membership_events"`);
    await db.query(`DROP TABLE "memberships"`);
    await db.query(`DROP TABLE "enti_gestori"`);
    await db.query(`DROP TABLE "comune_profiles"`);
    await db.query(`DROP TYPE "public"."ente_role"`);
    await db.query(`DROP TYPE "public"."sai_service"`);
    await db.query(`DROP TYPE "public"."project_status"`);
    await db.query(`DROP TYPE "public"."project_category"`);
    await db.query(`DROP TYPE "public"."membership_status"`);
    await db.query(`DROP TYPE "public"."legal_form"`);
  }
}
