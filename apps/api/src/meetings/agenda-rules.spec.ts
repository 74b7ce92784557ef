import { checkAgenda, inProgrammeOrder } from './agenda-rules';

// The founding webinar of 7 December 2021, 09:45–13:15 in Rome (UTC+1).
const meeting = { startsAt: '2021-12-07T08:45:00Z', endsAt: '2021-12-07T12:15:00Z' };
const item = (startsAt: string, durationMinutes: number | null = null) => ({ kind: 'TALK' as const, title: 'Intervento', startsAt, durationMinutes });

describe('the agenda of a meeting', () => {
  it('accepts a programme inside the meeting, in any order', () => {
    expect(checkAgenda(meeting, [item('2021-12-07T09:00:00Z', 15), item('2021-12-07T08:45:00Z'), item('2021-12-07T12:00:00Z', 15)])).toEqual([]);
  });

  it('refuses an item outside the meeting', () => {
    expect(checkAgenda(meeting, [item('2021-12-07T08:30:00Z'), item('2021-12-07T12:15:00Z')])).toEqual([
      { name: 'items.0.startsAt', reason: 'must fall within the meeting (2021-12-07T08:45:00Z – 2021-12-07T12:15:00Z)' },
      { name: 'items.1.startsAt', reason: 'must fall within the meeting (2021-12-07T08:45:00Z – 2021-12-07T12:15:00Z)' },
    ]);
  });

  it('refuses two items at the same time, and a duration running into the next item', () => {
    expect(checkAgenda(meeting, [item('2021-12-07T09:00:00Z'), item('2021-12-07T09:00:00Z')])).toEqual([
      { name: 'items.1.startsAt', reason: 'starts at the same time as item 0' },
    ]);
    expect(checkAgenda(meeting, [item('2021-12-07T09:30:00Z'), item('2021-12-07T09:00:00Z', 45)])).toEqual([
      { name: 'items.1.durationMinutes', reason: 'overlaps item 0, which starts at 2021-12-07T09:30:00Z' },
    ]);
  });

  it('refuses an item that ends after the meeting', () => {
    expect(checkAgenda(meeting, [item('2021-12-07T12:00:00Z', 30)])).toEqual([
      { name: 'items.0.durationMinutes', reason: 'ends after the meeting (2021-12-07T12:15:00Z)' },
    ]);
  });

  it('puts items in programme order', () => {
    expect(inProgrammeOrder([item('2021-12-07T10:00:00Z'), item('2021-12-07T09:00:00+00:00')]).map((i) => i.startsAt)).toEqual([
      '2021-12-07T09:00:00+00:00',
      '2021-12-07T10:00:00Z',
    ]);
  });
});
