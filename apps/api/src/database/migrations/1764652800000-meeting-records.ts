import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a meeting leaves behind: its minutes and the attendance register of the invited Comuni. */
export class MeetingRecords1764652800000 implements MigrationInterface {
  name = 'MeetingRecords1764652800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "meetings" ADD "minutes_markdown" text`);
    await db.query(`ALTER TABLE "meetings" ADD "minutes_published_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "meeting_invitations" ADD "present" boolean`);
    await db.query(`ALTER TABLE "meeting_invitations" ADD "present_delegates" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "meeting_invitations" DROP COLUMN "present_delegates"`);
    await db.query(`ALTER TABLE "meeting_invitations" DROP COLUMN "present"`);
    await db.query(`ALTER TABLE "meetings" DROP COLUMN "minutes_published_at"`);
    await db.query(`ALTER TABLE "meetings" DROP COLUMN "minutes_markdown"`);
  }
}
