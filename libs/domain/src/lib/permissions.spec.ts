import { hasPermission, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from './permissions';

describe('role → permission map', () => {
  it('gives every role only known permissions, without duplicates', () => {
    for (const role of ROLES) {
      const granted = ROLE_PERMISSIONS[role];
      expect(new Set(granted).size).toBe(granted.length);
      for (const p of granted) expect(PERMISSIONS).toContain(p);
    }
  });

  it('never lets the Servizio Centrale write', () => {
    const writes = ROLE_PERMISSIONS.SERVIZIO_CENTRALE.filter((p) => !/:read(-|$)/.test(p));
    expect(writes).toEqual([]);
  });

  it('lets a referent update only their own Comune', () => {
    expect(hasPermission('COMUNE_REFERENT', 'comuni:update-own')).toBe(true);
    expect(hasPermission('COMUNE_REFERENT', 'comuni:update-any')).toBe(false);
  });
});
