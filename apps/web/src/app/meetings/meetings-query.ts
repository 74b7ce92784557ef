import { ParamMap, Params } from '@angular/router';
import { ListMeetingsQuery, MEETING_STATUSES, MeetingStatus } from '@coopera/domain';

export const MEETINGS_PAGE_SIZE = 20;

/** Which meetings by time: still to end, already ended, or all of them. */
export const MEETING_PERIODS = ['upcoming', 'past', 'all'] as const;
export type MeetingPeriod = (typeof MEETING_PERIODS)[number];
export const DEFAULT_PERIOD: MeetingPeriod = 'upcoming';

/** The list's view state, all of it kept in the URL's query string. */
export interface MeetingsQuery {
  page: number;
  period: MeetingPeriod;
  status?: MeetingStatus;
  q?: string;
}

function positiveInteger(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

export function isMeetingStatus(value: unknown): value is MeetingStatus {
  return typeof value === 'string' && (MEETING_STATUSES as readonly string[]).includes(value);
}

export function isMeetingPeriod(value: unknown): value is MeetingPeriod {
  return typeof value === 'string' && (MEETING_PERIODS as readonly string[]).includes(value);
}

/** Reads the view state from the URL; anything malformed falls back to its default. */
export function parseMeetingsQuery(params: ParamMap): MeetingsQuery {
  const status = params.get('status');
  const period = params.get('period');
  const q = params.get('q')?.trim();
  return {
    page: positiveInteger(params.get('page')) ?? 1,
    period: isMeetingPeriod(period) ? period : DEFAULT_PERIOD,
    ...(isMeetingStatus(status) ? { status } : {}),
    ...(q ? { q } : {}),
  };
}

/** The URL's query string for a state: defaults are left out, so that URLs stay short. */
export function toMeetingsQueryParams(query: MeetingsQuery): Params {
  return {
    period: query.period === DEFAULT_PERIOD ? null : query.period,
    status: query.status ?? null,
    q: query.q || null,
    page: query.page > 1 ? query.page : null,
  };
}

export function sameMeetingsQuery(a: MeetingsQuery, b: MeetingsQuery): boolean {
  return a.page === b.page && a.period === b.period && a.status === b.status && a.q === b.q;
}

/**
 * What the API is asked for. Upcoming = not ended yet (`from` now), soonest first; past = started
 * before now (`to` now), latest first.
 */
export function toListMeetingsQuery(query: MeetingsQuery, now: Date): ListMeetingsQuery {
  const at = now.toISOString();
  return {
    page: query.page,
    pageSize: MEETINGS_PAGE_SIZE,
    sort: query.period === 'upcoming' ? 'startsAt' : '-startsAt',
    ...(query.period === 'upcoming' ? { from: at } : {}),
    ...(query.period === 'past' ? { to: at } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
}
