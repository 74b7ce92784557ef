import { Transform } from 'class-transformer';

/** Trims strings; an empty string becomes null, for optional text fields a form sends blank. */
export const trimToNull = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  });

/** Trims strings, for required text fields. */
export const trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** "true"/"false" in a query string. */
export const toBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Sort parameter `-field` → field and direction. */
export function parseSort<F extends string>(sort: F | `-${F}`): { field: F; direction: 'ASC' | 'DESC' } {
  return sort.startsWith('-') ? { field: sort.slice(1) as F, direction: 'DESC' } : { field: sort as F, direction: 'ASC' };
}

/** Several property decorators as one. */
export const applyAll =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };
