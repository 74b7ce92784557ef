import { isCalendarDate, isDateTime } from './calendar-date.validator';

describe('calendar dates and date-times', () => {
  it('takes real days from year 1 on, and no year 0 (PostgreSQL has none)', () => {
    expect(['0001-01-01', '2024-02-29', '9999-12-31'].filter(isCalendarDate)).toHaveLength(3);
    expect(['0000-01-01', '2023-02-29', '2021-13-01', '2021-1-1'].filter(isCalendarDate)).toEqual([]);
  });

  it('takes RFC 3339 date-times with an offset and hours 00 to 23 only', () => {
    expect(['2021-12-07T09:45:00+01:00', '2021-12-07T23:59:59.999Z', '2021-12-07T00:00Z'].filter(isDateTime)).toHaveLength(3);
    expect(['2021-12-07T24:00:00Z', '2021-12-07T09:60Z', '2021-12-07T09:45:00', '0000-01-01T00:00:00Z'].filter(isDateTime)).toEqual([]);
  });
});
