import {
  CreatePracticeRequest,
  InvalidParam,
  PRACTICE_LIMITS,
  PRACTICE_TAG_PATTERN,
  Practice,
  PracticeKind,
  ProblemDetails,
  UpdatePracticeRequest,
} from '@coopera/domain';
import { ComuneChoice } from '../admin/users/comune-chooser';
import { FieldError, FieldErrors } from '../forms/field-errors';
import { normaliseTag } from './practices-query';

/** The fields of the practice form, in the order they appear. */
export type PracticeField = 'title' | 'summary' | 'kind' | 'tags' | 'link' | 'comune';
export const PRACTICE_FIELDS: readonly PracticeField[] = ['title', 'summary', 'kind', 'tags', 'link', 'comune'];

/** Who shares the practice, as the secretariat chooses it: the coordination, or a Comune. */
export type SharedBy = 'COORDINATION' | 'COMUNE';

/** What the form edits. */
export interface PracticeValues {
  title: string;
  summary: string;
  kind: PracticeKind | '';
  tags: readonly string[];
  link: string;
  sharedBy: SharedBy;
  comune: ComuneChoice | null;
}

export const EMPTY_PRACTICE: PracticeValues = { title: '', summary: '', kind: '', tags: [], link: '', sharedBy: 'COORDINATION', comune: null };

export function valuesOf(practice: Practice): PracticeValues {
  return {
    title: practice.title,
    summary: practice.summary,
    kind: practice.kind,
    tags: [...practice.tags],
    link: practice.link ?? '',
    sharedBy: practice.comuneId ? 'COMUNE' : 'COORDINATION',
    comune: practice.comuneId ? { id: practice.comuneId, name: practice.comuneName ?? '' } : null,
  };
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/** Whether the user changed anything (whitespace around the texts does not count). */
export function practiceChanged(initial: PracticeValues, current: PracticeValues): boolean {
  return (
    initial.title.trim() !== current.title.trim() ||
    initial.summary.trim() !== current.summary.trim() ||
    initial.kind !== current.kind ||
    !sameTags(initial.tags, current.tags) ||
    initial.link.trim() !== current.link.trim() ||
    initial.sharedBy !== current.sharedBy ||
    initial.comune?.id !== current.comune?.id
  );
}

/** An address the API accepts as the practice's link: http or https, with a host. */
export function isWebLink(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * A tag typed in the chips input: normalised as the API does, or why it cannot be added. The
 * list it would join is given, to refuse a repeat or one too many.
 */
export function tagToAdd(text: string, tags: readonly string[]): { tag: string } | { error: FieldError } | null {
  const tag = normaliseTag(text);
  if (!tag) return null;
  if (tags.includes(tag)) return { error: { key: 'practices.form.errors.tagRepeated' } };
  if (tags.length >= PRACTICE_LIMITS.tags) return { error: { key: 'practices.form.errors.tooManyTags' } };
  if (tag.length > PRACTICE_LIMITS.tag) return { error: { key: 'practices.form.errors.tagTooLong' } };
  if (!PRACTICE_TAG_PATTERN.test(tag)) return { error: { key: 'practices.form.errors.tagInvalid' } };
  return { tag };
}

/** Our own checks, the same the API makes. `chooseComune`: the secretariat's choice applies. */
export function validatePractice(values: PracticeValues, chooseComune: boolean): FieldErrors<PracticeField> {
  const errors: FieldErrors<PracticeField> = {};
  const title = values.title.trim();
  const summary = values.summary.trim();
  const link = values.link.trim();
  if (title.length < PRACTICE_LIMITS.titleMin) errors.title = { key: title ? 'practices.form.errors.titleShort' : 'practices.form.errors.titleRequired' };
  else if (title.length > PRACTICE_LIMITS.title) errors.title = { key: 'practices.form.errors.titleLong' };
  if (summary.length < PRACTICE_LIMITS.summaryMin) errors.summary = { key: summary ? 'practices.form.errors.summaryShort' : 'practices.form.errors.summaryRequired' };
  else if (summary.length > PRACTICE_LIMITS.summary) errors.summary = { key: 'practices.form.errors.summaryLong' };
  if (!values.kind) errors.kind = { key: 'practices.form.errors.kindRequired' };
  if (values.tags.length > PRACTICE_LIMITS.tags) errors.tags = { key: 'practices.form.errors.tooManyTags' };
  if (link && (link.length > PRACTICE_LIMITS.link || !isWebLink(link))) errors.link = { key: 'practices.form.errors.link' };
  if (chooseComune && values.sharedBy === 'COMUNE' && !values.comune) errors.comune = { key: 'practices.form.errors.comuneRequired' };
  return errors;
}

/**
 * The new practice. A referent's is shared for their own Comune (the API sets it); the
 * secretariat's for the chosen Comune, or for the coordination (null).
 */
export function createRequest(values: PracticeValues, chooseComune: boolean): CreatePracticeRequest {
  const request: CreatePracticeRequest = {
    title: values.title.trim(),
    summary: values.summary.trim(),
    kind: values.kind as PracticeKind,
    tags: [...values.tags],
    link: values.link.trim() || null,
  };
  if (chooseComune) request.comuneId = values.sharedBy === 'COMUNE' ? (values.comune?.id ?? null) : null;
  return request;
}

/** Only what changed, with the version it was based on; null when nothing did. The Comune stays. */
export function updateRequest(practice: Practice, values: PracticeValues): UpdatePracticeRequest | null {
  const initial = valuesOf(practice);
  const request: UpdatePracticeRequest = { version: practice.version };
  if (values.title.trim() !== initial.title.trim()) request.title = values.title.trim();
  if (values.summary.trim() !== initial.summary.trim()) request.summary = values.summary.trim();
  if (values.kind && values.kind !== initial.kind) request.kind = values.kind;
  if (!sameTags(values.tags, initial.tags)) request.tags = [...values.tags];
  if (values.link.trim() !== initial.link.trim()) request.link = values.link.trim() || null;
  return Object.keys(request).length > 1 ? request : null;
}

/** The form field an API error names (`tags.2` is the tags field, `comuneId` the Comune), or none. */
export function practiceFieldOf(name: string): PracticeField | null {
  const head = name.split('.')[0];
  if (head === 'comuneId') return 'comune';
  return (PRACTICE_FIELDS as readonly string[]).includes(head) ? (head as PracticeField) : null;
}

/** Splits a 400's `errors` into the fields' messages (the first per field) and the others. */
export function practiceErrorsFrom(problem: ProblemDetails): { onFields: FieldErrors<PracticeField>; others: InvalidParam[] } {
  const onFields: FieldErrors<PracticeField> = {};
  const others: InvalidParam[] = [];
  for (const invalid of problem.errors ?? []) {
    const field = practiceFieldOf(invalid.name);
    if (field === null) others.push(invalid);
    else onFields[field] ??= { text: invalid.reason };
  }
  return { onFields, others };
}
