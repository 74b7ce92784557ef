import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/** The two roles, the text-folding function of searches, and the Comuni directory. */
export class Init1764134400000 implements MigrationInterface {
  name = 'Init1764134400000';

  async up(db: QueryRunner): Promise<void> {
    // Roles belong to the cluster, not to the database: several Coopera databases (test runs
    // in parallel) may race to create it, and the loser simply finds it there.
    await db.query(`
      DO $$ BEGIN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await db.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);

    // Accent- and case-insensitive search ("citta" finds "Città", "sant agata" finds "Sant'Agata")
    // without the unaccent extension, which a managed database may not let us install.
    await db.query(`
      CREATE FUNCTION fold_text(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT lower(translate(replace(value, '’', ''''),
        'ÀÁÂÄàáâäÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÖòóôöÙÚÛÜùúûü',
        'AAAAaaaaEEEEeeeeIIIIiiiiOOOOooooUUUUuuuu')) $$`);

    await db.query(
      `CREATE TYPE "public"."comune_kind" AS ENUM('COMUNE', 'LIBERO_CONSORZIO', 'CITTA_METROPOLITANA', 'UNIONE_DI_COMUNI')`,
    );
    await db.query(`CREATE TYPE "public"."province" AS ENUM('AG', 'CL', 'CT', 'EN', 'ME', 'PA', 'RG', 'SR', 'TP')`);
    await db.query(`
      CREATE TABLE "comuni" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" "public"."comune_kind" NOT NULL,
        "istat_code" character varying(6),
        "name" character varying(200) NOT NULL,
        "province" "public"."province" NOT NULL,
        "codice_catastale" character(4),
        "population" integer,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "comuni_population_check" CHECK ("population" >= 0),
        CONSTRAINT "comuni_pkey" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "comuni_istat_code_key" ON "comuni" ("istat_code")`);
    await db.query(`CREATE INDEX "comuni_province_name_idx" ON "comuni" ("province", "name")`);
    await db.query(`GRANT SELECT ON "comuni" TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "comuni"`);
    await db.query(`DROP TYPE "public"."province"`);
    await db.query(`DROP TYPE "public"."comune_kind"`);
    await db.query(`DROP FUNCTION fold_text(text)`);
    await db.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
