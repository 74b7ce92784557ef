import { AgendaItem, ProblemDetails } from '@coopera/domain';
import { AgendaRow, agendaChanged, agendaErrorsFrom, itemsOf, moveRow, rowsOf, sortRows, suggestedTime, validateAgenda } from './agenda-model';

// The seed's webinar: 7 December 2021, 9:45–13:15 in Rome (08:45–12:15 UTC).
const FRAME = { startsAt: '2021-12-07T08:45:00.000Z', endsAt: '2021-12-07T12:15:00.000Z' };
// A summer meeting: 10:00–13:00 in Rome is 08:00–11:00 UTC.
const SUMMER = { startsAt: '2026-07-15T08:00:00.000Z', endsAt: '2026-07-15T11:00:00.000Z' };

function row(key: string, time: string, overrides: Partial<AgendaRow> = {}): AgendaRow {
  return { key, kind: 'OTHER', title: `Voce ${key}`, time, duration: '', speakers: [], ...overrides };
}

const SAVED: AgendaItem[] = [
  { id: 'a', kind: 'REGISTRATION', title: 'Registrazione partecipanti', startsAt: '2021-12-07T08:45:00.000Z', durationMinutes: null, speakers: [] },
  {
    id: 'b',
    kind: 'GREETINGS',
    title: 'Saluti istituzionali',
    startsAt: '2021-12-07T09:00:00.000Z',
    durationMinutes: 15,
    speakers: [{ name: 'Mario Emanuele Alvano', role: 'Segretario Generale', organisation: 'ANCI Sicilia' }],
  },
];

describe('agenda builder mapping', () => {
  it('reads the saved programme as rows in Rome time, and writes it back with the offset of the day', () => {
    const rows = rowsOf(SAVED);
    expect(rows.map((r) => [r.key, r.time, r.duration])).toEqual([
      ['a', '09:45', ''],
      ['b', '10:00', '15'],
    ]);
    expect(rows[1]?.speakers).toEqual([{ name: 'Mario Emanuele Alvano', role: 'Segretario Generale', organisation: 'ANCI Sicilia' }]);
    expect(itemsOf(rows, FRAME)).toEqual([
      { kind: 'REGISTRATION', title: 'Registrazione partecipanti', startsAt: '2021-12-07T09:45:00+01:00', durationMinutes: null, speakers: [] },
      {
        kind: 'GREETINGS',
        title: 'Saluti istituzionali',
        startsAt: '2021-12-07T10:00:00+01:00',
        durationMinutes: 15,
        speakers: [{ name: 'Mario Emanuele Alvano', role: 'Segretario Generale', organisation: 'ANCI Sicilia' }],
      },
    ]);
    expect(agendaChanged(SAVED, rows, FRAME)).toBe(false);
    expect(agendaChanged(SAVED, [rows[1] as AgendaRow], FRAME)).toBe(true);
  });

  it('uses summer time for a summer meeting and trims speakers (empty role and organisation are null)', () => {
    const items = itemsOf([row('x', '10:30', { speakers: [{ name: ' Angela Errore ', role: ' ', organisation: 'Comune di Palermo' }] })], SUMMER);
    expect(items[0]?.startsAt).toBe('2026-07-15T10:30:00+02:00');
    expect(items[0]?.speakers).toEqual([{ name: 'Angela Errore', role: null, organisation: 'Comune di Palermo' }]);
  });

  it('keeps rows in time order and moves an item by swapping start times with its neighbour', () => {
    const sorted = sortRows([row('c', '12:30'), row('a', '09:45'), row('b', '10:00')], FRAME);
    expect(sorted.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    const moved = moveRow(sorted, 2, -1);
    expect(moved.map((r) => [r.key, r.time])).toEqual([
      ['a', '09:45'],
      ['c', '10:00'],
      ['b', '12:30'],
    ]);
    expect(moveRow(sorted, 0, -1)).toEqual(sorted);
  });

  it('checks the programme as the API does: inside the meeting, no two at once, durations not overlapping', () => {
    const errors = validateAgenda(
      [
        row('early', '09:00'),
        row('a', '10:00', { duration: '45' }),
        row('b', '10:30'),
        row('same', '10:30'),
        row('late', '13:00', { duration: '30' }),
        row('bad', '11:00', { title: 'x', duration: '0', speakers: [{ name: '', role: '', organisation: '' }] }),
      ],
      FRAME,
    );
    expect(errors['early']?.fields.time).toEqual({ key: 'meetings.agenda.errors.outside' });
    expect(errors['a']?.fields.duration).toEqual({ key: 'meetings.agenda.errors.overlaps' });
    expect(errors['same']?.fields.time).toEqual({ key: 'meetings.agenda.errors.sameTime' });
    expect(errors['late']?.fields.duration).toEqual({ key: 'meetings.agenda.errors.endsAfter' });
    expect(errors['bad']?.fields.title).toEqual({ key: 'meetings.agenda.errors.titleRequired' });
    expect(errors['bad']?.fields.duration).toEqual({ key: 'meetings.agenda.errors.duration' });
    expect(errors['bad']?.speakers[0]).toEqual({ key: 'meetings.agenda.errors.speakerName' });
    expect(errors['b']).toBeUndefined();
  });

  it("puts the API's items.N errors on the rows sent at those places", () => {
    const rows = [row('r0', '09:45'), row('r1', '10:00'), row('r2', '10:30')];
    const problem: ProblemDetails = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The agenda is not valid.',
      errors: [
        { name: 'items.1.startsAt', reason: 'starts at the same time as item 0' },
        { name: 'items.2.durationMinutes', reason: 'ends after the meeting' },
        { name: 'items.2.speakers.1.name', reason: 'name must be longer than or equal to 2 characters' },
        { name: 'version', reason: 'must be an integer' },
        { name: 'items.7.title', reason: 'no such row' },
      ],
    };
    const { onRows, others } = agendaErrorsFrom(problem, rows);
    expect(onRows['r1']?.fields.time).toEqual({ text: 'starts at the same time as item 0' });
    expect(onRows['r2']?.fields.duration).toEqual({ text: 'ends after the meeting' });
    expect(onRows['r2']?.speakers[1]).toEqual({ text: 'name must be longer than or equal to 2 characters' });
    expect(onRows['r0']).toBeUndefined();
    expect(others.map((o) => o.name)).toEqual(['version', 'items.7.title']);
  });

  it('suggests the next start after the last item', () => {
    expect(suggestedTime([], FRAME)).toBe('09:45');
    expect(suggestedTime([row('a', '09:45')], FRAME)).toBe('10:00');
    expect(suggestedTime([row('a', '09:45'), row('b', '10:00', { duration: '40' })], FRAME)).toBe('10:40');
  });
});
