import { isRomeDate, meetingWhen, programmeTime, rfc3339ToRome, romeOffsetMinutes, romeToEpoch, romeToRfc3339, romeToday } from './rome-time';

describe('Rome time', () => {
  it('writes a winter time with +01:00: 7 Dec 2021 09:45 in Rome is 08:45 UTC', () => {
    const text = romeToRfc3339({ date: '2021-12-07', time: '09:45' });
    expect(text).toBe('2021-12-07T09:45:00+01:00');
    expect(new Date(text ?? '').toISOString()).toBe('2021-12-07T08:45:00.000Z');
  });

  it('writes a summer time with +02:00: 15 Jul 2026 10:00 in Rome is 08:00 UTC', () => {
    expect(romeToRfc3339({ date: '2026-07-15', time: '10:00' })).toBe('2026-07-15T10:00:00+02:00');
    expect(romeToEpoch({ date: '2026-07-15', time: '10:00' })).toBe(Date.parse('2026-07-15T08:00:00Z'));
  });

  it('follows the clock changes on their own day (last Sundays of March and October)', () => {
    // 29 March 2026: clocks go 02:00 → 03:00. Before it winter, after it summer.
    expect(romeToRfc3339({ date: '2026-03-29', time: '01:30' })).toBe('2026-03-29T01:30:00+01:00');
    expect(romeToRfc3339({ date: '2026-03-29', time: '09:00' })).toBe('2026-03-29T09:00:00+02:00');
    // 25 October 2026: clocks go 03:00 → 02:00; the morning is winter time again.
    expect(romeToRfc3339({ date: '2026-10-25', time: '09:00' })).toBe('2026-10-25T09:00:00+01:00');
    expect(romeToRfc3339({ date: '2026-10-24', time: '09:00' })).toBe('2026-10-24T09:00:00+02:00');
  });

  it('reads instants back as Rome wall time, whatever their offset', () => {
    expect(rfc3339ToRome('2021-12-07T08:45:00Z')).toEqual({ date: '2021-12-07', time: '09:45' });
    expect(rfc3339ToRome('2026-07-15T08:00:00.000Z')).toEqual({ date: '2026-07-15', time: '10:00' });
    expect(rfc3339ToRome('2026-12-31T23:30:00Z')).toEqual({ date: '2027-01-01', time: '00:30' });
    expect(romeOffsetMinutes(Date.parse('2026-01-10T12:00:00Z'))).toBe(60);
    expect(romeOffsetMinutes(Date.parse('2026-06-10T12:00:00Z'))).toBe(120);
  });

  it('round-trips every quarter of an hour of a summer and a winter day', () => {
    for (const date of ['2026-08-03', '2026-02-03']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        expect(rfc3339ToRome(romeToRfc3339({ date, time }) ?? '')).toEqual({ date, time });
      }
    }
  });

  it('refuses malformed dates and times', () => {
    expect(romeToRfc3339({ date: '2026-02-30', time: '10:00' })).toBeNull();
    expect(romeToRfc3339({ date: '2026-02-10', time: '24:00' })).toBeNull();
    expect(romeToRfc3339({ date: '', time: '10:00' })).toBeNull();
    expect(isRomeDate('2028-02-29')).toBe(true);
  });

  it('shows a meeting as the announcement would: day, date and times in Rome', () => {
    expect(meetingWhen('2021-12-07T08:45:00Z', '2021-12-07T12:15:00Z', 'it-IT')).toBe('mar 7 dic 2021, 9:45–13:15');
    expect(meetingWhen('2026-07-15T08:00:00Z', '2026-07-15T10:30:00Z', 'it-IT')).toBe('mer 15 lug 2026, 10:00–12:30');
    expect(meetingWhen('2026-07-15T08:00:00Z', '2026-07-16T10:30:00Z', 'it-IT')).toBe('mer 15 lug 2026, 10:00 – gio 16 lug 2026, 12:30');
    expect(programmeTime('2021-12-07T08:45:00Z', 'it-IT')).toBe('9.45');
    expect(programmeTime('2021-12-07T09:00:00Z', 'it-IT')).toBe('10.00');
    expect(programmeTime('2021-12-07T09:00:00Z', 'en-GB')).toBe('10:00');
  });

  it("knows today's date in Rome, which is not UTC's just before midnight", () => {
    expect(romeToday(Date.parse('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });
});
