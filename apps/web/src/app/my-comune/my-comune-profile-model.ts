import { ComuneProfile, PROFILE_LIMITS, UpdateComuneProfileRequest } from '@coopera/domain';
import { EMAIL_PATTERN, FieldErrors } from '../forms/field-errors';

export const PROFILE_FIELDS = ['saiOffice', 'email', 'pec', 'phone', 'coordinationReferent', 'notes'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The profile's fields as typed. */
export type ProfileFormValue = Record<ProfileField, string>;

/** E-mail addresses are kept in 254 characters (RFC 5321), the other texts in PROFILE_LIMITS. */
export const PROFILE_EMAIL_MAX_LENGTH = 254;

export const PROFILE_MAX_LENGTHS: Readonly<Record<ProfileField, number>> = {
  saiOffice: PROFILE_LIMITS.textMaxLength,
  email: PROFILE_EMAIL_MAX_LENGTH,
  pec: PROFILE_EMAIL_MAX_LENGTH,
  phone: PROFILE_LIMITS.phoneMaxLength,
  coordinationReferent: PROFILE_LIMITS.textMaxLength,
  notes: PROFILE_LIMITS.notesMaxLength,
};

export function profileFormFrom(profile: ComuneProfile): ProfileFormValue {
  return {
    saiOffice: profile.saiOffice ?? '',
    email: profile.email ?? '',
    pec: profile.pec ?? '',
    phone: profile.phone ?? '',
    coordinationReferent: profile.coordinationReferent ?? '',
    notes: profile.notes ?? '',
  };
}

/** The checks the API makes on the profile. */
export function validateProfile(value: ProfileFormValue): FieldErrors<ProfileField> {
  const errors: FieldErrors<ProfileField> = {};
  for (const field of PROFILE_FIELDS) {
    const text = value[field].trim();
    if (text.length > PROFILE_MAX_LENGTHS[field]) errors[field] = { key: 'myComune.profile.errors.tooLong' };
    else if ((field === 'email' || field === 'pec') && text && !EMAIL_PATTERN.test(text)) {
      errors[field] = { key: 'myComune.profile.errors.emailInvalid' };
    }
  }
  return errors;
}

/**
 * The fields that differ from the profile as read (an emptied field becomes null), with its
 * version; null when nothing changed. `notes` only when the reader was given it.
 */
export function profileChanges(value: ProfileFormValue, profile: ComuneProfile): UpdateComuneProfileRequest | null {
  const request: UpdateComuneProfileRequest = { version: profile.version };
  const before = profileFormFrom(profile);
  for (const field of PROFILE_FIELDS) {
    if (field === 'notes' && profile.notes === undefined) continue;
    const now = value[field].trim();
    if (now !== before[field].trim()) request[field] = now ? now : null;
  }
  return Object.keys(request).length > 1 ? request : null;
}
