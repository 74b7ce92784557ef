import { ParamMap, Params } from '@angular/router';
import {
  ENTE_GESTORE_SORTS,
  EnteGestoreSortField,
  ListEntiGestoriQuery,
  PAGE_SIZE_DEFAULT,
  SortParam,
  normalizeTaxCode,
} from '@coopera/domain';

export type EnteGestoreSort = SortParam<EnteGestoreSortField>;

/** The register view's state, all of it kept in the URL's query string. */
export interface EntiGestoriQuery {
  page: number;
  sort: EnteGestoreSort;
  /** Name or tax code, as typed. */
  q?: string;
  /** Only the enti proposed by referents and not yet reviewed. */
  proposed?: boolean;
}

export const ENTI_DEFAULT_SORT: EnteGestoreSort = 'name';
export const ENTI_PAGE_SIZE = PAGE_SIZE_DEFAULT;
export const DEFAULT_ENTI_QUERY: EntiGestoriQuery = { page: 1, sort: ENTI_DEFAULT_SORT };

function positiveInteger(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

function isSort(value: unknown): value is EnteGestoreSort {
  return typeof value === 'string' && (ENTE_GESTORE_SORTS as readonly string[]).includes(value);
}

/** Reads the view state from the URL; anything malformed falls back to its default. */
export function parseEntiGestoriQuery(params: ParamMap): EntiGestoriQuery {
  const sort = params.get('sort');
  const q = params.get('q')?.trim();
  return {
    page: positiveInteger(params.get('page')) ?? 1,
    sort: isSort(sort) ? sort : ENTI_DEFAULT_SORT,
    ...(q ? { q } : {}),
    ...(params.get('proposed') === 'true' ? { proposed: true } : {}),
  };
}

/** Writes the view state to query params, leaving out defaults so that URLs stay short. */
export function toEntiQueryParams(query: EntiGestoriQuery): Params {
  const params: Params = {};
  if (query.q) params['q'] = query.q;
  if (query.proposed) params['proposed'] = 'true';
  if (query.sort !== ENTI_DEFAULT_SORT) params['sort'] = query.sort;
  if (query.page !== 1) params['page'] = query.page;
  return params;
}

export function sameEntiQuery(a: EntiGestoriQuery, b: EntiGestoriQuery): boolean {
  return a.page === b.page && a.sort === b.sort && a.q === b.q && Boolean(a.proposed) === Boolean(b.proposed);
}

/** A whole partita IVA (11 digits) or codice fiscale (16 letters and digits), spaces aside. */
export function looksLikeTaxCode(text: string): boolean {
  const code = normalizeTaxCode(text);
  return /^\d{11}$/.test(code) || (/^[A-Z0-9]{16}$/.test(code) && /\d/.test(code));
}

/**
 * The API request for a view: one search box serves both ways of looking an ente up, so a whole
 * tax code goes to the exact `taxCode` filter and anything else to the `q` text search.
 */
export function toListRequest(query: EntiGestoriQuery): ListEntiGestoriQuery {
  const request: ListEntiGestoriQuery = { page: query.page, pageSize: ENTI_PAGE_SIZE, sort: query.sort };
  if (query.q) {
    if (looksLikeTaxCode(query.q)) request.taxCode = normalizeTaxCode(query.q);
    else request.q = query.q;
  }
  if (query.proposed) request.proposed = true;
  return request;
}
