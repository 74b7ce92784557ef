import { convertToParamMap } from '@angular/router';
import { membershipsQueryParams } from './memberships-api.service';
import { parseMembershipsQuery, toListMembershipsQuery, toMembershipsQueryParams } from './memberships-query';

describe('memberships queue query', () => {
  it('opens on the requests to decide, oldest first', () => {
    const query = parseMembershipsQuery(convertToParamMap({}));
    expect(query).toEqual({ page: 1, status: 'REQUESTED', sort: 'requestedAt' });
    expect(toListMembershipsQuery(query)).toEqual({ page: 1, pageSize: 20, sort: 'requestedAt', status: 'REQUESTED' });
    expect(toMembershipsQueryParams(query)).toEqual({ status: null, q: null, province: null, sort: null, page: null });
  });

  it('reads every filter from the URL and drops malformed ones', () => {
    expect(parseMembershipsQuery(convertToParamMap({ status: 'ALL', q: ' Noto ', province: 'SR', sort: '-comune', page: '3' }))).toEqual({
      page: 3,
      status: 'ALL',
      sort: '-comune',
      q: 'Noto',
      province: 'SR',
    });
    expect(parseMembershipsQuery(convertToParamMap({ status: 'DONE', province: 'XX', sort: 'name', page: '0' }))).toEqual({
      page: 1,
      status: 'REQUESTED',
      sort: 'requestedAt',
    });
  });

  it('asks the API for every status when the tab is "all"', () => {
    const query = parseMembershipsQuery(convertToParamMap({ status: 'ALL', province: 'PA' }));
    const params = membershipsQueryParams(toListMembershipsQuery(query));
    expect(params.keys()).toEqual(['page', 'pageSize', 'sort', 'province']);
    expect(toMembershipsQueryParams(query)).toEqual({ status: 'ALL', q: null, province: 'PA', sort: null, page: null });
  });
});
