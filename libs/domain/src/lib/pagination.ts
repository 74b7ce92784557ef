export const PAGE_SIZE_MIN = 1;
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;

/** The envelope of every list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A sort parameter: a field name, descending when prefixed with `-`. */
export type SortParam<F extends string> = F | `-${F}`;
