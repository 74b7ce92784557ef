import { registerDecorator } from 'class-validator';

/**
 * `YYYY-MM-DD` naming a real day (no 2026-02-30), as RFC 3339 full-date, from year 1: PostgreSQL
 * has no year 0 (it reached the database and failed there, a 500).
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function IsCalendarDate(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: isCalendarDate, defaultMessage: () => 'must be a date as YYYY-MM-DD' },
    });
}

/**
 * RFC 3339 date-time with its offset (`Z` or `±hh:mm`): a moment, never a local time of unknown
 * zone. Hours 00–23 (JavaScript reads 24:00 as the next midnight, RFC 3339 has no such time).
 */
export function isDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    isCalendarDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

export function IsDateTime(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateTime',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: isDateTime, defaultMessage: () => 'must be an RFC 3339 date-time with its offset, e.g. 2021-12-07T09:45:00+01:00' },
    });
}
