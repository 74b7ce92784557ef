import { convertToParamMap } from '@angular/router';
import { effectiveSort, hasPracticeFilters, normaliseTag, parsePracticesQuery, samePracticesQuery, toListPracticesQuery, toPracticesQueryParams } from './practices-query';

describe('the library view in the URL', () => {
  it('reads search, kind, tag, order and page', () => {
    const query = parsePracticesQuery(convertToParamMap({ q: ' tirocinio ', kind: 'BUONA_PRATICA', tag: ' Rete  Territoriale ', sort: 'title', page: '2' }));
    expect(query).toEqual({ page: 2, q: 'tirocinio', kind: 'BUONA_PRATICA', tag: 'rete territoriale', sort: 'title' });
  });

  it('leaves out what is malformed, and relevance without a search', () => {
    expect(parsePracticesQuery(convertToParamMap({ kind: 'ALTRO', sort: 'popularity', page: '0' }))).toEqual({ page: 1 });
    expect(parsePracticesQuery(convertToParamMap({ sort: 'relevance' }))).toEqual({ page: 1 });
    expect(parsePracticesQuery(convertToParamMap({ q: 'msna', sort: 'relevance' }))).toEqual({ page: 1, q: 'msna', sort: 'relevance' });
  });

  it('writes short addresses and reads them back', () => {
    const query = { page: 1, q: 'tirocinio', tag: 'lavoro' };
    const params = toPracticesQueryParams(query);
    expect(params).toEqual({ q: 'tirocinio', kind: null, tag: 'lavoro', sort: null, page: null });
    const back = parsePracticesQuery(convertToParamMap(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null))));
    expect(samePracticesQuery(back, query)).toBe(true);
  });

  it('asks the API with the page size and only the filters set', () => {
    expect(toListPracticesQuery({ page: 3, kind: 'STRUMENTO' })).toEqual({ page: 3, pageSize: 10, kind: 'STRUMENTO' });
  });

  it('knows the order the API applies by default', () => {
    expect(effectiveSort({ page: 1 })).toBe('-createdAt');
    expect(effectiveSort({ page: 1, q: 'msna' })).toBe('relevance');
    expect(effectiveSort({ page: 1, q: 'msna', sort: 'title' })).toBe('title');
    expect(hasPracticeFilters({ page: 4 })).toBe(false);
    expect(hasPracticeFilters({ page: 1, tag: 'lavoro' })).toBe(true);
  });

  it('normalises tags as the API does', () => {
    expect(normaliseTag('  Inserimento   Lavorativo ')).toBe('inserimento lavorativo');
  });
});
