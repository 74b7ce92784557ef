import {
  CreateProjectRequest,
  ENTE_ROLES,
  EnteRole,
  LegalForm,
  OPEN_PROJECT_STATUSES,
  OpenProjectStatus,
  PROJECT_CATEGORIES,
  PROJECT_CODE_PATTERN,
  PROJECT_LIMITS,
  ProjectCategory,
  ProjectDetail,
  ProjectEnteGestoreInput,
  ProjectFields,
  SAI_SERVICES,
  SaiService,
  UpdateProjectRequest,
  normalizeTaxCode,
  taxCodeProblem,
} from '@coopera/domain';
import { EMAIL_PATTERN, FieldError } from '../forms/field-errors';

/** A Comune as the form holds it (associated Comuni, seat of a proposed ente gestore, titolare). */
export interface ComuneRef {
  id: string;
  name: string;
}

/** Rows of the repeatable lists carry a `key` so that the template tracks them across removals. */
export interface ExpansionRow {
  key: number;
  posti: string;
  effectiveFrom: string;
  actReference: string;
}

export interface ExtensionRow {
  key: number;
  until: string;
  actReference: string;
}

/**
 * An ente gestore linked to the project. `known` ones are in the register and go by tax code
 * alone; the others are proposed to the register with a name, legal form and seat.
 */
export interface EnteRow {
  key: number;
  taxCode: string;
  role: EnteRole;
  name: string;
  known: boolean;
  legalForm: LegalForm | null;
  seat: ComuneRef | null;
}

/** The form's inputs as typed: strings until they are sent, so half-typed values survive. */
export interface ProjectFormValue {
  code: string;
  title: string;
  category: ProjectCategory | '';
  status: OpenProjectStatus;
  posti: string;
  startDate: string;
  endDate: string;
  responsibleOfficer: string;
  mailbox: string;
  expansions: ExpansionRow[];
  extensions: ExtensionRow[];
  associatedComuni: ComuneRef[];
  services: SaiService[];
  entiGestori: EnteRow[];
}

/** Errors by dotted field name, as the API names them (`expansions.0.posti`). */
export type ProjectFieldErrors = Record<string, FieldError>;

/** The mailbox column holds an address (RFC 5321 length); the other texts PROJECT_LIMITS. */
export const MAILBOX_MAX_LENGTH = 254;
export const ENTE_NAME_MAX_LENGTH = 300;

let nextKey = 1;
/** A key unique within the page's lifetime, for `@for … track`. */
export function rowKey(): number {
  return nextKey++;
}

export function emptyProjectForm(): ProjectFormValue {
  return {
    code: '',
    title: '',
    category: '',
    status: 'ACTIVE',
    posti: '',
    startDate: '',
    endDate: '',
    responsibleOfficer: '',
    mailbox: '',
    expansions: [],
    extensions: [],
    associatedComuni: [],
    services: [],
    entiGestori: [],
  };
}

/** The form filled with a project as read; `endDate` is the first period's end, before extensions. */
export function projectFormFrom(project: ProjectDetail): ProjectFormValue {
  return {
    code: project.code,
    title: project.title,
    category: project.category,
    status: project.status === 'PROSECUZIONE' ? 'PROSECUZIONE' : 'ACTIVE',
    posti: String(project.posti),
    startDate: project.startDate,
    endDate: project.originalEndDate,
    responsibleOfficer: project.responsibleOfficer ?? '',
    mailbox: project.mailbox ?? '',
    expansions: project.expansions.map((e) => ({ key: rowKey(), posti: String(e.posti), effectiveFrom: e.effectiveFrom, actReference: e.actReference })),
    extensions: project.extensions.map((e) => ({ key: rowKey(), until: e.until, actReference: e.actReference })),
    associatedComuni: project.associatedComuni.map((c) => ({ id: c.id, name: c.name })),
    // In the guidelines' order, whatever order the API keeps them in.
    services: SAI_SERVICES.filter((s) => project.services.includes(s)),
    entiGestori: project.entiGestori.map((e) => ({
      key: rowKey(),
      taxCode: e.taxCode,
      role: e.role,
      name: e.name,
      known: true,
      legalForm: null,
      seat: null,
    })),
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD (what `<input type=date>` gives). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Posti as typed, when it is a whole number from 1 to the limit; null otherwise. */
export function parsePosti(value: string): number | null {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= PROJECT_LIMITS.postiMax ? n : null;
}

function postiError(value: string): FieldError | null {
  const text = value.trim();
  if (!text) return { key: 'projects.form.errors.postiRequired' };
  return parsePosti(text) === null ? { key: 'projects.form.errors.postiInvalid' } : null;
}

function requiredText(value: string, max: number, min = 1): FieldError | null {
  const text = value.trim();
  if (!text) return { key: 'projects.form.errors.required' };
  if (text.length < min) return { key: 'projects.form.errors.tooShort' };
  return text.length > max ? { key: 'projects.form.errors.tooLong' } : null;
}

/** What the API takes as a project code: letters, digits and - _ . / (e.g. PROG-123-PR-2). */
/** Shortest title, act reference and ente name the API takes (libs/domain). */
export const MIN_TITLE_LENGTH = PROJECT_LIMITS.titleMinLength;
export const MIN_ACT_REFERENCE_LENGTH = PROJECT_LIMITS.actReferenceMinLength;
export const MIN_ENTE_NAME_LENGTH = PROJECT_LIMITS.enteNameMinLength;

function optionalText(value: string, max: number): FieldError | null {
  return value.trim().length > max ? { key: 'projects.form.errors.tooLong' } : null;
}

function dateError(value: string): FieldError | null {
  if (!value) return { key: 'projects.form.errors.dateRequired' };
  return isIsoDate(value) ? null : { key: 'projects.form.errors.dateInvalid' };
}

/** Why a tax code (as typed) is refused, as one of our messages; null when it is valid. */
export function taxCodeError(value: string): FieldError | null {
  const code = normalizeTaxCode(value);
  if (!code) return { key: 'projects.form.errors.taxCodeRequired' };
  if (taxCodeProblem(code) === null) return null;
  if (/^\d{11}$/.test(code)) return { key: 'projects.form.errors.partitaIvaCheck' };
  if (code.length === 16) return { key: 'projects.form.errors.codiceFiscaleInvalid' };
  return { key: 'projects.form.errors.taxCodeShape' };
}

/**
 * The checks the API makes, so that most mistakes are caught before sending: the same names,
 * so that our messages and the API's land in the same place.
 */
export function validateProjectForm(value: ProjectFormValue, titolareId: string | null): ProjectFieldErrors {
  const errors: ProjectFieldErrors = {};
  const put = (name: string, error: FieldError | null) => {
    if (error && !errors[name]) errors[name] = error;
  };

  put('code', requiredText(value.code, PROJECT_LIMITS.codeMaxLength));
  if (value.code.trim() && !PROJECT_CODE_PATTERN.test(value.code.trim())) put('code', { key: 'projects.form.errors.codeShape' });
  put('title', requiredText(value.title, PROJECT_LIMITS.titleMaxLength, MIN_TITLE_LENGTH));
  if (!(PROJECT_CATEGORIES as readonly string[]).includes(value.category)) put('category', { key: 'projects.form.errors.categoryRequired' });
  if (!(OPEN_PROJECT_STATUSES as readonly string[]).includes(value.status)) put('status', { key: 'projects.form.errors.statusRequired' });
  put('posti', postiError(value.posti));
  put('startDate', dateError(value.startDate));
  put('endDate', dateError(value.endDate));
  if (!errors['startDate'] && !errors['endDate'] && value.endDate <= value.startDate) {
    put('endDate', { key: 'projects.form.errors.endBeforeStart' });
  }
  put('responsibleOfficer', optionalText(value.responsibleOfficer, PROJECT_LIMITS.textMaxLength));
  const mailbox = value.mailbox.trim();
  if (mailbox.length > MAILBOX_MAX_LENGTH) put('mailbox', { key: 'projects.form.errors.tooLong' });
  else if (mailbox && !EMAIL_PATTERN.test(mailbox)) put('mailbox', { key: 'projects.form.errors.emailInvalid' });

  if (value.extensions.length > PROJECT_LIMITS.maxExtensions) put('extensions', { key: 'projects.form.errors.tooMany' });
  // Each extension moves the end further: after the first period's end, then after the one before.
  const periodKnown = !errors['startDate'] && !errors['endDate'];
  let previousEnd: string | null = periodKnown ? value.endDate : null;
  let end: string | null = previousEnd;
  value.extensions.forEach((row, i) => {
    const problem = dateError(row.until);
    if (problem) {
      put(`extensions.${i}.until`, problem);
      end = null; // the period's end is not known any more
    } else if (previousEnd !== null && row.until <= previousEnd) {
      put(`extensions.${i}.until`, { key: 'projects.form.errors.extensionNotAfter' });
    } else if (previousEnd !== null) {
      previousEnd = row.until;
      if (end !== null && row.until > end) end = row.until;
    }
    put(`extensions.${i}.actReference`, requiredText(row.actReference, PROJECT_LIMITS.actReferenceMaxLength, MIN_ACT_REFERENCE_LENGTH));
  });

  if (value.expansions.length > PROJECT_LIMITS.maxExpansions) put('expansions', { key: 'projects.form.errors.tooMany' });
  value.expansions.forEach((row, i) => {
    put(`expansions.${i}.posti`, postiError(row.posti));
    const problem = dateError(row.effectiveFrom);
    if (problem) put(`expansions.${i}.effectiveFrom`, problem);
    // An ampliamento takes effect within the funding period, extensions included.
    else if (periodKnown && end !== null && (row.effectiveFrom < value.startDate || row.effectiveFrom > end)) {
      put(`expansions.${i}.effectiveFrom`, { key: 'projects.form.errors.outsidePeriod' });
    }
    put(`expansions.${i}.actReference`, requiredText(row.actReference, PROJECT_LIMITS.actReferenceMaxLength, MIN_ACT_REFERENCE_LENGTH));
  });

  if (value.associatedComuni.length > PROJECT_LIMITS.maxAssociatedComuni) put('associatedComuneIds', { key: 'projects.form.errors.tooMany' });
  value.associatedComuni.forEach((comune, i) => {
    if (comune.id === titolareId) put(`associatedComuneIds.${i}`, { key: 'projects.form.errors.associatedIsTitolare' });
    else if (value.associatedComuni.findIndex((other) => other.id === comune.id) !== i) {
      put(`associatedComuneIds.${i}`, { key: 'projects.form.errors.duplicate' });
    }
  });

  if (value.entiGestori.length > PROJECT_LIMITS.maxEntiGestori) put('entiGestori', { key: 'projects.form.errors.tooMany' });
  value.entiGestori.forEach((row, i) => {
    const taxCode = normalizeTaxCode(row.taxCode);
    const problem = taxCodeError(row.taxCode);
    if (problem) put(`entiGestori.${i}.taxCode`, problem);
    else if (value.entiGestori.findIndex((other) => normalizeTaxCode(other.taxCode) === taxCode) !== i) {
      put(`entiGestori.${i}.taxCode`, { key: 'projects.form.errors.duplicate' });
    }
    if (!(ENTE_ROLES as readonly string[]).includes(row.role)) put(`entiGestori.${i}.role`, { key: 'projects.form.errors.roleRequired' });
    if (!row.known) {
      put(`entiGestori.${i}.name`, requiredText(row.name, ENTE_NAME_MAX_LENGTH, MIN_ENTE_NAME_LENGTH));
      if (!row.legalForm) put(`entiGestori.${i}.legalForm`, { key: 'projects.form.errors.legalFormRequired' });
    }
  });
  return errors;
}

/** Every field of the form, in the order it shows them: the first with an error gets the focus. */
export function fieldOrder(value: ProjectFormValue): string[] {
  return [
    'titolareComuneId',
    'code',
    'title',
    'category',
    'status',
    'posti',
    'startDate',
    'endDate',
    'responsibleOfficer',
    'mailbox',
    'services',
    'expansions',
    ...value.expansions.flatMap((_, i) => [`expansions.${i}.posti`, `expansions.${i}.effectiveFrom`, `expansions.${i}.actReference`]),
    'extensions',
    ...value.extensions.flatMap((_, i) => [`extensions.${i}.until`, `extensions.${i}.actReference`]),
    'associatedComuneIds',
    ...value.associatedComuni.map((_, i) => `associatedComuneIds.${i}`),
    'entiGestori',
    ...value.entiGestori.flatMap((_, i) =>
      ['taxCode', 'role', 'name', 'legalForm', 'seatComuneId'].map((part) => `entiGestori.${i}.${part}`),
    ),
  ];
}

/** The id of a field's input in the page (`expansions.0.posti` → `project-expansions-0-posti`). */
export function fieldId(name: string): string {
  return `project-${name.replace(/\./g, '-')}`;
}

function nullable(text: string): string | null {
  const trimmed = text.trim();
  return trimmed ? trimmed : null;
}

function enteInput(row: EnteRow): ProjectEnteGestoreInput {
  const input: ProjectEnteGestoreInput = { taxCode: normalizeTaxCode(row.taxCode), role: row.role };
  if (!row.known) {
    input.name = row.name.trim();
    if (row.legalForm) input.legalForm = row.legalForm;
    input.seatComuneId = row.seat?.id ?? null;
  }
  return input;
}

/** What the form says, as the API's fields (call after `validateProjectForm` found nothing). */
export function projectFields(value: ProjectFormValue): ProjectFields {
  return {
    code: value.code.trim(),
    title: value.title.trim(),
    category: value.category as ProjectCategory,
    status: value.status,
    associatedComuneIds: value.associatedComuni.map((c) => c.id),
    posti: parsePosti(value.posti) ?? 0,
    expansions: value.expansions.map((e) => ({ posti: parsePosti(e.posti) ?? 0, effectiveFrom: e.effectiveFrom, actReference: e.actReference.trim() })),
    startDate: value.startDate,
    endDate: value.endDate,
    extensions: value.extensions.map((e) => ({ until: e.until, actReference: e.actReference.trim() })),
    responsibleOfficer: nullable(value.responsibleOfficer),
    mailbox: nullable(value.mailbox),
    services: SAI_SERVICES.filter((s) => value.services.includes(s)),
    entiGestori: value.entiGestori.map(enteInput),
  };
}

export function createProjectRequest(value: ProjectFormValue, titolareComuneId: string): CreateProjectRequest {
  return { ...projectFields(value), titolareComuneId };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields that differ from the project as read (lists are sent whole when anything in them
 * changed), with the version they are based on; null when nothing changed.
 */
export function updateProjectRequest(value: ProjectFormValue, project: ProjectDetail): UpdateProjectRequest | null {
  const now = projectFields(value);
  const before = projectFields(projectFormFrom(project));
  const request: UpdateProjectRequest = { version: project.version };
  const changes = request as Record<string, unknown>;
  for (const name of Object.keys(now) as (keyof ProjectFields)[]) {
    if (!same(now[name], before[name])) changes[name] = now[name];
  }
  return Object.keys(request).length > 1 ? request : null;
}

/** The form's content without the rows' keys: two values that print the same say the same. */
export function formSnapshot(value: ProjectFormValue): string {
  // The keys only tell rows apart on screen; leaving them out compares what the user typed.
  return JSON.stringify(value, (name, field: unknown) => (name === 'key' ? undefined : field));
}
