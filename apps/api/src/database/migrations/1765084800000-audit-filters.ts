import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit browser filters by who acted and by record (its whole history), newest first: both
 * read a year of events at national scale, so each gets an index that also serves the order.
 */
export class AuditFilters1765084800000 implements MigrationInterface {
  name = 'AuditFilters1765084800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX "audit_events_actor_id_occurred_at_idx" ON "audit_events" ("actor_id", "occurred_at")`);
    await db.query(`CREATE INDEX "audit_events_entity_occurred_at_idx" ON "audit_events" ("entity_type", "entity_id", "occurred_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "audit_events_entity_occurred_at_idx"`);
    await db.query(`DROP INDEX "audit_events_actor_id_occurred_at_idx"`);
  }
}
