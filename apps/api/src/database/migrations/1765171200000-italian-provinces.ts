import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every Italian province sigla, not only the nine of Sicily: the same schema carries the national
 * network (the Servizio Centrale's view; `npm run seed:national`). The list is frozen here, as a
 * migration must be; it equals `ITALIAN_PROVINCES` of libs/domain today.
 */
const ITALIAN_PROVINCES = [
  'AG', 'AL', 'AN', 'AO', 'AP', 'AQ', 'AR', 'AT', 'AV', 'BA', 'BG', 'BI', 'BL', 'BN', 'BO', 'BR', 'BS', 'BT', 'BZ', 'CA',
  'CB', 'CE', 'CH', 'CL', 'CN', 'CO', 'CR', 'CS', 'CT', 'CZ', 'EN', 'FC', 'FE', 'FG', 'FI', 'FM', 'FR', 'GE', 'GO', 'GR',
  'IM', 'IS', 'KR', 'LC', 'LE', 'LI', 'LO', 'LT', 'LU', 'MB', 'MC', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NA', 'NO', 'NU',
  'OR', 'PA', 'PC', 'PD', 'PE', 'PG', 'PI', 'PN', 'PO', 'PR', 'PT', 'PU', 'PV', 'PZ', 'RA', 'RC', 'RE', 'RG', 'RI', 'RM',
  'RN', 'RO', 'SA', 'SI', 'SO', 'SP', 'SR', 'SS', 'SU', 'SV', 'TA', 'TE', 'TN', 'TO', 'TP', 'TR', 'TS', 'TV', 'UD', 'VA',
  'VB', 'VC', 'VE', 'VI', 'VR', 'VT', 'VV',
];

export class ItalianProvinces1765171200000 implements MigrationInterface {
  name = 'ItalianProvinces1765171200000';

  async up(db: QueryRunner): Promise<void> {
    // Each value goes right after its alphabetical predecessor (AG, the first, is already there),
    // so that the enum's order, which ORDER BY province follows, stays alphabetical. Since
    // PostgreSQL 12 ADD VALUE may run in a transaction (the migrations run one per transaction);
    // a value added there cannot be stored before the commit, but may anchor the next one.
    for (const [index, code] of ITALIAN_PROVINCES.entries()) {
      if (index === 0) continue;
      await db.query(`ALTER TYPE "public"."province" ADD VALUE IF NOT EXISTS '${code}' AFTER '${ITALIAN_PROVINCES[index - 1]}'`);
    }
  }

  async down(): Promise<void> {
    // Deliberately nothing: PostgreSQL cannot drop a value from an enum. Rebuilding the type
    // without them would fail on any Comune outside Sicily, and harms nothing while they are unused.
  }
}
