import { convertToParamMap } from '@angular/router';
import {
  attendanceExportParams,
  hasDashboardFilters,
  isCalendarDate,
  parseDashboardQuery,
  periodReversed,
  projectsExportParams,
  sameDashboardQuery,
  toDashboardQueryParams,
} from './dashboard-query';

describe('the dashboard filters in the URL', () => {
  it('reads province, category and period', () => {
    const query = parseDashboardQuery(convertToParamMap({ province: 'CT', category: 'MSNA', from: '2026-01-01', to: '2026-12-31' }));
    expect(query).toEqual({ province: 'CT', category: 'MSNA', from: '2026-01-01', to: '2026-12-31' });
  });

  it('leaves out anything malformed', () => {
    expect(parseDashboardQuery(convertToParamMap({ province: 'XX', category: 'msna', from: '2026-02-30', to: '31/12/2026' }))).toEqual({});
    expect(parseDashboardQuery(convertToParamMap({}))).toEqual({});
  });

  it('writes only the filters set, and removes the others from the address', () => {
    expect(toDashboardQueryParams({ province: 'CT', category: 'MSNA' })).toEqual({ province: 'CT', category: 'MSNA', from: null, to: null });
    const round = parseDashboardQuery(convertToParamMap({ province: 'PA', to: '2026-06-30' }));
    expect(toDashboardQueryParams(round)).toEqual({ province: 'PA', category: null, from: null, to: '2026-06-30' });
  });

  it('compares and describes filter sets', () => {
    expect(sameDashboardQuery({ province: 'CT' }, { province: 'CT' })).toBe(true);
    expect(sameDashboardQuery({ province: 'CT' }, { province: 'CT', category: 'MSNA' })).toBe(false);
    expect(hasDashboardFilters({})).toBe(false);
    expect(hasDashboardFilters({ to: '2026-01-01' })).toBe(true);
  });

  it('knows a period that ends before it starts', () => {
    expect(periodReversed({ from: '2026-05-01', to: '2026-04-30' })).toBe(true);
    expect(periodReversed({ from: '2026-05-01', to: '2026-05-01' })).toBe(false);
    expect(periodReversed({ from: '2026-05-01' })).toBe(false);
  });

  it('gives each export the filters its endpoint takes', () => {
    const query = { province: 'CT', category: 'MSNA', from: '2026-01-01', to: '2026-12-31' } as const;
    expect(attendanceExportParams(query)).toEqual({ province: 'CT', from: '2026-01-01', to: '2026-12-31' });
    expect(projectsExportParams(query)).toEqual({ province: 'CT', category: 'MSNA' });
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-2-1')).toBe(false);
  });
});
