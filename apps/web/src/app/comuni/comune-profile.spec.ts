import { ComuneProfile, PROFILE_LIMITS } from '@coopera/domain';
import { canSeeNotes, profileChanges, profileValuesFrom, validateProfile } from './comune-profile';

const PROFILE: ComuneProfile = {
  saiOffice: 'Servizi sociali – Ufficio immigrazione',
  email: 'sai@comune.palermo.it',
  pec: null,
  phone: '091 740 1111',
  coordinationReferent: null,
  notes: 'Riunioni il martedì.',
  version: 4,
  updatedAt: '2026-01-10T09:00:00.000Z',
};

/** The profile as a reader who may not see the notes gets it: no `notes` key at all. */
function withoutNotes(): ComuneProfile {
  const profile: ComuneProfile = { ...PROFILE };
  delete profile.notes;
  return profile;
}

describe('Comune profile form mapping', () => {
  it('starts from the profile as read, empty fields as empty text', () => {
    expect(profileValuesFrom(PROFILE)).toEqual({
      saiOffice: 'Servizi sociali – Ufficio immigrazione',
      email: 'sai@comune.palermo.it',
      pec: '',
      phone: '091 740 1111',
      coordinationReferent: '',
      notes: 'Riunioni il martedì.',
    });
  });

  it('knows whether the reader may see the notes (undefined: not sent)', () => {
    expect(canSeeNotes(PROFILE)).toBe(true);
    expect(canSeeNotes({ ...PROFILE, notes: null })).toBe(true);
    expect(canSeeNotes(withoutNotes())).toBe(false);
  });

  it('sends only what changed, trimmed, emptied fields as null, with the version', () => {
    const values = { ...profileValuesFrom(PROFILE), email: '', pec: '  protocollo@pec.comune.palermo.it ', phone: '091 740 1111' };
    expect(profileChanges(PROFILE, values)).toEqual({ version: 4, email: null, pec: 'protocollo@pec.comune.palermo.it' });
  });

  it('answers null when nothing changed (whitespace aside)', () => {
    expect(profileChanges(PROFILE, { ...profileValuesFrom(PROFILE), saiOffice: ' Servizi sociali – Ufficio immigrazione ' })).toBeNull();
    expect(profileChanges(PROFILE, { ...profileValuesFrom(PROFILE), coordinationReferent: '   ' })).toBeNull();
  });

  it('never sends notes the reader could not see', () => {
    const hidden = withoutNotes();
    expect(profileChanges(hidden, { ...profileValuesFrom(hidden), notes: 'x' })).toBeNull();
  });

  it('a never-saved profile (version 0) sends version 0', () => {
    const empty: ComuneProfile = { saiOffice: null, email: null, pec: null, phone: null, coordinationReferent: null, version: 0, updatedAt: null };
    expect(profileChanges(empty, { ...profileValuesFrom(empty), phone: '0931 000' })).toEqual({ version: 0, phone: '0931 000' });
  });

  it('checks the addresses and the lengths of PROFILE_LIMITS', () => {
    const values = profileValuesFrom(PROFILE);
    expect(validateProfile(values, true)).toEqual({});
    expect(validateProfile({ ...values, email: 'sai@comune', pec: 'not an address' }, true)).toEqual({
      email: { key: 'comune.form.errors.emailInvalid' },
      pec: { key: 'comune.form.errors.pecInvalid' },
    });
    const tooLong = {
      ...values,
      saiOffice: 'x'.repeat(PROFILE_LIMITS.textMaxLength + 1),
      phone: '1'.repeat(PROFILE_LIMITS.phoneMaxLength + 1),
      notes: 'n'.repeat(PROFILE_LIMITS.notesMaxLength + 1),
    };
    expect(Object.keys(validateProfile(tooLong, true))).toEqual(['saiOffice', 'phone', 'notes']);
    expect(Object.keys(validateProfile(tooLong, false))).toEqual(['saiOffice', 'phone']);
    expect(validateProfile({ ...values, notes: 'n'.repeat(PROFILE_LIMITS.notesMaxLength) }, true)).toEqual({});
    // addresses up to 254 characters, as the API
    expect(validateProfile({ ...values, email: `${'a'.repeat(240)}@comune.pa.it` }, true)).toEqual({});
  });

  it('checks the phone number as the API does', () => {
    const values = profileValuesFrom(PROFILE);
    expect(validateProfile({ ...values, phone: '+39 091/740-11.11' }, true)).toEqual({});
    expect(validateProfile({ ...values, phone: 'centralino' }, true)).toEqual({ phone: { key: 'comune.form.errors.phoneInvalid' } });
    expect(validateProfile({ ...values, phone: '091' }, true)).toEqual({ phone: { key: 'comune.form.errors.phoneInvalid' } });
  });
});
