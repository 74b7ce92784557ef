import { MigrationInterface, QueryRunner } from 'typeorm';

/** TOTP second factor: the secret, when it was enabled, the last code used, recovery code hashes. */
export class SecondFactor1764307200000 implements MigrationInterface {
  name = 'SecondFactor1764307200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "users" ADD "totp_secret" character varying(64)`);
    await db.query(`ALTER TABLE "users" ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "users" ADD "totp_last_counter" bigint`);
    await db.query(`ALTER TABLE "users" ADD "totp_recovery_hashes" jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const column of ['totp_recovery_hashes', 'totp_last_counter', 'totp_enabled_at', 'totp_secret']) {
      await db.query(`ALTER TABLE "users" DROP COLUMN "${column}"`);
    }
  }
}
