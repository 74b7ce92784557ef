import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DEMO_ACCOUNTS, ProblemDetails, TOTP_REQUIRED_PROBLEM_TYPE } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { ACCOUNT_ACTIVATED_STATE } from '../activate/activate-page';
import { DEMO_MODE_URL } from './demo-mode';
import { SignInPage } from './sign-in-page';

@Component({ template: '<h1>Altra pagina</h1>' })
class StubPage {}

const WRONG_CREDENTIALS: ProblemDetails = {
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  detail: 'Indirizzo e-mail o password errati.',
};
const TOTP_REQUIRED: ProblemDetails = {
  type: TOTP_REQUIRED_PROBLEM_TYPE,
  title: 'Second factor required',
  status: 401,
  detail: 'Inserisci il codice di verifica.',
};
const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

describe('SignInPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: '', component: StubPage },
          { path: 'accedi', component: SignInPage },
          { path: 'profilo', component: StubPage },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  /** Opens the page; the API answers whether it runs in demo mode. */
  async function open(url = '/accedi', demo = false): Promise<void> {
    await harness.navigateByUrl(url);
    http.expectOne(DEMO_MODE_URL).flush(demo ? { status: 'ok', demo: true } : { status: 'ok' });
    await settle();
  }

  async function settle(): Promise<void> {
    harness.detectChanges();
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  const view = () => harness.routeNativeElement as HTMLElement;
  const text = (node: Element | null | undefined = view()) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const input = (id: string) => view().querySelector<HTMLInputElement>(`#${id}`);
  const submitButton = () => view().querySelector<HTMLButtonElement>('button[type="submit"]');
  const alert = () => view().querySelector<HTMLElement>('[role="alert"]');
  /** The alert's heading and message, apart. */
  const alertTexts = () => [...(alert()?.children ?? [])].map((child) => text(child));
  const errorOf = (id: string) => {
    const describedBy = input(id)?.getAttribute('aria-describedby')?.split(' ') ?? [];
    return text(describedBy.map((ref) => view().querySelector(`#${ref}`)).find((node) => node?.id.endsWith('-error')));
  };
  const url = () => TestBed.inject(Router).url;

  function type(id: string, value: string): void {
    const field = input(id);
    if (!field) throw new Error(`no input #${id}`);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    submitButton()?.click();
    await settle();
  }

  async function signInWith(email: string, password: string): Promise<TestRequest> {
    type('sign-in-email', email);
    type('sign-in-password', password);
    await submit();
    return http.expectOne(AUTH_API.login);
  }

  async function answer(req: TestRequest, body: Parameters<TestRequest['flush']>[0], init: { status: number; statusText: string; headers?: Record<string, string> }) {
    req.flush(body, init);
    await settle();
  }

  it('asks for e-mail and password in labelled fields that password managers recognise', async () => {
    await open();
    expect(text(view().querySelector('h1'))).toBe('Accedi a Coopera');
    const email = input('sign-in-email');
    const password = input('sign-in-password');
    expect(text(view().querySelector('label[for="sign-in-email"]'))).toBe('Indirizzo e-mail');
    expect(text(view().querySelector('label[for="sign-in-password"]'))).toBe('Password');
    expect(email?.type).toBe('email');
    expect(email?.getAttribute('autocomplete')).toBe('username');
    expect(password?.type).toBe('password');
    expect(password?.getAttribute('autocomplete')).toBe('current-password');
    expect(text(submitButton())).toBe('Accedi');
    expect(view().querySelector('#sign-in-demo-heading')).toBeNull();
  });

  it('says that the account is activated when the activation page sends the user here', async () => {
    await harness.navigateByUrl('/accedi');
    http.expectOne(DEMO_MODE_URL).flush({ status: 'ok' });
    await settle();
    expect(view().querySelector('.alert-success')).toBeNull();

    await TestBed.inject(Router).navigateByUrl('/');
    await TestBed.inject(Router).navigate(['/accedi'], { state: ACCOUNT_ACTIVATED_STATE });
    await settle(); // (whether the API runs in demo mode is asked once per app)
    expect(text(view().querySelector('.alert-success'))).toBe(
      'Account attivato. Ora accedi con il tuo indirizzo e-mail e la password che hai scelto.',
    );
  });

  it('checks the fields before calling the API, and says what is missing next to each', async () => {
    await open();
    await submit();
    http.expectNone(AUTH_API.login);
    expect(errorOf('sign-in-email')).toBe("Inserisci l'indirizzo e-mail.");
    expect(errorOf('sign-in-password')).toBe('Inserisci la password.');
    expect(input('sign-in-email')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('sign-in-email'));

    type('sign-in-email', 'referente.palermo');
    type('sign-in-password', 'una password lunga');
    await submit();
    http.expectNone(AUTH_API.login);
    expect(errorOf('sign-in-email')).toBe('Inserisci un indirizzo e-mail valido, ad esempio nome@comune.it.');
    expect(input('sign-in-password')?.getAttribute('aria-invalid')).toBeNull();
  });

  it('signs in and goes back to the page that asked for it', async () => {
    await open('/accedi?returnUrl=%2Fprofilo');
    const req = await signInWith('  referente.palermo@coopera.example ', 'una password lunga');
    expect(req.request.body).toEqual({ email: 'referente.palermo@coopera.example', password: 'una password lunga' });
    expect(text(submitButton())).toBe('Accesso in corso…');
    expect(view().querySelector('form')?.getAttribute('aria-busy')).toBe('true');

    await answer(req, aLoginResponse(aUser('COMUNE_REFERENT')), { status: 200, statusText: 'OK' });
    expect(url()).toBe('/profilo');
    expect(TestBed.inject(AuthService).user()?.comuneName).toBe('Palermo');
  });

  it('goes home after signing in when the way back leads off the site', async () => {
    await open('/accedi?returnUrl=https%3A%2F%2Fevil.example%2F');
    const req = await signInWith('admin@coopera.example', 'una password lunga');
    await answer(req, aLoginResponse(), { status: 200, statusText: 'OK' });
    expect(url()).toBe('/');
  });

  it("shows the API's explanation when the credentials are refused", async () => {
    await open();
    const req = await signInWith('admin@coopera.example', 'password sbagliata');
    await answer(req, WRONG_CREDENTIALS, { ...UNAUTHORIZED, headers: { 'Content-Type': 'application/problem+json' } });

    expect(alertTexts()).toEqual(['Accesso non riuscito', 'Indirizzo e-mail o password errati.']);
    expect(document.activeElement).toBe(alert());
    expect(url()).toBe('/accedi');
    expect(text(submitButton())).toBe('Accedi');
    expect(TestBed.inject(AuthService).signedIn()).toBe(false);
  });

  it("puts the API's field errors next to the fields", async () => {
    await open();
    const req = await signInWith('admin@coopera.example', 'una password lunga');
    await answer(
      req,
      { ...WRONG_CREDENTIALS, status: 400, title: 'Bad Request', detail: 'La richiesta non è valida.', errors: [{ name: 'email', reason: 'must be an email' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(errorOf('sign-in-email')).toBe('must be an email');
    expect(text(alert())).toContain('La richiesta non è valida.');
    expect(document.activeElement).toBe(input('sign-in-email'));
  });

  it('asks for the second-factor code when the account needs one, and sends it with the credentials', async () => {
    await open();
    const first = await signInWith('segreteria@coopera.example', 'una password lunga');
    await answer(first, TOTP_REQUIRED, UNAUTHORIZED);

    expect(alert()).toBeNull(); // not an error: the next step
    expect(input('sign-in-password')).toBeNull();
    const code = input('sign-in-code');
    expect(code?.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code?.getAttribute('inputmode')).toBe('numeric');
    expect(text(view().querySelector('label[for="sign-in-code"]'))).toBe('Codice di verifica');
    expect(text(view())).toContain('Accesso come segreteria@coopera.example.');
    expect(document.activeElement).toBe(code);

    type('sign-in-code', '12345');
    await submit();
    http.expectNone(AUTH_API.login);
    expect(errorOf('sign-in-code')).toBe('Il codice di verifica è formato da 6 cifre.');

    type('sign-in-code', '123 456');
    await submit();
    const second = http.expectOne(AUTH_API.login);
    expect(second.request.body).toEqual({ email: 'segreteria@coopera.example', password: 'una password lunga', totp: '123456' });

    // A wrong code: the API answers the same problem; its detail goes under the field.
    await answer(second, { ...TOTP_REQUIRED, detail: 'Codice non valido.' }, UNAUTHORIZED);
    expect(errorOf('sign-in-code')).toBe('Codice non valido.');
    expect(document.activeElement).toBe(input('sign-in-code'));

    type('sign-in-code', '654321');
    await submit();
    await answer(http.expectOne(AUTH_API.login), aLoginResponse(aUser('SECRETARIAT')), { status: 200, statusText: 'OK' });
    expect(url()).toBe('/');
  });

  it('accepts a recovery code instead of the app code', async () => {
    await open();
    await answer(await signInWith('admin@coopera.example', 'una password lunga'), TOTP_REQUIRED, UNAUTHORIZED);
    const useRecovery = [...view().querySelectorAll('button')].find((b) => text(b).includes('codice di recupero'));
    useRecovery?.click();
    await settle();

    const code = input('sign-in-code');
    expect(text(view().querySelector('label[for="sign-in-code"]'))).toBe('Codice di recupero');
    expect(code?.getAttribute('inputmode')).toBeNull();
    type('sign-in-code', '123456');
    await submit();
    http.expectNone(AUTH_API.login);
    expect(errorOf('sign-in-code')).toBe('Il codice di recupero ha la forma xxxx-xxxx-xxxx.');

    type('sign-in-code', 'AB12-cd34-EF56');
    await submit();
    expect(http.expectOne(AUTH_API.login).request.body).toMatchObject({ totp: 'ab12-cd34-ef56' });
  });

  it('goes back from the code step to sign in with another account', async () => {
    await open();
    await answer(await signInWith('admin@coopera.example', 'una password lunga'), TOTP_REQUIRED, UNAUTHORIZED);
    [...view().querySelectorAll('button')].find((b) => text(b) === 'Accedi con un altro account')?.click();
    await settle();
    expect(input('sign-in-code')).toBeNull();
    expect(input('sign-in-email')?.value).toBe('admin@coopera.example');
    expect(input('sign-in-password')?.value).toBe('');
  });

  it('says how long to wait when there were too many attempts', async () => {
    await open();
    const req = await signInWith('admin@coopera.example', 'password sbagliata');
    await answer(
      req,
      { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Too many requests.' },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '42' } },
    );
    expect(alertTexts()).toEqual(['Accesso non riuscito', 'Troppi tentativi di accesso. Riprova tra 42 secondi.']);
  });

  it('says when the service does not answer', async () => {
    await open();
    const req = await signInWith('admin@coopera.example', 'una password lunga');
    req.error(new ProgressEvent('error'));
    await settle();
    expect(text(alert())).toContain('Il servizio non risponde.');
  });

  it('lists the demo accounts in demo mode, without any password, and fills in the chosen address', async () => {
    await open('/accedi', true);
    const box = view().querySelector('section[aria-labelledby="sign-in-demo-heading"]');
    expect(text(box?.querySelector('h2'))).toBe('Account dimostrativi');
    expect(text(box)).toContain('La password è stampata nel terminale');
    const items = [...(box?.querySelectorAll('li') ?? [])].map((li) => [text(li.querySelector('.demo-account-role')), text(li.querySelector('button'))]);
    expect(items).toHaveLength(DEMO_ACCOUNTS.length);
    expect(items[0]).toEqual(['Amministratore', "Inserisci l'indirizzo admin@coopera.example"]);
    expect(items[4]).toEqual(['Referente del Comune – Canicattini Bagni', "Inserisci l'indirizzo referente.canicattini@coopera.example"]);
    expect(text(view())).not.toMatch(/coopera-demo/);

    [...(box?.querySelectorAll('button') ?? [])].find((b) => text(b).includes('servizio.centrale@'))?.click();
    await settle();
    expect(input('sign-in-email')?.value).toBe('servizio.centrale@coopera.example');
    expect(document.activeElement).toBe(input('sign-in-password'));
  });

  it('shows the password on request', async () => {
    await open();
    const toggle = [...view().querySelectorAll('button')].find((b) => text(b) === 'Mostra la password');
    expect(toggle?.getAttribute('aria-pressed')).toBe('false');
    toggle?.click();
    await settle();
    expect(input('sign-in-password')?.type).toBe('text');
    expect(toggle?.getAttribute('aria-pressed')).toBe('true');
  });
});
