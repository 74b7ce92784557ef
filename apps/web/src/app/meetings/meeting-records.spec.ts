import { Invitation } from '@coopera/domain';
import { demoteHeadings, attendanceChanged, attendanceRequestOf, attendanceRowOf, attendanceTotals, canMarkHeld, icsFileName, minutesEditable, minutesError, supersedes } from './meeting-records';

function invitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: 'inv-1',
    meetingId: 'm-1',
    comuneId: 'c-1',
    comuneName: 'Palermo',
    status: 'ATTENDING',
    delegates: [
      { name: 'Angela Errore', role: 'Responsabile' },
      { name: 'Marco Rossi', role: null },
    ],
    answeredAt: null,
    answeredByName: null,
    waitingPosition: null,
    promotedAt: null,
    present: null,
    presentDelegates: [],
    version: 1,
    ...overrides,
  };
}

describe('attendance register', () => {
  it('starts a Comune not yet recorded unticked, with its announced delegates', () => {
    const row = attendanceRowOf(invitation());
    expect(row.present).toBe(false);
    expect(row.delegates.map((d) => [d.name, d.present])).toEqual([
      ['Angela Errore', false],
      ['Marco Rossi', false],
    ]);
  });

  it('keeps the recorded delegates, also those who were not announced', () => {
    const row = attendanceRowOf(invitation({ present: true, presentDelegates: ['Marco Rossi', 'Lucia Verdi'] }));
    expect(row.present).toBe(true);
    expect(row.delegates.map((d) => [d.name, d.present])).toEqual([
      ['Angela Errore', false],
      ['Marco Rossi', true],
      ['Lucia Verdi', true],
    ]);
  });

  it('sends the delegates of present Comuni only, and counts them the same way', () => {
    const present = attendanceRowOf(invitation({ present: true, presentDelegates: ['Angela Errore'] }));
    const absent = { ...attendanceRowOf(invitation({ id: 'inv-2', comuneName: 'Catania' })), delegates: [{ name: 'Ticked', role: null, present: true }] };
    expect(attendanceRequestOf(7, [present, absent])).toEqual({
      version: 7,
      entries: [
        { invitationId: 'inv-1', present: true, delegates: ['Angela Errore'] },
        { invitationId: 'inv-2', present: false },
      ],
    });
    expect(attendanceTotals([present, absent])).toEqual({ comuni: 1, delegates: 1 });
  });

  it('tells whether the register was changed', () => {
    const row = attendanceRowOf(invitation());
    expect(attendanceChanged([row])).toBe(false);
    expect(attendanceChanged([{ ...row, present: true }])).toBe(true);
    expect(attendanceChanged([{ ...row, delegates: row.delegates.map((d, i) => ({ ...d, present: i === 1 })) }])).toBe(true);
  });
});

describe('meeting records', () => {
  const start = Date.parse('2020-01-10T09:00:00Z');

  it('offers "held" once a convened meeting has started', () => {
    expect(canMarkHeld({ status: 'CONVENED', startsAt: '2020-01-10T09:00:00Z' }, start - 1)).toBe(false);
    expect(canMarkHeld({ status: 'CONVENED', startsAt: '2020-01-10T09:00:00Z' }, start)).toBe(true);
    expect(canMarkHeld({ status: 'DRAFT', startsAt: '2020-01-10T09:00:00Z' }, start + 1)).toBe(false);
  });

  it('edits the minutes once held, also after publication', () => {
    expect(minutesEditable({ status: 'CONVENED' })).toBe(false);
    expect(minutesEditable({ status: 'HELD' })).toBe(true);
    expect(minutesEditable({ status: 'MINUTES_PUBLISHED' })).toBe(true);
  });

  it('refuses blank or oversized minutes, as the API would', () => {
    expect(minutesError('  \n ')).toEqual({ key: 'meetings.minutes.errors.required' });
    expect(minutesError('x'.repeat(100_001))).toEqual({ key: 'meetings.minutes.errors.tooLong' });
    expect(minutesError('# Verbale')).toBeNull();
  });

  it('puts the minutes\' headings under the section heading', () => {
    expect(demoteHeadings('<h1 id="a">Verbale</h1><h2>Presenti</h2><p>&lt;h1&gt;</p><h5>x</h5><hr>')).toBe(
      '<h3 id="a">Verbale</h3><h4>Presenti</h4><p>&lt;h1&gt;</p><h6>x</h6><hr>',
    );
  });

  it('names the calendar file after the title', () => {
    expect(icsFileName('Assemblea plenaria del coordinamento — programma 2027')).toBe('assemblea-plenaria-del-coordinamento-programma-2027.ics');
    expect(icsFileName('Città: «verifica»!')).toBe('citta-verifica.ics');
    expect(icsFileName('———')).toBe('incontro.ics');
    expect(icsFileName('a'.repeat(80))).toBe(`${'a'.repeat(60)}.ics`);
  });
});

describe('supersedes', () => {
  const shown = { id: 'm1', version: 3 };
  it('lets a refresh show the same or a later version', () => {
    expect(supersedes({ id: 'm1', version: 3 }, shown)).toBe(true);
    expect(supersedes({ id: 'm1', version: 4 }, shown)).toBe(true);
  });
  it('keeps a later version on screen when an older read comes back after it', () => {
    expect(supersedes({ id: 'm1', version: 2 }, shown)).toBe(false);
  });
  it('shows whatever comes first, or another meeting', () => {
    expect(supersedes({ id: 'm1', version: 1 }, null)).toBe(true);
    expect(supersedes({ id: 'm2', version: 1 }, shown)).toBe(true);
  });
});
