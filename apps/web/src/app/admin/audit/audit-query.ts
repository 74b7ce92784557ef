import { ParamMap, Params } from '@angular/router';
import { ListAuditEventsQuery } from './audit-api.service';

export const AUDIT_PAGE_SIZE = 20;
export const AUDIT_TIME_ZONE = 'Europe/Rome';

/** The action categories the filter offers: each is a prefix of the API's `action` filter. */
export const AUDIT_CATEGORIES = ['auth.', 'user.'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

/** The actions with a readable label (`audit.actions.<action with _ for .>`); others show raw. */
export const KNOWN_AUDIT_ACTIONS: readonly string[] = [
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.denied',
  'auth.refresh.reused',
  'auth.totp.enabled',
  'user.create',
  'user.update',
  'user.activate',
  'user.password.change',
  'user.profile.update',
];

/** The view state, all of it kept in the URL's query string. Dates are `YYYY-MM-DD` in Rome. */
export interface AuditQuery {
  page: number;
  category?: AuditCategory;
  /** First day shown (inclusive). */
  from?: string;
  /** Last day shown (inclusive). */
  to?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCategory(value: unknown): value is AuditCategory {
  return typeof value === 'string' && (AUDIT_CATEGORIES as readonly string[]).includes(value);
}

export function isDate(value: string | null | undefined): value is string {
  const match = value ? DATE.exec(value) : null;
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function positiveInteger(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** Reads the view state from the URL; anything malformed is left out. */
export function parseAuditQuery(params: ParamMap): AuditQuery {
  const category = params.get('action');
  const from = params.get('from');
  const to = params.get('to');
  return {
    page: positiveInteger(params.get('page')) ?? 1,
    ...(isCategory(category) ? { category } : {}),
    ...(isDate(from) ? { from } : {}),
    ...(isDate(to) ? { to } : {}),
  };
}

export function sameAuditQuery(a: AuditQuery, b: AuditQuery): boolean {
  return a.page === b.page && a.category === b.category && a.from === b.from && a.to === b.to;
}

/** The URL's query string for a state: defaults are left out. */
export function toAuditQueryParams(query: AuditQuery): Params {
  return {
    page: query.page > 1 ? query.page : null,
    action: query.category ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
  };
}

/** Minutes `timeZone` is ahead of UTC at the instant `utcMillis`. */
function offsetMinutes(utcMillis: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMillis));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(utcMillis / 1000) * 1000) / 60_000);
}

/** The instant (RFC 3339, UTC) at which day `date` (`YYYY-MM-DD`) starts in `timeZone`, `days` later. */
export function startOfDay(date: string, timeZone = AUDIT_TIME_ZONE, days = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d + days);
  let instant = guess - offsetMinutes(guess, timeZone) * 60_000;
  // Around a DST change the offset at the guess may differ from the one at the result.
  instant = guess - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** What the API is asked for: the days in Rome become instants, `to` the day after (exclusive). */
export function toApiQuery(query: AuditQuery): ListAuditEventsQuery {
  return {
    page: query.page,
    pageSize: AUDIT_PAGE_SIZE,
    ...(query.category ? { action: query.category } : {}),
    ...(query.from ? { from: startOfDay(query.from) } : {}),
    ...(query.to ? { to: startOfDay(query.to, AUDIT_TIME_ZONE, 1) } : {}),
  };
}

/** The translation key of an action's label, or `null` when it has none (shown raw). */
export function actionLabelKey(action: string): string | null {
  return KNOWN_AUDIT_ACTIONS.includes(action) ? `audit.actions.${action.replace(/\./g, '_')}` : null;
}
