import { ParamMap, Params } from '@angular/router';
import { ListPracticesQuery, PRACTICE_KINDS, PRACTICE_LIMITS, PRACTICE_SORTS, PracticeKind, PracticeSort } from '@coopera/domain';

export const PRACTICES_PAGE_SIZE = 10;

/** The orders the list offers; with a search, relevance comes first and is the default. */
export const SORT_CHOICES: readonly PracticeSort[] = ['relevance', '-createdAt', 'createdAt', 'title', '-title'];

/** The library's view state, all of it kept in the URL's query string. */
export interface PracticesQuery {
  page: number;
  q?: string;
  kind?: PracticeKind;
  tag?: string;
  /** Left out: the API's default (relevance with a search, else newest first). */
  sort?: PracticeSort;
}

export function isPracticeKind(value: unknown): value is PracticeKind {
  return typeof value === 'string' && (PRACTICE_KINDS as readonly string[]).includes(value);
}

export function isPracticeSort(value: unknown): value is PracticeSort {
  return typeof value === 'string' && (PRACTICE_SORTS as readonly string[]).includes(value);
}

function positiveInteger(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** A tag as the API compares them: trimmed, lower case, single spaces. */
export function normaliseTag(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Reads the view state from the URL; anything malformed is left out. */
export function parsePracticesQuery(params: ParamMap): PracticesQuery {
  const q = params.get('q')?.trim().slice(0, PRACTICE_LIMITS.query);
  const kind = params.get('kind');
  const tag = normaliseTag(params.get('tag') ?? '').slice(0, PRACTICE_LIMITS.tag);
  const sort = params.get('sort');
  return {
    page: positiveInteger(params.get('page')) ?? 1,
    ...(q ? { q } : {}),
    ...(isPracticeKind(kind) ? { kind } : {}),
    ...(tag ? { tag } : {}),
    // Relevance means something only with words to find.
    ...(isPracticeSort(sort) && (sort !== 'relevance' || q) ? { sort } : {}),
  };
}

/** The URL's query string for a state: unset values and the first page are left out. */
export function toPracticesQueryParams(query: PracticesQuery): Params {
  return {
    q: query.q || null,
    kind: query.kind ?? null,
    tag: query.tag || null,
    sort: query.sort ?? null,
    page: query.page > 1 ? query.page : null,
  };
}

export function samePracticesQuery(a: PracticesQuery, b: PracticesQuery): boolean {
  return a.page === b.page && a.q === b.q && a.kind === b.kind && a.tag === b.tag && a.sort === b.sort;
}

export function hasPracticeFilters(query: PracticesQuery): boolean {
  return Boolean(query.q || query.kind || query.tag);
}

/** What `GET /api/v1/practices` is asked. */
export function toListPracticesQuery(query: PracticesQuery): ListPracticesQuery {
  return {
    page: query.page,
    pageSize: PRACTICES_PAGE_SIZE,
    ...(query.q ? { q: query.q } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.sort ? { sort: query.sort } : {}),
  };
}

/** The sort the list is in: the one chosen, else the API's default. */
export function effectiveSort(query: PracticesQuery): PracticeSort {
  return query.sort ?? (query.q ? 'relevance' : '-createdAt');
}
