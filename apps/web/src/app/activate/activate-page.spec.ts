import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ProblemDetails } from '@coopera/domain';
import { aLoginResponse } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { ACCOUNT_API } from '../account/account-api.service';
import { authInterceptor } from '../auth/auth.interceptor';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { ACCOUNT_ACTIVATED_STATE, ActivatePage } from './activate-page';

@Component({ template: '<h1>Accedi</h1>' })
class StubPage {}

const TOKEN = 'x'.repeat(43);

describe('ActivatePage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'attiva', component: ActivatePage },
          { path: 'accedi', component: StubPage },
        ]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  const view = () => harness.routeNativeElement as HTMLElement;
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const input = (id: string) => view().querySelector<HTMLInputElement>(`#${id}`);
  const errorOf = (id: string) => text(view().querySelector(`#${id}-error`));
  const alert = () => view().querySelector('[role="alert"]');

  async function settle(): Promise<void> {
    harness.detectChanges();
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  function type(id: string, value: string): void {
    const field = input(id);
    if (!field) throw new Error(`no input #${id}`);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  async function submit(password: string, repeat = password): Promise<void> {
    type('activate-password', password);
    type('activate-repeat', repeat);
    view().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
  }

  it('asks for the password twice, with labels and new-password autocomplete', async () => {
    await harness.navigateByUrl(`/attiva?token=${TOKEN}`);
    expect(text(view().querySelector('h1'))).toBe('Attiva il tuo account');
    expect(text(view().querySelector('label[for="activate-password"]'))).toBe('Nuova password');
    expect(input('activate-password')?.getAttribute('autocomplete')).toBe('new-password');
    expect(input('activate-repeat')?.type).toBe('password');
  });

  it('checks length and that the two passwords match before calling the API', async () => {
    await harness.navigateByUrl(`/attiva?token=${TOKEN}`);
    await submit('short', 'short');
    expect(errorOf('activate-password')).toBe('La password deve avere almeno 12 caratteri.');

    await submit('a long enough password', 'a long enough passwort');
    http.expectNone(ACCOUNT_API.activate);
    expect(errorOf('activate-password')).toBe('');
    expect(errorOf('activate-repeat')).toBe('Le due password non coincidono.');
    expect(input('activate-repeat')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('activate-repeat'));
  });

  it("shows the API's refusal on the password field, and an expired link above the form", async () => {
    await harness.navigateByUrl(`/attiva?token=${TOKEN}`);
    await submit('password1234');
    let req = http.expectOne(ACCOUNT_API.activate);
    expect(req.request.body).toEqual({ token: TOKEN, password: 'password1234' });
    const weak: ProblemDetails = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ name: 'password', reason: 'is too common' }],
    };
    req.flush(weak, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(errorOf('activate-password')).toBe('is too common');
    expect(input('activate-password')?.getAttribute('aria-describedby')).toBe('activate-password-hint activate-password-error');

    await submit('a much better passphrase');
    req = http.expectOne(ACCOUNT_API.activate);
    req.flush({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The activation link is invalid or has expired.' }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(text(alert())).toContain('Il link di attivazione non è valido o è scaduto');
    expect(TestBed.inject(Router).url).toBe(`/attiva?token=${TOKEN}`);
  });

  it('goes to the sign-in page with the success notice, without a Bearer token even when signed in', async () => {
    const auth = TestBed.inject(AuthService);
    auth.login({ email: 'admin@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse());

    await harness.navigateByUrl(`/attiva?token=${TOKEN}`);
    await submit('a much better passphrase');
    const req = http.expectOne(ACCOUNT_API.activate);
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    const router = TestBed.inject(Router);
    expect(router.url).toBe('/accedi');
    expect(router.lastSuccessfulNavigation?.extras.state).toEqual(ACCOUNT_ACTIVATED_STATE);
  });

  it('says so when the link has no token', async () => {
    await harness.navigateByUrl('/attiva');
    expect(text(alert())).toContain('Link incompleto');
    expect(input('activate-password')).toBeNull();
  });
});
