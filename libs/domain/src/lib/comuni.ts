import type { ComuneKind, Province } from './geography';
import type { SortParam } from './pagination';

/** The public directory record of a Comune (or other ente locale) of the network. */
export interface ComuneSummary {
  id: string;
  kind: ComuneKind;
  name: string;
  province: Province;
  /** ISTAT code: six digits for a Comune, three for a Libero Consorzio or Città metropolitana. */
  istatCode: string | null;
  codiceCatastale: string | null;
  population: number | null;
}

export const COMUNE_SORT_FIELDS = ['name', 'province', 'population', 'istatCode'] as const;
export type ComuneSortField = (typeof COMUNE_SORT_FIELDS)[number];
export const COMUNE_SORTS: readonly SortParam<ComuneSortField>[] = COMUNE_SORT_FIELDS.flatMap(
  (f) => [f, `-${f}`] as const,
);

export interface ListComuniQuery {
  page?: number;
  pageSize?: number;
  sort?: SortParam<ComuneSortField>;
  q?: string;
  province?: Province;
  kind?: ComuneKind;
}
