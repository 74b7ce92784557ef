import { Transform } from 'class-transformer';
import { IsInt, IsObject, Max, Min } from 'class-validator';

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

/** The largest PostgreSQL `integer`: versions are stored as one. */
export const INT4_MAX = 2_147_483_647;

/**
 * The version a write is based on: an integer from `min` (0 for a Comune profile never saved)
 * that fits its column; a bigger one used to reach the database and overflow there (a 500).
 */
export const IsVersion = (min = 1): PropertyDecorator => applyAll(IsInt(), Min(min), Max(INT4_MAX));

/**
 * Option of `PartialType` for update DTOs: a field left out is kept, but null is validated like
 * any value, so it is refused unless the field itself is nullable (its own @IsOptional). The
 * default treats null as absent, and a null title or category reached a NOT NULL column (a 500).
 */
export const NOT_NULL = { skipNullProperties: false } as const;

/**
 * Beside @ValidateNested({ each: true }): every element must be an object. class-validator takes
 * an array found in place of an element for a list of elements, so `[]` or `[[]]` passed as an
 * agenda item or a speaker with no fields at all, and was stored.
 */
export const EachObject = (): PropertyDecorator => IsObject({ each: true, message: 'each element must be an object' });
