import { EntityManager } from 'typeorm';
import reference from './reference/comuni-sicilia.json';

/**
 * Loads the Sicilian enti locali from the committed file (see tools/scripts/generate-comuni.mjs).
 * Idempotent: a start on an existing database only corrects what changed.
 */
export async function loadReferenceData(manager: EntityManager): Promise<number> {
  await manager.query(
    `INSERT INTO comuni (kind, istat_code, name, province, codice_catastale, population)
     SELECT r.kind::comune_kind, r."istatCode", r.name, r.province::province, r."codiceCatastale", r.population
     FROM jsonb_to_recordset($1::jsonb)
       AS r(kind text, "istatCode" text, name text, province text, "codiceCatastale" text, population int)
     ON CONFLICT (istat_code) DO UPDATE SET
       kind = EXCLUDED.kind, name = EXCLUDED.name, province = EXCLUDED.province,
       codice_catastale = EXCLUDED.codice_catastale, population = EXCLUDED.population, updated_at = now()
     WHERE (comuni.kind, comuni.name, comuni.province, comuni.codice_catastale, comuni.population)
       IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.province, EXCLUDED.codice_catastale, EXCLUDED.population)`,
    [JSON.stringify(reference.rows)],
  );
  return reference.rows.length;
}
