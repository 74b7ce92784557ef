import { InvalidParam, ProblemDetails } from '@coopera/domain';

/** A message under a field: one of ours (a translation key) or the API's own words. */
export type FieldError = { key: string } | { text: string };

/** What a form shows per field; absent fields have no error. */
export type FieldErrors<F extends string> = Partial<Record<F, FieldError>>;

/**
 * Splits a refused request's `errors` into the ones that belong to a field of the form (first
 * reason per field) and the others, which the form lists in its alert.
 */
export function fieldErrorsFrom<F extends string>(
  problem: ProblemDetails,
  fields: readonly F[],
): { onFields: FieldErrors<F>; others: InvalidParam[] } {
  const onFields: FieldErrors<F> = {};
  const others: InvalidParam[] = [];
  for (const invalid of problem.errors ?? []) {
    const field = fields.find((name) => name === invalid.name);
    if (field === undefined) others.push(invalid);
    else onFields[field] ??= { text: invalid.reason };
  }
  return { onFields, others };
}

/** The first of `fields` (in form order) that has an error. */
export function firstInvalid<F extends string>(errors: FieldErrors<F>, fields: readonly F[]): F | undefined {
  return fields.find((field) => errors[field]);
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
