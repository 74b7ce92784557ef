import { checkAgenda } from '../meetings/agenda-rules';
import { DEMO_MEETINGS } from './demo-meetings';

describe('the demo meetings', () => {
  it.each(DEMO_MEETINGS.map((m) => [m.title, m] as const))('%s has a programme the API would accept', (_, m) => {
    const items = m.agenda.map(([kind, title, startsAt, durationMinutes, speakers]) => ({ kind, title, startsAt, durationMinutes, speakers }));
    expect(checkAgenda(m, items)).toEqual([]);
  });

  it('holds the founding webinar as the seed announces it: 9.45 registration to 13.00 closing, Rome time', () => {
    const webinar = DEMO_MEETINGS[0];
    expect(webinar?.agenda.map(([, title, startsAt]) => `${new Date(startsAt).toISOString().slice(11, 16)}Z ${title}`)).toEqual([
      '08:45Z Registrazione partecipanti',
      '09:00Z Apertura dei lavori',
      '09:10Z Saluti istituzionali',
      '09:30Z SAI e territorio, l’importanza di una visione',
      '10:00Z L’azione dell’ANCI nell’ambito della Commissione immigrazione',
      '10:30Z Costruire collaborazioni nei territori. Gli enti locali e il lavoro di rete nel SAI',
      '11:30Z Domande e risposte',
      '12:00Z Chiusura dei lavori',
    ]);
  });
});
