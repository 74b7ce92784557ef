import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ProblemDetails } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { MEMBERSHIPS_API_URL } from './memberships-api.service';
import { CANICATTINI_ID, aMembership, anEvent, domOf, pageOf, summaryOf, textOf } from './memberships-testing';
import { OwnMembership } from './own-membership';

const referent = aUser('COMUNE_REFERENT', {
  name: 'Rosa Lombardo',
  email: 'referente.canicattini@coopera.example',
  comuneId: CANICATTINI_ID,
  comuneName: 'Canicattini Bagni',
});

describe('OwnMembership', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideAppTranslationsForTesting(), KIT_TESTING_PROVIDERS],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthService).login({ email: referent.email, password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(referent));
  });

  afterEach(() => http.verify());

  function render() {
    const fixture = TestBed.createComponent(OwnMembership);
    fixture.detectChanges();
    return { fixture, ...domOf(fixture) };
  }

  const listRequest = () => http.expectOne((req) => req.method === 'GET' && req.url === MEMBERSHIPS_API_URL);

  it('asks for the own Comune, and offers the request form, prefilled, when it has no membership', async () => {
    const { element, input, settle } = render();
    expect(textOf(element.querySelector('[role="status"]'))).toContain('Caricamento in corso…');
    const list = listRequest();
    expect(list.request.params.get('comuneId')).toBe(CANICATTINI_ID);
    list.flush(pageOf([]));
    await settle();

    expect(textOf(element.querySelector('h1'))).toBe('Adesione al coordinamento');
    expect(textOf(element.querySelector('.lead'))).toContain('Canicattini Bagni');
    expect(textOf(element.querySelector('#own-status-heading + p'))).toContain('non ha ancora chiesto di aderire');
    expect(textOf(element.querySelector('#own-request-heading'))).toBe("Chiedi l'adesione");
    expect(input('membership-referentName')?.value).toBe('Rosa Lombardo');
    expect(input('membership-referentEmail')?.value).toBe('referente.canicattini@coopera.example');
    expect(textOf(element.querySelector('#membership-note-hint'))).toBe('Non inserire dati personali dei beneficiari.');
  });

  it('checks the fields itself, then sends the request and shows the new membership with its history', async () => {
    const { element, input, type, button, errorOf, settle } = render();
    listRequest().flush(pageOf([]));
    await settle();

    type('membership-referentName', '  ');
    type('membership-referentEmail', 'not-an-address');
    button('Invia la richiesta')?.click();
    await settle();
    expect(errorOf('membership-referentName')).toBe('Inserisci il nome del referente (almeno 2 caratteri).');
    expect(errorOf('membership-referentEmail')).toContain('Inserisci un indirizzo e-mail valido');
    expect(input('membership-referentName')?.getAttribute('aria-describedby')).toBe('membership-referentName-error');
    expect(document.activeElement).toBe(input('membership-referentName'));
    http.expectNone(MEMBERSHIPS_API_URL);

    type('membership-referentName', ' Giuseppe Amenta ');
    type('membership-referentRole', 'Assessore alle politiche sociali');
    type('membership-referentEmail', '');
    type('membership-note', 'Progetto ORDINARI attivo dal 2023.');
    button('Invia la richiesta')?.click();
    const post = http.expectOne((req) => req.method === 'POST' && req.url === MEMBERSHIPS_API_URL);
    expect(post.request.body).toEqual({
      comuneId: CANICATTINI_ID,
      referentName: 'Giuseppe Amenta',
      referentRole: 'Assessore alle politiche sociali',
      note: 'Progetto ORDINARI attivo dal 2023.',
    });
    post.flush(aMembership({ referentName: 'Giuseppe Amenta', history: [anEvent({ reason: 'Progetto ORDINARI attivo dal 2023.' })] }), {
      status: 201,
      statusText: 'Created',
    });
    await settle();

    expect(textOf(element.querySelector('.alert-success'))).toContain('Richiesta di adesione inviata');
    expect(textOf(element.querySelector('.membership-status'))).toBe('Richiesta in attesa');
    expect(textOf(element.querySelector('.status-explanation'))).toContain('in attesa della decisione della segreteria');
    expect(element.querySelector('#own-request-heading')).toBeNull();
    const steps = [...element.querySelectorAll('.history-step')].map((step) => textOf(step));
    expect(steps).toHaveLength(1);
    expect(steps[0]).toContain('Richiesta di adesione');
    expect(steps[0]).toContain('10 mar 2025, 10:15'); // 09:15 UTC is 10:15 in Rome
    expect(steps[0]).toContain('da Rosa Lombardo (Referente del Comune)');
    expect(steps[0]).toContain('Motivazione: Progetto ORDINARI attivo dal 2023.');
  });

  it('shows the API refusals on the fields they name', async () => {
    const { element, type, button, errorOf, settle } = render();
    listRequest().flush(pageOf([]));
    await settle();
    type('membership-referentRole', 'x'.repeat(300));
    button('Invia la richiesta')?.click();
    const problem: ProblemDetails = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'La richiesta contiene campi non validi.',
      errors: [
        { name: 'referentRole', reason: 'al massimo 200 caratteri' },
        { name: 'comuneId', reason: 'non è il tuo Comune' },
      ],
    };
    http.expectOne(MEMBERSHIPS_API_URL).flush(problem, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(errorOf('membership-referentRole')).toBe('al massimo 200 caratteri');
    expect(textOf(element.querySelector('.alert-danger'))).toContain('comuneId: non è il tuo Comune');
  });

  it('shows the status, referent and whole history of an existing membership; no form while it is active', async () => {
    const { element, settle } = render();
    const active = aMembership({
      status: 'ACTIVE',
      updatedAt: '2025-03-12T15:00:00Z',
      history: [
        anEvent(),
        anEvent({ id: 'e2', fromStatus: 'REQUESTED', toStatus: 'ACTIVE', reason: 'Requisiti verificati', actorName: 'Segreteria ANCI', actorRole: 'SECRETARIAT', occurredAt: '2025-03-12T15:00:00Z' }),
      ],
    });
    listRequest().flush(pageOf([summaryOf(active)]));
    http.expectOne(`${MEMBERSHIPS_API_URL}/${active.id}`).flush(active);
    await settle();

    expect(textOf(element.querySelector('.membership-status'))).toBe('Attiva');
    expect(textOf(element.querySelector('.summary-fields'))).toContain('Responsabile dei servizi sociali');
    expect(element.querySelector('a[href="mailto:servizi.sociali@comune.canicattini.sr.it"]')).not.toBeNull();
    expect(element.querySelector('#own-request-heading')).toBeNull();
    const steps = [...element.querySelectorAll('.history-step')].map((step) => textOf(step));
    expect(steps[1]).toContain('Adesione approvata');
    expect(steps[1]).toContain('da Segreteria ANCI (Segreteria del coordinamento)');
    expect(steps[1]).toContain('Motivazione: Requisiti verificati');
  });

  it('offers to ask again after a rejection', async () => {
    const { element, button, settle } = render();
    const rejected = aMembership({ status: 'REJECTED' });
    listRequest().flush(pageOf([summaryOf(rejected)]));
    http.expectOne(`${MEMBERSHIPS_API_URL}/${rejected.id}`).flush(rejected);
    await settle();
    expect(textOf(element.querySelector('.membership-status'))).toBe('Respinta');
    expect(textOf(element.querySelector('#own-request-heading'))).toBe("Chiedi di nuovo l'adesione");
    expect(button('Invia la nuova richiesta')).toBeDefined();
  });

  it('after a 409 (a request exists meanwhile) says so and shows it', async () => {
    const { element, button, settle } = render();
    listRequest().flush(pageOf([]));
    await settle();
    button('Invia la richiesta')?.click();
    http
      .expectOne(MEMBERSHIPS_API_URL)
      .flush({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Il Comune ha già una richiesta in corso.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    const existing = aMembership();
    listRequest().flush(pageOf([summaryOf(existing)]));
    http.expectOne(`${MEMBERSHIPS_API_URL}/${existing.id}`).flush(existing);
    await settle();
    expect(textOf(element.querySelector('.alert-info'))).toContain('Il Comune ha già una richiesta in corso.');
    expect(textOf(element.querySelector('.membership-status'))).toBe('Richiesta in attesa');
  });

  it('says when the memberships cannot be read, and retries', async () => {
    const { element, button, settle } = render();
    listRequest().error(new ProgressEvent('error'));
    await settle();
    expect(textOf(element.querySelector('.alert-danger'))).toContain('Il servizio non risponde');
    button('Riprova')?.click();
    listRequest().flush(pageOf([]));
    await settle();
    expect(element.querySelector('.alert-danger')).toBeNull();
  });
});
