import { ParamMap, Params } from '@angular/router';
import {
  COMUNE_KINDS,
  COMUNE_SORTS,
  ComuneKind,
  ComuneSortField,
  MEMBERSHIP_STATUSES,
  MembershipStatus,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  PAGE_SIZE_MIN,
  Province,
  SortParam,
  isProvince,
} from '@coopera/domain';

export type ComuneSort = SortParam<ComuneSortField>;
/** A membership filter: a status, or NONE for the Comuni that never asked to join. */
export type MembershipFilter = MembershipStatus | 'NONE';
export const MEMBERSHIP_FILTERS: readonly MembershipFilter[] = [...MEMBERSHIP_STATUSES, 'NONE'];

/** The directory view's state, all of it kept in the URL's query string. */
export interface ComuniQuery {
  page: number;
  pageSize: number;
  sort: ComuneSort;
  q?: string;
  province?: Province;
  kind?: ComuneKind;
  membership?: MembershipFilter;
  /** Only the titolari of open SAI projects. */
  withProjects?: boolean;
}

export const DEFAULT_SORT: ComuneSort = 'name';
export const PAGE_SIZE_CHOICES: readonly number[] = [10, 20, 50, 100];
export const DEFAULT_COMUNI_QUERY: ComuniQuery = { page: 1, pageSize: PAGE_SIZE_DEFAULT, sort: DEFAULT_SORT };

function positiveInteger(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

function isSort(value: unknown): value is ComuneSort {
  return typeof value === 'string' && (COMUNE_SORTS as readonly string[]).includes(value);
}

function isKind(value: unknown): value is ComuneKind {
  return typeof value === 'string' && (COMUNE_KINDS as readonly string[]).includes(value);
}

export function isMembershipFilter(value: unknown): value is MembershipFilter {
  return typeof value === 'string' && (MEMBERSHIP_FILTERS as readonly string[]).includes(value);
}

/** Reads the view state from the URL; anything malformed falls back to its default. */
export function parseComuniQuery(params: ParamMap): ComuniQuery {
  const pageSize = positiveInteger(params.get('pageSize'));
  const sort = params.get('sort');
  const province = params.get('province');
  const kind = params.get('kind');
  const membership = params.get('membership');
  const q = params.get('q')?.trim();
  return {
    page: positiveInteger(params.get('page')) ?? DEFAULT_COMUNI_QUERY.page,
    pageSize:
      pageSize !== undefined && pageSize >= PAGE_SIZE_MIN && pageSize <= PAGE_SIZE_MAX
        ? pageSize
        : DEFAULT_COMUNI_QUERY.pageSize,
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    ...(q ? { q } : {}),
    ...(isProvince(province) ? { province } : {}),
    ...(isKind(kind) ? { kind } : {}),
    ...(isMembershipFilter(membership) ? { membership } : {}),
    ...(params.get('withProjects') === 'true' ? { withProjects: true } : {}),
  };
}

/** Writes the view state to query params, leaving out defaults so that URLs stay short. */
export function toQueryParams(query: ComuniQuery): Params {
  const params: Params = {};
  if (query.q) params['q'] = query.q;
  if (query.province) params['province'] = query.province;
  if (query.kind) params['kind'] = query.kind;
  if (query.membership) params['membership'] = query.membership;
  if (query.withProjects) params['withProjects'] = 'true';
  if (query.sort !== DEFAULT_SORT) params['sort'] = query.sort;
  if (query.pageSize !== DEFAULT_COMUNI_QUERY.pageSize) params['pageSize'] = query.pageSize;
  if (query.page !== DEFAULT_COMUNI_QUERY.page) params['page'] = query.page;
  return params;
}

export function sameQuery(a: ComuniQuery, b: ComuniQuery): boolean {
  return (
    a.page === b.page &&
    a.pageSize === b.pageSize &&
    a.sort === b.sort &&
    a.q === b.q &&
    a.province === b.province &&
    a.kind === b.kind &&
    a.membership === b.membership &&
    Boolean(a.withProjects) === Boolean(b.withProjects)
  );
}

/** The page links to show: the first, the last, and a window around the current page. */
export function pageWindow(current: number, pages: number, radius = 2): (number | 'gap')[] {
  const shown = new Set<number>([1, pages]);
  for (let p = current - radius; p <= current + radius; p++) {
    if (p >= 1 && p <= pages) shown.add(p);
  }
  const sorted = [...shown].filter((p) => p >= 1).sort((a, b) => a - b);
  const result: (number | 'gap')[] = [];
  sorted.forEach((p, i) => {
    const gap = i > 0 ? p - sorted[i - 1] - 1 : 0;
    if (gap === 1) result.push(p - 1); // an ellipsis for a single page would hide nothing
    else if (gap > 1) result.push('gap');
    result.push(p);
  });
  return result;
}
