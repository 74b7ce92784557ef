import { ComuneProfile } from '@coopera/domain';
import { profileChanges, profileFormFrom, validateProfile } from './my-comune-profile-model';

function aProfile(overrides: Partial<ComuneProfile> = {}): ComuneProfile {
  return {
    saiOffice: 'Ufficio immigrazione',
    email: 'sai@comune.palermo.it',
    pec: null,
    phone: '091 123456',
    coordinationReferent: null,
    notes: 'Riunioni il martedì',
    version: 3,
    updatedAt: '2025-01-01T10:00:00Z',
    ...overrides,
  };
}

describe('profile of my Comune', () => {
  it('checks lengths and addresses as the API does', () => {
    const value = { ...profileFormFrom(aProfile()), email: 'sai@palermo', pec: ' pec@pec.comune.palermo.it ', phone: '9'.repeat(41), notes: 'n'.repeat(2001) };
    expect(validateProfile(value)).toEqual({
      email: { key: 'myComune.profile.errors.emailInvalid' },
      phone: { key: 'myComune.profile.errors.tooLong' },
      notes: { key: 'myComune.profile.errors.tooLong' },
    });
  });

  it('sends only what changed, emptied fields as null, with the version', () => {
    const profile = aProfile();
    expect(profileChanges(profileFormFrom(profile), profile)).toBeNull();
    const value = { ...profileFormFrom(profile), saiOffice: '', pec: ' pec@pec.comune.palermo.it ', phone: '091 123456 ' };
    expect(profileChanges(value, profile)).toEqual({ version: 3, saiOffice: null, pec: 'pec@pec.comune.palermo.it' });
  });

  it('never sends the notes of a reader who was not given them', () => {
    const profile = aProfile({ notes: undefined });
    expect(profileChanges({ ...profileFormFrom(profile), notes: 'x' }, profile)).toBeNull();
  });
});
