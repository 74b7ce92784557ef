import { ParamMap, Params } from '@angular/router';
import { AUDIT_ACTIONS, AUDIT_CATEGORIES, AUDIT_ENTITY_TYPES, AuditCategory, AuditEntityType } from '@coopera/domain';
import { ListAuditEventsQuery } from './audit-api.service';

export const AUDIT_PAGE_SIZE = 20;
export const AUDIT_TIME_ZONE = 'Europe/Rome';

/** The view state, all of it kept in the URL's query string. Dates are `YYYY-MM-DD` in Rome. */
export interface AuditQuery {
  page: number;
  category?: AuditCategory;
  /** Who acted (an account's id). */
  actorId?: string;
  /** The Comune the event concerns. */
  comuneId?: string;
  entityType?: AuditEntityType;
  /** One record: its whole history (with `entityType`). */
  entityId?: string;
  /** First day shown (inclusive). */
  from?: string;
  /** Last day shown (inclusive). */
  to?: string;
}

/** The filters, each by its name in the URL; `page` is not one of them. */
const FILTERS = ['category', 'actorId', 'comuneId', 'entityType', 'entityId', 'from', 'to'] as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCategory(value: unknown): value is AuditCategory {
  return typeof value === 'string' && (AUDIT_CATEGORIES as readonly string[]).includes(value);
}

export function isEntityType(value: unknown): value is AuditEntityType {
  return typeof value === 'string' && (AUDIT_ENTITY_TYPES as readonly string[]).includes(value);
}

function isUuid(value: string | null): value is string {
  return value !== null && UUID.test(value);
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
  // `auth.` is the API's spelling of the prefix: accept it from a pasted address too.
  const category = params.get('action')?.replace(/\.$/, '');
  const actorId = params.get('actorId');
  const comuneId = params.get('comuneId');
  const entityType = params.get('entityType');
  const entityId = params.get('entityId');
  const from = params.get('from');
  const to = params.get('to');
  return {
    page: positiveInteger(params.get('page')) ?? 1,
    ...(isCategory(category) ? { category } : {}),
    ...(isUuid(actorId) ? { actorId } : {}),
    ...(isUuid(comuneId) ? { comuneId } : {}),
    ...(isEntityType(entityType) ? { entityType } : {}),
    // A record's history needs its type: an id alone would not say which table it is in.
    ...(isEntityType(entityType) && isUuid(entityId) ? { entityId } : {}),
    ...(isDate(from) ? { from } : {}),
    ...(isDate(to) ? { to } : {}),
  };
}

export function sameAuditQuery(a: AuditQuery, b: AuditQuery): boolean {
  return a.page === b.page && FILTERS.every((name) => a[name] === b[name]);
}

export function hasAuditFilters(query: AuditQuery): boolean {
  return FILTERS.some((name) => query[name] !== undefined);
}

/** The state without any filter, on the first page. */
export const NO_AUDIT_FILTERS: AuditQuery = { page: 1 };

/** The URL's query string for a state: defaults are left out. */
export function toAuditQueryParams(query: AuditQuery): Params {
  return {
    page: query.page > 1 ? query.page : null,
    action: query.category ?? null,
    actorId: query.actorId ?? null,
    comuneId: query.comuneId ?? null,
    entityType: query.entityType ?? null,
    entityId: (query.entityType && query.entityId) || null,
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
    ...(query.category ? { action: `${query.category}.` } : {}),
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.comuneId ? { comuneId: query.comuneId } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityType && query.entityId ? { entityId: query.entityId } : {}),
    ...(query.from ? { from: startOfDay(query.from) } : {}),
    ...(query.to ? { to: startOfDay(query.to, AUDIT_TIME_ZONE, 1) } : {}),
  };
}

/** The translation key of an action's label, or `null` when it has none (shown raw). */
export function actionLabelKey(action: string): string | null {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? `audit.actions.${i18nKey(action)}` : null;
}

/** A name as a translation key: dots would nest, hyphens read badly (`ente-gestore.update` → `enteGestore_update`). */
export function i18nKey(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()).replace(/\./g, '_');
}

/** Where a record of the trail can be opened in the portal, when it has a page of its own. */
export function entityLink(entityType: string | null, entityId: string | null): string[] | null {
  if (!entityId) return null;
  switch (entityType) {
    case 'comune':
      return ['/comuni', entityId];
    case 'ente-gestore':
      return ['/enti-gestori', entityId];
    case 'project':
      return ['/progetti', entityId];
    case 'membership':
      return ['/adesioni', entityId];
    case 'working-group':
      return ['/gruppi-di-lavoro', entityId];
    case 'meeting':
      return ['/incontri', entityId];
    case 'practice':
      return ['/buone-pratiche', entityId];
    default:
      return null; // accounts are edited in a dialog; invitations live on their meeting's page
  }
}
