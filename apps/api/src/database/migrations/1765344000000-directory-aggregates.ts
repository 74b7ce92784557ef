import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

const CATEGORIES = ['ORDINARI', 'MSNA', 'DM_DS'] as const;
const postiColumn = (category: (typeof CATEGORIES)[number]) => `posti_${category.toLowerCase()}`;

/**
 * The directory's figures kept on each Comune's row: its membership status and the count and posti
 * of its open projects as titolare. The directory aggregated every open project and joined every
 * membership per request (about 10 ms of database time at national scale, every time); with the
 * figures on the row, a page is an index scan and the totals a single-table scan.
 *
 * Triggers keep them, as deltas: an UPDATE of the Comune's row re-reads its latest version under a
 * row lock, so two transactions changing projects of one Comune both count (a recount from each
 * transaction's snapshot would lose one of them). SECURITY DEFINER because the application role may
 * only read `comuni`; the functions touch nothing but these columns.
 *
 * The directory's totals by province (every filtered row counted, ~7 ms a request at national
 * scale even on one table) are kept the same way, one level up, in `directory_province_totals`:
 * per province, kind and membership status (NONE for none), the very filters the directory offers
 * besides the name search and "with projects" (also kept, as comuni_with_projects).
 */
export class DirectoryAggregates1765344000000 implements MigrationInterface {
  name = 'DirectoryAggregates1765344000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE "comuni"
        ADD "membership_status" "public"."membership_status",
        ADD "project_count" integer NOT NULL DEFAULT 0,
        ${CATEGORIES.map((c) => `ADD "${postiColumn(c)}" integer NOT NULL DEFAULT 0,`).join('\n        ')}
        ADD "posti_total" integer NOT NULL DEFAULT 0`);

    await db.query(`
      UPDATE comuni c SET membership_status = m.status FROM memberships m WHERE m.comune_id = c.id`);
    await db.query(`
      UPDATE comuni c SET project_count = p.project_count,
        ${CATEGORIES.map((c) => `${postiColumn(c)} = p.${postiColumn(c)},`).join('\n        ')}
        posti_total = p.posti_total
      FROM (
        SELECT comune_id, count(*)::int AS project_count,
               ${CATEGORIES.map((c) => `coalesce(sum(posti_total) FILTER (WHERE category = '${c}'), 0)::int AS ${postiColumn(c)},`).join('\n               ')}
               sum(posti_total)::int AS posti_total
        FROM projects WHERE status <> 'CLOSED' GROUP BY comune_id
      ) p WHERE p.comune_id = c.id`);

    // direction -1 takes a project's old contribution away, +1 adds its new one; closed projects count nothing.
    await db.query(`
      CREATE FUNCTION comuni_count_project(p projects, direction integer) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE comuni SET
          project_count = project_count + direction,
          ${CATEGORIES.map((c) => `${postiColumn(c)} = ${postiColumn(c)} + CASE WHEN p.category = '${c}' THEN direction * p.posti_total ELSE 0 END,`).join('\n          ')}
          posti_total = posti_total + direction * p.posti_total
        WHERE id = p.comune_id AND p.status <> 'CLOSED'
      $$`);
    await db.query(`
      CREATE FUNCTION projects_keep_directory() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM comuni_count_project(OLD, -1); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM comuni_count_project(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER projects_keep_directory AFTER INSERT OR DELETE ON "projects"
      FOR EACH ROW EXECUTE FUNCTION projects_keep_directory()`);
    // Most project edits (title, dates, services…) leave the figures alone: no row of comuni touched.
    await db.query(`
      CREATE TRIGGER projects_keep_directory_on_update AFTER UPDATE ON "projects"
      FOR EACH ROW WHEN ((OLD.comune_id, OLD.category, OLD.status, OLD.posti_total) IS DISTINCT FROM
                         (NEW.comune_id, NEW.category, NEW.status, NEW.posti_total))
      EXECUTE FUNCTION projects_keep_directory()`);

    await db.query(`
      CREATE FUNCTION memberships_keep_directory() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.comune_id <> NEW.comune_id) THEN
          UPDATE comuni SET membership_status = NULL WHERE id = OLD.comune_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN UPDATE comuni SET membership_status = NEW.status WHERE id = NEW.comune_id; END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER memberships_keep_directory AFTER INSERT OR DELETE ON "memberships"
      FOR EACH ROW EXECUTE FUNCTION memberships_keep_directory()`);
    await db.query(`
      CREATE TRIGGER memberships_keep_directory_on_update AFTER UPDATE ON "memberships"
      FOR EACH ROW WHEN ((OLD.comune_id, OLD.status) IS DISTINCT FROM (NEW.comune_id, NEW.status))
      EXECUTE FUNCTION memberships_keep_directory()`);
    for (const fn of ['comuni_count_project(projects, integer)', 'projects_keep_directory()', 'memberships_keep_directory()']) {
      await db.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    }

    await db.query(`
      CREATE TABLE "directory_province_totals" (
        "province" "public"."province" NOT NULL,
        "kind" "public"."comune_kind" NOT NULL,
        "membership" varchar(20) NOT NULL,
        "comuni" integer NOT NULL,
        "comuni_with_projects" integer NOT NULL,
        "projects" integer NOT NULL,
        "posti" integer NOT NULL,
        CONSTRAINT "directory_province_totals_pkey" PRIMARY KEY ("province", "kind", "membership")
      )`);
    await db.query(`GRANT SELECT ON "directory_province_totals" TO ${APP_ROLE}`);
    await db.query(`
      INSERT INTO directory_province_totals
      SELECT province, kind, coalesce(membership_status::text, 'NONE'), count(*), count(*) FILTER (WHERE project_count > 0),
             sum(project_count), sum(posti_total)
      FROM comuni GROUP BY 1, 2, 3`);
    await db.query(`
      CREATE FUNCTION comuni_keep_province_totals() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE directory_province_totals SET comuni = comuni - 1, comuni_with_projects = comuni_with_projects - (OLD.project_count > 0)::int,
                 projects = projects - OLD.project_count, posti = posti - OLD.posti_total
          WHERE province = OLD.province AND kind = OLD.kind AND membership = coalesce(OLD.membership_status::text, 'NONE');
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO directory_province_totals AS t
          VALUES (NEW.province, NEW.kind, coalesce(NEW.membership_status::text, 'NONE'), 1, (NEW.project_count > 0)::int,
                  NEW.project_count, NEW.posti_total)
          ON CONFLICT (province, kind, membership) DO UPDATE SET comuni = t.comuni + 1,
             comuni_with_projects = t.comuni_with_projects + excluded.comuni_with_projects,
             projects = t.projects + excluded.projects, posti = t.posti + excluded.posti;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER comuni_keep_province_totals AFTER INSERT OR DELETE ON "comuni"
      FOR EACH ROW EXECUTE FUNCTION comuni_keep_province_totals()`);
    await db.query(`
      CREATE TRIGGER comuni_keep_province_totals_on_update AFTER UPDATE ON "comuni"
      FOR EACH ROW WHEN ((OLD.province, OLD.kind, OLD.membership_status, OLD.project_count, OLD.posti_total) IS DISTINCT FROM
                         (NEW.province, NEW.kind, NEW.membership_status, NEW.project_count, NEW.posti_total))
      EXECUTE FUNCTION comuni_keep_province_totals()`);
    await db.query(`REVOKE ALL ON FUNCTION comuni_keep_province_totals() FROM PUBLIC`);

    // The directory's default and heaviest orders, led by the sort key with the page's tie-breaks.
    await db.query(`CREATE INDEX "comuni_directory_name_idx" ON "comuni" ("name", "id")`);
    await db.query(`CREATE INDEX "comuni_directory_posti_idx" ON "comuni" ("posti_total" DESC, "name", "id")`);
    await db.query(`CREATE INDEX "comuni_directory_projects_idx" ON "comuni" ("project_count" DESC, "name", "id")`);
    await db.query(`CREATE INDEX "comuni_directory_population_idx" ON "comuni" ("population" DESC NULLS LAST, "name", "id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER comuni_keep_province_totals_on_update ON "comuni"`);
    await db.query(`DROP TRIGGER comuni_keep_province_totals ON "comuni"`);
    await db.query(`DROP FUNCTION comuni_keep_province_totals()`);
    await db.query(`DROP TABLE "directory_province_totals"`);
    for (const index of ['name', 'posti', 'projects', 'population']) await db.query(`DROP INDEX "comuni_directory_${index}_idx"`);
    for (const table of ['memberships', 'projects']) {
      await db.query(`DROP TRIGGER ${table}_keep_directory_on_update ON "${table}"`);
      await db.query(`DROP TRIGGER ${table}_keep_directory ON "${table}"`);
    }
    await db.query(`DROP FUNCTION memberships_keep_directory()`);
    await db.query(`DROP FUNCTION projects_keep_directory()`);
    await db.query(`DROP FUNCTION comuni_count_project(projects, integer)`);
    await db.query(`
      ALTER TABLE "comuni" DROP "membership_status", DROP "project_count",
        ${CATEGORIES.map((c) => `DROP "${postiColumn(c)}",`).join(' ')} DROP "posti_total"`);
  }
}
