import { isProvince, PROVINCE_NAMES, PROVINCES } from './geography';

describe('provinces', () => {
  it('names each of the nine Sicilian provinces', () => {
    expect(PROVINCES).toHaveLength(9);
    expect(Object.keys(PROVINCE_NAMES).sort()).toEqual([...PROVINCES].sort());
  });

  it('recognises only the nine sigle', () => {
    expect(isProvince('SR')).toBe(true);
    expect(isProvince('XX')).toBe(false);
    expect(isProvince('sr')).toBe(false);
    expect(isProvince(undefined)).toBe(false);
  });
});
