import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Network figures for everyone signed in: the statistics service (purpose 'statistics') counts
 * the answers of every Comune and the history of every membership, and publishes aggregates only.
 */
export class Statistics1764998400000 implements MigrationInterface {
  name = 'Statistics1764998400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE POLICY meeting_invitations_statistics ON "meeting_invitations" FOR SELECT USING ((SELECT app_purpose()) = 'statistics')`);
    await db.query(`CREATE POLICY membership_events_statistics ON "membership_events" FOR SELECT USING ((SELECT app_purpose()) = 'statistics')`);
    await db.query(`CREATE POLICY meetings_statistics ON "meetings" FOR SELECT USING ((SELECT app_purpose()) = 'statistics')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY meetings_statistics ON "meetings"`);
    await db.query(`DROP POLICY membership_events_statistics ON "membership_events"`);
    await db.query(`DROP POLICY meeting_invitations_statistics ON "meeting_invitations"`);
  }
}
