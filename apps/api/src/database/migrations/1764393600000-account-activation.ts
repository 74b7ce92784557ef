import { MigrationInterface, QueryRunner } from 'typeorm';

/** One-time activation links: only their hash is kept, with an expiry. */
export class AccountActivation1764393600000 implements MigrationInterface {
  name = 'AccountActivation1764393600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "users" ADD "activation_token_hash" character(64)`);
    await db.query(`ALTER TABLE "users" ADD "activation_expires_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`CREATE UNIQUE INDEX "users_activation_token_hash_key" ON "users" ("activation_token_hash")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."users_activation_token_hash_key"`);
    await db.query(`ALTER TABLE "users" DROP COLUMN "activation_expires_at"`);
    await db.query(`ALTER TABLE "users" DROP COLUMN "activation_token_hash"`);
  }
}
