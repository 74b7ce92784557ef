import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

const COORDINATOR = `(SELECT app_role()) IN ('ADMIN', 'SECRETARIAT')`;
const REFERENT_OF_ROW = `(SELECT app_role()) = 'COMUNE_REFERENT' AND comune_id = (SELECT app_comune_id())`;

/**
 * The good-practice library. Full-text search in Italian: a tsvector of title (weight A), summary
 * (B) and tags (C), accents folded as `fold_text` does for the directory, kept by a trigger and
 * GIN-indexed; queries fold their words the same way.
 */
export class Practices1764912000000 implements MigrationInterface {
  name = 'Practices1764912000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE "public"."practice_kind" AS ENUM('STRUMENTO', 'METODOLOGIA', 'BUONA_PRATICA', 'MODELLO_DOCUMENTO')`);
    await db.query(`CREATE TABLE "practices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "summary" character varying(5000) NOT NULL, "kind" "public"."practice_kind" NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "comune_id" uuid, "link" character varying(500), "document_title" character varying(200), "document_file_name" character varying(200), "document_media_type" character varying(100), "document_size_bytes" integer, "document_sha256" character(64), "document_storage_key" character varying(200), "document_uploaded_at" TIMESTAMP WITH TIME ZONE, "author_id" uuid, "author_name" character varying(200), "search" tsvector NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "practices_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "practices_document_storage_key_key" ON "practices" ("document_storage_key") `);
    await db.query(`CREATE INDEX "practices_tags_idx" ON "practices" USING gin ("tags")`);
    await db.query(`CREATE INDEX "practices_search_idx" ON "practices" USING gin ("search")`);
    await db.query(`CREATE INDEX "practices_created_at_idx" ON "practices" ("created_at") `);
    await db.query(`CREATE INDEX "practices_comune_id_idx" ON "practices" ("comune_id") `);
    await db.query(`ALTER TABLE "practices" ADD CONSTRAINT "practices_comune_id_fkey" FOREIGN KEY ("comune_id") REFERENCES "comuni"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "practices" ADD CONSTRAINT "practices_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await db.query(`
      CREATE FUNCTION practice_search_vector(title text, summary text, tags text[]) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT setweight(to_tsvector('italian', fold_text(coalesce(title, ''))), 'A')
                || setweight(to_tsvector('italian', fold_text(coalesce(summary, ''))), 'B')
                || setweight(to_tsvector('italian', fold_text(coalesce(array_to_string(tags, ' '), ''))), 'C') $$`);
    await db.query(`
      CREATE FUNCTION practices_keep_search() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search := practice_search_vector(NEW.title, NEW.summary, NEW.tags);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER practices_keep_search BEFORE INSERT OR UPDATE OF title, summary, tags ON "practices"
      FOR EACH ROW EXECUTE FUNCTION practices_keep_search()`);

    // The network reads the library; a Comune shares and edits its own practices, the secretariat all.
    await db.query(`ALTER TABLE "practices" ENABLE ROW LEVEL SECURITY`);
    await db.query(`ALTER TABLE "practices" FORCE ROW LEVEL SECURITY`);
    await db.query(`CREATE POLICY practices_select ON "practices" FOR SELECT USING ((SELECT app_role()) IS NOT NULL)`);
    await db.query(`
      CREATE POLICY practices_write ON "practices" FOR ALL
      USING (${COORDINATOR} OR (${REFERENT_OF_ROW}))
      WITH CHECK (${COORDINATOR} OR (${REFERENT_OF_ROW}))`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "practices" TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "practices"`);
    await db.query(`DROP FUNCTION practices_keep_search()`);
    await db.query(`DROP FUNCTION practice_search_vector(text, text, text[])`);
    await db.query(`DROP TYPE "public"."practice_kind"`);
  }
}
