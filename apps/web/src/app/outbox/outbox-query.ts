import { ParamMap, Params } from '@angular/router';
import { OUTBOX_STATUSES, OutboxCounts, OutboxStatus } from '@coopera/domain';

export const OUTBOX_PAGE_SIZE = 20;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The outbox list's view state, all of it kept in the URL's query string. */
export interface OutboxQuery {
  page: number;
  status?: OutboxStatus;
  /** Only the messages about one meeting (the meeting page links here). */
  meetingId?: string;
}

/** What `GET /api/v1/outbox` is asked. */
export interface OutboxApiQuery {
  page: number;
  pageSize: number;
  status?: OutboxStatus;
  meetingId?: string;
}

export function isOutboxStatus(value: unknown): value is OutboxStatus {
  return typeof value === 'string' && (OUTBOX_STATUSES as readonly string[]).includes(value);
}

function positiveInteger(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** Reads the view state from the URL; anything malformed falls back to its default. */
export function parseOutboxQuery(params: ParamMap): OutboxQuery {
  const status = params.get('status');
  const meetingId = params.get('meetingId')?.trim();
  return {
    page: positiveInteger(params.get('page')) ?? 1,
    ...(isOutboxStatus(status) ? { status } : {}),
    ...(meetingId && UUID_PATTERN.test(meetingId) ? { meetingId: meetingId.toLowerCase() } : {}),
  };
}

/** The URL's query string for a state: defaults are left out. */
export function toOutboxQueryParams(query: OutboxQuery): Params {
  return {
    status: query.status ?? null,
    meetingId: query.meetingId ?? null,
    page: query.page > 1 ? query.page : null,
  };
}

export function sameOutboxQuery(a: OutboxQuery, b: OutboxQuery): boolean {
  return a.page === b.page && a.status === b.status && a.meetingId === b.meetingId;
}

export function toOutboxApiQuery(query: OutboxQuery): OutboxApiQuery {
  return {
    page: query.page,
    pageSize: OUTBOX_PAGE_SIZE,
    ...(query.status ? { status: query.status } : {}),
    ...(query.meetingId ? { meetingId: query.meetingId } : {}),
  };
}

/** The count of one status in the overview (`PENDING` → `counts.pending`). */
export function countOf(counts: OutboxCounts, status: OutboxStatus): number {
  return counts[status.toLowerCase() as keyof OutboxCounts];
}

/** Every message, whatever its status. */
export function totalOf(counts: OutboxCounts): number {
  return counts.pending + counts.sent + counts.failed + counts.skipped;
}
