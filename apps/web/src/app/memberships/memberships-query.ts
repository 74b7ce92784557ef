import { ParamMap, Params } from '@angular/router';
import {
  ListMembershipsQuery,
  MEMBERSHIP_SORTS,
  MEMBERSHIP_STATUSES,
  MembershipSortField,
  MembershipStatus,
  Province,
  SortParam,
  isProvince,
} from '@coopera/domain';

export const MEMBERSHIPS_PAGE_SIZE = 20;

/** The status tab: one status, or every one. */
export type StatusFilter = MembershipStatus | 'ALL';
export const STATUS_FILTERS: readonly StatusFilter[] = [...MEMBERSHIP_STATUSES, 'ALL'];
/** The queue opens on what waits for a decision. */
export const DEFAULT_STATUS: StatusFilter = 'REQUESTED';

export type MembershipSort = SortParam<MembershipSortField>;
/** Oldest request first: a queue is served in order of arrival. */
export const DEFAULT_MEMBERSHIP_SORT: MembershipSort = 'requestedAt';
/** The orders the sort select offers (a subset of MEMBERSHIP_SORTS that reads well). */
export const SORT_CHOICES: readonly MembershipSort[] = ['requestedAt', '-requestedAt', '-updatedAt', 'comune', '-comune', 'status'];

/** The queue's view state, all of it kept in the URL's query string. */
export interface MembershipsQuery {
  page: number;
  status: StatusFilter;
  sort: MembershipSort;
  q?: string;
  province?: Province;
}

function positiveInteger(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

function isStatusFilter(value: unknown): value is StatusFilter {
  return typeof value === 'string' && (STATUS_FILTERS as readonly string[]).includes(value);
}

function isSort(value: unknown): value is MembershipSort {
  return typeof value === 'string' && (MEMBERSHIP_SORTS as readonly string[]).includes(value);
}

/** Reads the view state from the URL; anything malformed falls back to its default. */
export function parseMembershipsQuery(params: ParamMap): MembershipsQuery {
  const status = params.get('status');
  const sort = params.get('sort');
  const province = params.get('province');
  const q = params.get('q')?.trim();
  return {
    page: positiveInteger(params.get('page')) ?? 1,
    status: isStatusFilter(status) ? status : DEFAULT_STATUS,
    sort: isSort(sort) ? sort : DEFAULT_MEMBERSHIP_SORT,
    ...(q ? { q } : {}),
    ...(isProvince(province) ? { province } : {}),
  };
}

/** The URL's query string for a state: defaults are left out, so that URLs stay short. */
export function toMembershipsQueryParams(query: MembershipsQuery): Params {
  return {
    status: query.status === DEFAULT_STATUS ? null : query.status,
    q: query.q || null,
    province: query.province ?? null,
    sort: query.sort === DEFAULT_MEMBERSHIP_SORT ? null : query.sort,
    page: query.page > 1 ? query.page : null,
  };
}

export function sameMembershipsQuery(a: MembershipsQuery, b: MembershipsQuery): boolean {
  return a.page === b.page && a.status === b.status && a.sort === b.sort && a.q === b.q && a.province === b.province;
}

/** What the API is asked for: "all" means no status filter. */
export function toListMembershipsQuery(query: MembershipsQuery): ListMembershipsQuery {
  return {
    page: query.page,
    pageSize: MEMBERSHIPS_PAGE_SIZE,
    sort: query.sort,
    ...(query.status === 'ALL' ? {} : { status: query.status }),
    ...(query.q ? { q: query.q } : {}),
    ...(query.province ? { province: query.province } : {}),
  };
}
