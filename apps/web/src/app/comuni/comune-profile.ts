import { ComuneProfile, PHONE_PATTERN, PROFILE_LIMITS, UpdateComuneProfileRequest } from '@coopera/domain';
import { EMAIL_PATTERN, FieldErrors } from '../forms/field-errors';

/** The editable fields of a Comune's profile, in form order (also the API's field names). */
export const PROFILE_FIELDS = ['saiOffice', 'email', 'pec', 'phone', 'coordinationReferent', 'notes'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** What the form holds: text as typed, '' for an empty field. */
export type ProfileValues = Record<ProfileField, string>;

/** The form's starting values; `notes` stays '' (and out of the request) when the reader may not see it. */
export function profileValuesFrom(profile: ComuneProfile): ProfileValues {
  return {
    saiOffice: profile.saiOffice ?? '',
    email: profile.email ?? '',
    pec: profile.pec ?? '',
    phone: profile.phone ?? '',
    coordinationReferent: profile.coordinationReferent ?? '',
    notes: profile.notes ?? '',
  };
}

/** Whether the response carried the notes: only the Comune and the network roles read them. */
export function canSeeNotes(profile: ComuneProfile): boolean {
  return profile.notes !== undefined;
}

/** The longest value the API takes for each field (PROFILE_LIMITS). */
export function profileMaxLength(field: ProfileField): number {
  if (field === 'notes') return PROFILE_LIMITS.notesMaxLength;
  if (field === 'phone') return PROFILE_LIMITS.phoneMaxLength;
  if (field === 'email' || field === 'pec') return PROFILE_LIMITS.emailMaxLength;
  return PROFILE_LIMITS.textMaxLength;
}

/** A trimmed field, null when empty: how the API stores "no value". */
function normalized(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The same checks as the API: lengths, the two addresses shaped like e-mail addresses, the phone number. */
export function validateProfile(values: ProfileValues, withNotes: boolean): FieldErrors<ProfileField> {
  const errors: FieldErrors<ProfileField> = {};
  for (const field of PROFILE_FIELDS) {
    if (field === 'notes' && !withNotes) continue;
    const value = values[field].trim();
    if (value.length > profileMaxLength(field)) {
      errors[field] = { key: 'comune.form.errors.tooLong' };
    } else if ((field === 'email' || field === 'pec') && value && !EMAIL_PATTERN.test(value)) {
      errors[field] = { key: field === 'pec' ? 'comune.form.errors.pecInvalid' : 'comune.form.errors.emailInvalid' };
    } else if (field === 'phone' && value && !PHONE_PATTERN.test(value)) {
      errors[field] = { key: 'comune.form.errors.phoneInvalid' };
    }
  }
  return errors;
}

/**
 * The PATCH body: the fields that differ from the profile as read (an emptied field becomes
 * null), with the version it was read at; null when nothing changed.
 */
export function profileChanges(profile: ComuneProfile, values: ProfileValues): UpdateComuneProfileRequest | null {
  const request: UpdateComuneProfileRequest = { version: profile.version };
  let changed = false;
  for (const field of PROFILE_FIELDS) {
    if (field === 'notes' && !canSeeNotes(profile)) continue;
    const next = normalized(values[field]);
    if (next !== (profile[field] ?? null)) {
      request[field] = next;
      changed = true;
    }
  }
  return changed ? request : null;
}
