import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MeetingDetail, ReplaceAgendaRequest } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AgendaBuilder } from './agenda-builder';
import { MEETINGS_API_URL } from './meetings-api.service';

const MEETING: MeetingDetail = {
  id: 'm1',
  title: 'Webinar',
  description: null,
  startsAt: '2030-12-07T08:45:00.000Z',
  endsAt: '2030-12-07T12:15:00.000Z',
  mode: 'ONLINE',
  place: null,
  onlineUrl: 'https://videoconferenza.example/coopera',
  seatLimit: null,
  workingGroupId: null,
  workingGroupName: null,
  status: 'DRAFT',
  cancelledReason: null,
  agendaItemCount: 1,
  version: 2,
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
  agenda: [{ id: 'i1', kind: 'REGISTRATION', title: 'Registrazione partecipanti', startsAt: '2030-12-07T08:45:00.000Z', durationMinutes: null, speakers: [] }],
  invitationCounts: null,
  myInvitation: null,
};

describe('AgendaBuilder', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppTranslationsForTesting(), KIT_TESTING_PROVIDERS],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function setUp() {
    const fixture = TestBed.createComponent(AgendaBuilder);
    fixture.componentRef.setInput('meeting', MEETING);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const type = (selector: string, value: string) => {
      const input = root.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
      if (!input) throw new Error(`no ${selector}`);
      input.value = value;
      input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
      fixture.detectChanges();
    };
    const click = (text: string) => {
      const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
      if (!button) throw new Error(`no button ${text}`);
      button.click();
      fixture.detectChanges();
    };
    return { fixture, root, type, click };
  }

  it('adds an item with a speaker, previews it and saves the whole programme with one PUT', () => {
    const { root, type, click } = setUp();
    click('Aggiungi una voce');
    type('#agenda-kind', 'GREETINGS');
    expect(root.querySelector<HTMLInputElement>('#agenda-title')?.value).toBe('Saluti istituzionali');
    type('#agenda-time', '10:00');
    click('Aggiungi un relatore');
    type('#agenda-speaker-0-name', 'Mario Emanuele Alvano');
    type('#agenda-speaker-0-role', 'Segretario Generale');
    type('#agenda-speaker-0-organisation', 'ANCI Sicilia');
    expect(root.querySelector('.preview')?.textContent).toContain('Mario Emanuele Alvano, Segretario Generale, ANCI Sicilia');
    click('Conferma la voce');
    expect([...root.querySelectorAll('.agenda-row .agenda-time')].map((e) => e.textContent?.trim())).toEqual(['9.45', '10.00']);
    click('Salva il programma');

    const request = http.expectOne(`${MEETINGS_API_URL}/m1/agenda`);
    expect(request.request.method).toBe('PUT');
    expect(request.request.body as ReplaceAgendaRequest).toEqual({
      version: 2,
      items: [
        { kind: 'REGISTRATION', title: 'Registrazione partecipanti', startsAt: '2030-12-07T09:45:00+01:00', durationMinutes: null, speakers: [] },
        {
          kind: 'GREETINGS',
          title: 'Saluti istituzionali',
          startsAt: '2030-12-07T10:00:00+01:00',
          durationMinutes: null,
          speakers: [{ name: 'Mario Emanuele Alvano', role: 'Segretario Generale', organisation: 'ANCI Sicilia' }],
        },
      ],
    });
    request.flush({ ...MEETING, version: 3 });
  });

  it("shows the API's items.N errors on the item sent at place N", () => {
    const { fixture, root, type, click } = setUp();
    click('Aggiungi una voce');
    type('#agenda-time', '11:00');
    type('#agenda-title', "SAI e territorio, l'importanza di una visione");
    type('#agenda-duration', '30');
    click('Conferma la voce');
    click('Salva il programma');
    http.expectOne(`${MEETINGS_API_URL}/m1/agenda`).flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The agenda is not valid.',
        errors: [{ name: 'items.1.durationMinutes', reason: 'overlaps item 2, which starts at 2030-12-07T10:15:00Z' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    const rows = root.querySelectorAll('.agenda-row');
    expect(rows[0]?.querySelector('.agenda-error')).toBeNull();
    expect(rows[1]?.querySelector('.agenda-error')?.textContent).toContain('Durata in minuti: overlaps item 2');
    expect(root.querySelector('#agenda-failure')?.textContent).toContain('Il programma non è stato salvato');
  });

  it('refuses, before sending, two items at the same time', () => {
    const { root, type, click } = setUp();
    click('Aggiungi una voce');
    type('#agenda-time', '09:45');
    type('#agenda-title', 'Apertura dei lavori');
    click('Conferma la voce');
    click('Salva il programma');
    http.expectNone(`${MEETINGS_API_URL}/m1/agenda`);
    expect(root.textContent).toContain("Un'altra voce inizia alla stessa ora.");
  });
});
