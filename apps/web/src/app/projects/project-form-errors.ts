import { CLOSED_PROJECT_PROBLEM_TYPE, InvalidParam, ProblemDetails, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { ProjectFieldErrors, ProjectFormValue, fieldOrder } from './project-form-model';

/** What went wrong with a save, as the form's alert shows it. */
export type ProjectSaveFailure =
  | { kind: 'invalid'; detail: string; others: InvalidParam[] }
  | { kind: 'stale' }
  | { kind: 'closed' }
  | { kind: 'conflict'; detail: string }
  | { kind: 'forbidden'; detail: string }
  | { kind: 'notFound' }
  | { kind: 'noChanges' }
  | { kind: 'unreachable' };

/**
 * Where an API field name shows in the form: itself when the form has that field, or the list
 * it belongs to for an item the form has no field for (`services.3` → `services`).
 */
function shownAs(name: string, fields: ReadonlySet<string>): string | null {
  if (fields.has(name)) return name;
  const list = name.split('.')[0];
  return list !== name && fields.has(list) ? list : null;
}

/**
 * Splits a refused save into messages under the fields (the first per field) and the rest, which
 * the alert lists; `titolareChosen` says whether the form shows a titolare field.
 */
export function projectErrorsFrom(
  problem: ProblemDetails,
  value: ProjectFormValue,
  titolareChosen: boolean,
): { onFields: ProjectFieldErrors; others: InvalidParam[] } {
  const fields = new Set(fieldOrder(value).filter((name) => titolareChosen || name !== 'titolareComuneId'));
  const onFields: ProjectFieldErrors = {};
  const others: InvalidParam[] = [];
  for (const invalid of problem.errors ?? []) {
    const field = shownAs(invalid.name, fields);
    if (field === null) others.push(invalid);
    else onFields[field] ??= { text: invalid.reason };
  }
  return { onFields, others };
}

/** The failure a refused save shows, from its status and problem (null: the API was not reached). */
export function saveFailureFrom(status: number, problem: ProblemDetails | null): ProjectSaveFailure {
  if (!problem) return { kind: 'unreachable' };
  if (status === 409 && (problem.type === STALE_VERSION_PROBLEM_TYPE || problem.currentVersion !== undefined)) return { kind: 'stale' };
  if (status === 409 && problem.type === CLOSED_PROJECT_PROBLEM_TYPE) return { kind: 'closed' };
  if (status === 409) return { kind: 'conflict', detail: problem.detail };
  if (status === 403) return { kind: 'forbidden', detail: problem.detail };
  if (status === 404) return { kind: 'notFound' };
  return { kind: 'invalid', detail: problem.detail, others: problem.errors ?? [] };
}

/** The first field with an error, in the order the form shows them. */
export function firstInvalidField(errors: ProjectFieldErrors, value: ProjectFormValue): string | undefined {
  return fieldOrder(value).find((name) => errors[name]);
}
