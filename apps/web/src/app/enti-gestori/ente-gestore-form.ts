import {
  ENTE_GESTORE_LIMITS,
  EnteGestore,
  EnteGestoreWrite,
  LEGAL_FORMS,
  LegalForm,
  PHONE_PATTERN,
  UpdateEnteGestoreRequest,
  normalizeTaxCode,
  taxCodeProblem,
} from '@coopera/domain';
import { ComuneChoice } from '../admin/users/comune-chooser';
import { EMAIL_PATTERN, FieldErrors } from '../forms/field-errors';

/** The form's fields in order; also the API's field names (the seat is `seatComuneId`). */
export const ENTE_FIELDS = ['name', 'taxCode', 'legalForm', 'seatComuneId', 'email', 'pec', 'phone', 'website'] as const;
export type EnteField = (typeof ENTE_FIELDS)[number];

/** What the form holds, as typed. */
export interface EnteValues {
  name: string;
  taxCode: string;
  legalForm: LegalForm | '';
  seat: ComuneChoice | null;
  email: string;
  pec: string;
  phone: string;
  website: string;
}

export const EMPTY_ENTE: EnteValues = {
  name: '',
  taxCode: '',
  legalForm: '',
  seat: null,
  email: '',
  pec: '',
  phone: '',
  website: '',
};

export function isLegalForm(value: string): value is LegalForm {
  return (LEGAL_FORMS as readonly string[]).includes(value);
}

export function enteValuesFrom(ente: EnteGestore): EnteValues {
  return {
    name: ente.name,
    taxCode: ente.taxCode,
    legalForm: ente.legalForm,
    seat: ente.seatComuneId && ente.seatComuneName ? { id: ente.seatComuneId, name: ente.seatComuneName } : null,
    email: ente.email ?? '',
    pec: ente.pec ?? '',
    phone: ente.phone ?? '',
    website: ente.website ?? '',
  };
}

function optional(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A web address as stored: "www.example.it" gains its https:// (nobody types it). */
export function normalizeWebsite(value: string): string | null {
  const trimmed = optional(value);
  if (trimmed === null) return null;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

const WEBSITE_PATTERN = /^https?:\/\/[^\s/?#.]+(\.[^\s/?#.]+)+([/?#]\S*)?$/i;

/** The translation key telling why a (normalized) tax code is refused, or null when it is valid. */
export function taxCodeErrorKey(taxCode: string): string | null {
  if (taxCode === '') return 'entiGestori.form.errors.taxCodeRequired';
  // The same check as the API (libs/domain), worded for the two shapes a user may type.
  if (taxCodeProblem(taxCode) === null) return null;
  if (/^\d{11}$/.test(taxCode)) return 'entiGestori.form.errors.partitaIvaCheck';
  if (taxCode.length === 16) return 'entiGestori.form.errors.codiceFiscaleInvalid';
  return 'entiGestori.form.errors.taxCodeShape';
}

/** The API's checks, before sending: required fields, tax code check digit, lengths, addresses. */
export function validateEnte(values: EnteValues): FieldErrors<EnteField> {
  const errors: FieldErrors<EnteField> = {};
  const name = values.name.trim();
  if (name.length < ENTE_GESTORE_LIMITS.nameMinLength) errors.name = { key: 'entiGestori.form.errors.nameRequired' };
  else if (name.length > ENTE_GESTORE_LIMITS.nameMaxLength) errors.name = { key: 'entiGestori.form.errors.tooLong' };

  const taxCodeKey = taxCodeErrorKey(normalizeTaxCode(values.taxCode));
  if (taxCodeKey) errors.taxCode = { key: taxCodeKey };

  if (!values.legalForm) errors.legalForm = { key: 'entiGestori.form.errors.legalFormRequired' };

  for (const field of ['email', 'pec'] as const) {
    const value = values[field].trim();
    if (value.length > ENTE_GESTORE_LIMITS.emailMaxLength) errors[field] = { key: 'entiGestori.form.errors.tooLong' };
    else if (value && !EMAIL_PATTERN.test(value)) errors[field] = { key: `entiGestori.form.errors.${field}Invalid` };
  }
  const phone = values.phone.trim();
  if (phone.length > ENTE_GESTORE_LIMITS.phoneMaxLength) errors.phone = { key: 'entiGestori.form.errors.tooLong' };
  else if (phone && !PHONE_PATTERN.test(phone)) errors.phone = { key: 'entiGestori.form.errors.phoneInvalid' };

  const website = normalizeWebsite(values.website);
  if (website && website.length > ENTE_GESTORE_LIMITS.websiteMaxLength) errors.website = { key: 'entiGestori.form.errors.tooLong' };
  else if (website && !WEBSITE_PATTERN.test(website)) errors.website = { key: 'entiGestori.form.errors.websiteInvalid' };
  return errors;
}

/** The POST body of a new ente: empty optional fields are left out. */
export function toCreateRequest(values: EnteValues): EnteGestoreWrite {
  const request: EnteGestoreWrite = {
    name: values.name.trim(),
    taxCode: normalizeTaxCode(values.taxCode),
    legalForm: values.legalForm as LegalForm,
  };
  if (values.seat) request.seatComuneId = values.seat.id;
  const email = optional(values.email);
  const pec = optional(values.pec);
  const phone = optional(values.phone);
  const website = normalizeWebsite(values.website);
  if (email) request.email = email;
  if (pec) request.pec = pec;
  if (phone) request.phone = phone;
  if (website) request.website = website;
  return request;
}

/** The PATCH body: the fields that differ from the ente as read (emptied ones become null), or null. */
export function toUpdateRequest(ente: EnteGestore, values: EnteValues): UpdateEnteGestoreRequest | null {
  const request: UpdateEnteGestoreRequest = { version: ente.version };
  const name = values.name.trim();
  const taxCode = normalizeTaxCode(values.taxCode);
  if (name !== ente.name) request.name = name;
  if (taxCode !== ente.taxCode) request.taxCode = taxCode;
  if (values.legalForm && values.legalForm !== ente.legalForm) request.legalForm = values.legalForm;
  const seat = values.seat?.id ?? null;
  if (seat !== ente.seatComuneId) request.seatComuneId = seat;
  const email = optional(values.email);
  const pec = optional(values.pec);
  const phone = optional(values.phone);
  const website = normalizeWebsite(values.website);
  if (email !== ente.email) request.email = email;
  if (pec !== ente.pec) request.pec = pec;
  if (phone !== ente.phone) request.phone = phone;
  if (website !== ente.website) request.website = website;
  return Object.keys(request).length > 1 ? request : null;
}
