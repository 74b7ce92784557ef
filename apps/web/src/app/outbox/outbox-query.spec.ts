import { convertToParamMap } from '@angular/router';
import { countOf, parseOutboxQuery, sameOutboxQuery, toOutboxApiQuery, toOutboxQueryParams, totalOf } from './outbox-query';

const MEETING_ID = '0b6f7f0e-1d5c-4a8e-9b1e-000000000042';

describe('outbox query', () => {
  it('reads status, meeting and page from the URL', () => {
    expect(parseOutboxQuery(convertToParamMap({ status: 'FAILED', meetingId: MEETING_ID.toUpperCase(), page: '3' }))).toEqual({ page: 3, status: 'FAILED', meetingId: MEETING_ID });
  });

  it('drops what is malformed: unknown status, a meeting id that is no UUID, page 0', () => {
    expect(parseOutboxQuery(convertToParamMap({ status: 'failed', meetingId: 'abc', page: '0' }))).toEqual({ page: 1 });
    expect(parseOutboxQuery(convertToParamMap({}))).toEqual({ page: 1 });
  });

  it('writes short URLs: defaults left out', () => {
    expect(toOutboxQueryParams({ page: 1 })).toEqual({ status: null, meetingId: null, page: null });
    expect(toOutboxQueryParams({ page: 2, status: 'SENT', meetingId: MEETING_ID })).toEqual({ status: 'SENT', meetingId: MEETING_ID, page: 2 });
  });

  it('round-trips through the URL', () => {
    const query = { page: 4, status: 'PENDING' as const, meetingId: MEETING_ID };
    const params = Object.fromEntries(Object.entries(toOutboxQueryParams(query)).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]));
    expect(sameOutboxQuery(parseOutboxQuery(convertToParamMap(params)), query)).toBe(true);
  });

  it('asks the API for one page of 20, with the filters set', () => {
    expect(toOutboxApiQuery({ page: 2 })).toEqual({ page: 2, pageSize: 20 });
    expect(toOutboxApiQuery({ page: 1, status: 'SKIPPED', meetingId: MEETING_ID })).toEqual({ page: 1, pageSize: 20, status: 'SKIPPED', meetingId: MEETING_ID });
  });

  it('reads the count of each status and the total', () => {
    const counts = { pending: 1, sent: 5, failed: 2, skipped: 0 };
    expect(countOf(counts, 'PENDING')).toBe(1);
    expect(countOf(counts, 'SENT')).toBe(5);
    expect(countOf(counts, 'FAILED')).toBe(2);
    expect(countOf(counts, 'SKIPPED')).toBe(0);
    expect(totalOf(counts)).toBe(8);
  });
});
