import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { ILLEGAL_TRANSITION_PROBLEM_TYPE, MembershipDetail, Role } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { MembershipDetailPage } from './membership-detail-page';
import { MEMBERSHIPS_API_URL } from './memberships-api.service';
import { aMembership, anEvent, domOf, textOf } from './memberships-testing';

const ID = 'c1a5e7d0-0000-4000-8000-000000000001';
const URL = `${MEMBERSHIPS_API_URL}/${ID}`;

describe('MembershipDetailPage', () => {
  let http: HttpTestingController;

  function render(role: Role, membership: MembershipDetail = aMembership()) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
        { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({ id: ID }) } } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const user = aUser(role);
    TestBed.inject(AuthService).login({ email: user.email, password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(user));
    const fixture = TestBed.createComponent(MembershipDetailPage);
    fixture.detectChanges();
    http.expectOne(URL).flush(membership);
    fixture.detectChanges();
    return { fixture, ...domOf(fixture) };
  }

  afterEach(() => http.verify());

  const decisionButtons = (element: HTMLElement) =>
    [...element.querySelectorAll('#membership-decision-heading ~ cp-membership-decision button')].map((b) => textOf(b));

  it('shows the Comune, status, referent and history, oldest first', () => {
    const { element } = render('SECRETARIAT');
    expect(textOf(element.querySelector('h1'))).toBe('Adesione – Canicattini Bagni');
    expect(textOf(element.querySelector('.membership-status'))).toBe('Richiesta in attesa');
    expect(textOf(element.querySelector('.summary-fields'))).toContain('Rosa Lombardo');
    expect(element.querySelectorAll('.history-step')).toHaveLength(1);
  });

  it('offers the secretariat the decisions the status allows', () => {
    expect(decisionButtons(render('SECRETARIAT').element)).toEqual(['Approva', 'Respingi']);
  });

  it('offers a suspended membership reactivation and withdrawal', () => {
    expect(decisionButtons(render('ADMIN', aMembership({ status: 'SUSPENDED' })).element)).toEqual(['Approva', 'Registra recesso']);
  });

  it('offers no decision to the Servizio Centrale nor to a referent', () => {
    expect(render('SERVIZIO_CENTRALE').element.querySelector('#membership-decision-heading')).toBeNull();
    TestBed.resetTestingModule();
    expect(render('COMUNE_REFERENT').element.querySelector('#membership-decision-heading')).toBeNull();
  });

  it('refuses a rejection without reason on the field, without asking the API', async () => {
    const { element, button, input, errorOf, settle } = render('SECRETARIAT');
    button('Respingi')?.click();
    await settle();
    expect(textOf(element.querySelector('label[for="decision-reason"]'))).toBe('Motivazione (obbligatoria)');
    expect(document.activeElement).toBe(input('decision-reason'));
    button('Conferma il rifiuto')?.click();
    await settle();
    expect(errorOf('decision-reason')).toBe('Indica la motivazione della decisione.');
    expect(input('decision-reason')?.getAttribute('aria-invalid')).toBe('true');
    expect(input('decision-reason')?.getAttribute('aria-describedby')).toBe('decision-reason-hint decision-reason-error');
    http.expectNone(`${URL}/reject`);
  });

  it('shows the API refusal of the reason on the field', async () => {
    const { button, type, errorOf, settle } = render('SECRETARIAT');
    button('Respingi')?.click();
    await settle();
    type('decision-reason', 'x');
    button('Conferma il rifiuto')?.click();
    http
      .expectOne(`${URL}/reject`)
      .flush(
        { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Campi non validi.', errors: [{ name: 'reason', reason: 'troppo breve' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(errorOf('decision-reason')).toBe('troppo breve');
  });

  it('approves with an optional reason, then shows the new status and the step in the history', async () => {
    const { element, button, type, settle } = render('SECRETARIAT');
    button('Approva')?.click();
    await settle();
    expect(textOf(element.querySelector('label[for="decision-reason"]'))).toBe('Motivazione (facoltativa)');
    type('decision-reason', '  Requisiti verificati  ');
    button("Conferma l'approvazione")?.click();
    const req = http.expectOne(`${URL}/approve`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ reason: 'Requisiti verificati' });
    req.flush(
      aMembership({
        status: 'ACTIVE',
        history: [anEvent(), anEvent({ id: 'e2', fromStatus: 'REQUESTED', toStatus: 'ACTIVE', reason: 'Requisiti verificati', actorName: 'Segreteria', actorRole: 'SECRETARIAT' })],
      }),
    );
    await settle();
    expect(textOf(element.querySelector('.alert-success'))).toBe('Adesione approvata.');
    expect(textOf(element.querySelector('.membership-summary .membership-status'))).toBe('Attiva');
    expect(decisionButtons(element)).toEqual(['Sospendi', 'Registra recesso']);
    expect(element.querySelectorAll('.history-step')).toHaveLength(2);
  });

  it('after a 409 (decided meanwhile) says so and reloads', async () => {
    const { element, button, type, settle } = render('SECRETARIAT');
    button('Respingi')?.click();
    await settle();
    type('decision-reason', 'Documentazione incompleta');
    button('Conferma il rifiuto')?.click();
    http.expectOne(`${URL}/reject`).flush(
      { type: ILLEGAL_TRANSITION_PROBLEM_TYPE, title: 'Conflict', status: 409, detail: "L'adesione è già attiva." },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    http.expectOne(URL).flush(aMembership({ status: 'ACTIVE' }));
    await settle();
    expect(textOf(element.querySelector('.alert-warning'))).toContain('qualcun altro ha già deciso');
    expect(textOf(element.querySelector('.alert-warning'))).toContain("L'adesione è già attiva.");
    expect(textOf(element.querySelector('.membership-summary .membership-status'))).toBe('Attiva');
    expect(decisionButtons(element)).toEqual(['Sospendi', 'Registra recesso']);
  });

  it('cancelling the decision brings the focus back to its button', async () => {
    const { button, settle } = render('SECRETARIAT');
    button('Respingi')?.click();
    await settle();
    button('Annulla')?.click();
    await settle();
    expect(document.activeElement).toBe(button('Respingi'));
  });
});

describe('MembershipDetailPage, not found', () => {
  it('says so on a 404', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
        { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({ id: ID }) } } },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MembershipDetailPage);
    fixture.detectChanges();
    http.expectOne(URL).flush({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Nessuna adesione.' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    expect(textOf(element.querySelector('h1'))).toBe('Adesione');
    expect(textOf(element.querySelector('.alert-danger'))).toContain('Adesione non trovata');
    http.verify();
  });
});
