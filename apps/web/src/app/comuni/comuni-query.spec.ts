import { convertToParamMap } from '@angular/router';
import { DEFAULT_COMUNI_QUERY, pageWindow, parseComuniQuery, sameQuery, toQueryParams } from './comuni-query';

describe('comuni view state in the URL', () => {
  it('reads valid parameters', () => {
    expect(
      parseComuniQuery(
        convertToParamMap({ page: '3', pageSize: '50', sort: '-province', q: ' enna ', province: 'EN', kind: 'LIBERO_CONSORZIO' }),
      ),
    ).toEqual({ page: 3, pageSize: 50, sort: '-province', q: 'enna', province: 'EN', kind: 'LIBERO_CONSORZIO' });
  });

  it('reads the membership filter (NONE included) and the projects switch', () => {
    expect(parseComuniQuery(convertToParamMap({ membership: 'NONE', withProjects: 'true' }))).toEqual({
      ...DEFAULT_COMUNI_QUERY,
      membership: 'NONE',
      withProjects: true,
    });
    expect(parseComuniQuery(convertToParamMap({ membership: 'ACTIVE', withProjects: '1' }))).toEqual({
      ...DEFAULT_COMUNI_QUERY,
      membership: 'ACTIVE',
    });
    expect(parseComuniQuery(convertToParamMap({ membership: 'active' }))).toEqual(DEFAULT_COMUNI_QUERY);
    expect(toQueryParams({ ...DEFAULT_COMUNI_QUERY, membership: 'SUSPENDED', withProjects: true, sort: '-postiTotal' })).toEqual({
      membership: 'SUSPENDED',
      withProjects: 'true',
      sort: '-postiTotal',
    });
  });

  it('tells queries apart by every filter', () => {
    expect(sameQuery(DEFAULT_COMUNI_QUERY, { ...DEFAULT_COMUNI_QUERY, membership: 'NONE' })).toBe(false);
    expect(sameQuery(DEFAULT_COMUNI_QUERY, { ...DEFAULT_COMUNI_QUERY, withProjects: true })).toBe(false);
    expect(sameQuery(DEFAULT_COMUNI_QUERY, { ...DEFAULT_COMUNI_QUERY, withProjects: false })).toBe(true);
  });

  it('falls back to defaults for malformed or unknown values', () => {
    expect(
      parseComuniQuery(
        convertToParamMap({ page: '0', pageSize: '101', sort: 'population;drop', q: '  ', province: 'RM', kind: 'REGIONE' }),
      ),
    ).toEqual(DEFAULT_COMUNI_QUERY);
    expect(parseComuniQuery(convertToParamMap({ page: '2.5', pageSize: '-1' }))).toEqual(DEFAULT_COMUNI_QUERY);
  });

  it('writes only what differs from the defaults', () => {
    expect(toQueryParams(DEFAULT_COMUNI_QUERY)).toEqual({});
    expect(toQueryParams({ ...DEFAULT_COMUNI_QUERY, page: 2, sort: '-name', province: 'PA' })).toEqual({
      page: 2,
      sort: '-name',
      province: 'PA',
    });
  });

  it('round-trips through the URL', () => {
    const query = {
      page: 4,
      pageSize: 10,
      sort: 'istatCode',
      q: 'bagni',
      province: 'SR',
      kind: 'COMUNE',
      membership: 'WITHDRAWN',
      withProjects: true,
    } as const;
    const params = Object.fromEntries(Object.entries(toQueryParams(query)).map(([k, v]) => [k, String(v)]));
    expect(parseComuniQuery(convertToParamMap(params))).toEqual(query);
  });

  it('shows first, last and the pages around the current one', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageWindow(10, 20)).toEqual([1, 'gap', 8, 9, 10, 11, 12, 'gap', 20]);
    expect(pageWindow(20, 20)).toEqual([1, 'gap', 18, 19, 20]);
    expect(pageWindow(4, 20)).toEqual([1, 2, 3, 4, 5, 6, 'gap', 20]);
  });
});
