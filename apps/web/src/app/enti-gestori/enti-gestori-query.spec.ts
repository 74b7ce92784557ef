import { convertToParamMap } from '@angular/router';
import {
  DEFAULT_ENTI_QUERY,
  ENTI_PAGE_SIZE,
  looksLikeTaxCode,
  parseEntiGestoriQuery,
  sameEntiQuery,
  toEntiQueryParams,
  toListRequest,
} from './enti-gestori-query';

describe('enti gestori view state in the URL', () => {
  it('reads valid parameters and drops malformed ones', () => {
    expect(parseEntiGestoriQuery(convertToParamMap({ page: '2', sort: '-projectCount', q: ' pellicano ', proposed: 'true' }))).toEqual({
      page: 2,
      sort: '-projectCount',
      q: 'pellicano',
      proposed: true,
    });
    expect(parseEntiGestoriQuery(convertToParamMap({ page: '0', sort: 'seat', q: '  ', proposed: 'yes' }))).toEqual(DEFAULT_ENTI_QUERY);
  });

  it('writes only what differs from the defaults, and round-trips', () => {
    expect(toEntiQueryParams(DEFAULT_ENTI_QUERY)).toEqual({});
    const query = { page: 3, sort: 'taxCode', q: 'coop', proposed: true } as const;
    const params = Object.fromEntries(Object.entries(toEntiQueryParams(query)).map(([k, v]) => [k, String(v)]));
    expect(params).toEqual({ q: 'coop', proposed: 'true', sort: 'taxCode', page: '3' });
    expect(parseEntiGestoriQuery(convertToParamMap(params))).toEqual(query);
    expect(sameEntiQuery(query, { ...query })).toBe(true);
    expect(sameEntiQuery(query, { ...query, proposed: undefined })).toBe(false);
  });

  it('recognizes a whole partita IVA or codice fiscale, spaces and case aside', () => {
    expect(looksLikeTaxCode('02118311006')).toBe(true);
    expect(looksLikeTaxCode(' 021 1831 1006 ')).toBe(true);
    expect(looksLikeTaxCode('rssmra85t10a562s')).toBe(true);
    expect(looksLikeTaxCode('0211831')).toBe(false);
    expect(looksLikeTaxCode('Cooperativa sociale')).toBe(false);
    expect(looksLikeTaxCode('COOPERATIVASOCIA')).toBe(false); // 16 letters: a name, not a code
  });

  it('sends a whole tax code to the exact filter and any other text to the search', () => {
    expect(toListRequest({ ...DEFAULT_ENTI_QUERY, q: '021 1831 1006' })).toEqual({
      page: 1,
      pageSize: ENTI_PAGE_SIZE,
      sort: 'name',
      taxCode: '02118311006',
    });
    expect(toListRequest({ page: 2, sort: '-name', q: 'pellicano', proposed: true })).toEqual({
      page: 2,
      pageSize: ENTI_PAGE_SIZE,
      sort: '-name',
      q: 'pellicano',
      proposed: true,
    });
  });
});
