import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TOTP_ENROLLMENT_REQUIRED_PROBLEM_TYPE } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { authInterceptor } from './auth.interceptor';
import { AUTH_API, AuthService } from './auth.service';

@Component({ template: '' })
class StubPage {}

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };
const PROBLEM = { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Token expired.' };

describe('authInterceptor', () => {
  let client: HttpClient;
  let http: HttpTestingController;
  let auth: AuthService;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'comuni', component: StubPage },
          { path: 'accedi', component: StubPage },
          { path: 'profilo', component: StubPage },
        ]),
      ],
    });
    client = TestBed.inject(HttpClient);
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/comuni?province=PA');
  });

  afterEach(() => http.verify());

  function signIn(token = 'token-1'): void {
    auth.login({ email: 'admin@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(), token));
  }

  const bearer = (req: TestRequest) => req.request.headers.get('Authorization');

  it('adds the access token to API requests', () => {
    signIn('token-1');
    client.get('/api/v1/comuni').subscribe();
    client.get('/api/v1/auth/me').subscribe();
    expect(bearer(http.expectOne('/api/v1/comuni'))).toBe('Bearer token-1');
    expect(bearer(http.expectOne('/api/v1/auth/me'))).toBe('Bearer token-1');
  });

  it('sends nothing when signed out, and never sends the token elsewhere', () => {
    client.get('/api/v1/comuni').subscribe();
    expect(bearer(http.expectOne('/api/v1/comuni'))).toBeNull();

    signIn();
    client.get('i18n/it.json').subscribe();
    client.get('https://www.retesai.it/api/v1/comuni').subscribe();
    client.get('/apiary').subscribe();
    expect(bearer(http.expectOne('i18n/it.json'))).toBeNull();
    expect(bearer(http.expectOne('https://www.retesai.it/api/v1/comuni'))).toBeNull();
    expect(bearer(http.expectOne('/apiary'))).toBeNull();
  });

  it('does not put the token on the sign-in, refresh and sign-out requests', () => {
    signIn();
    auth.refresh().subscribe();
    expect(bearer(http.expectOne(AUTH_API.refresh))).toBeNull();
    auth.logout().subscribe();
    expect(bearer(http.expectOne(AUTH_API.logout))).toBeNull();
    auth.login({ email: 'admin@coopera.example', password: 'a long password' }).subscribe();
    expect(bearer(http.expectOne(AUTH_API.login))).toBeNull();
  });

  it('sends nothing with the public account activation, and leaves its 401 to the page', () => {
    signIn();
    let status: number | undefined;
    client.post(AUTH_API.activate, { token: 't', password: 'p' }).subscribe({ error: (e: HttpErrorResponse) => (status = e.status) });
    const req = http.expectOne(AUTH_API.activate);
    expect(bearer(req)).toBeNull();
    req.flush(PROBLEM, UNAUTHORIZED);
    http.expectNone(AUTH_API.refresh);
    expect(status).toBe(401);
    expect(auth.signedIn()).toBe(true);
  });

  it('sends a user who must first set up the second factor to the profile page', async () => {
    signIn();
    let error: HttpErrorResponse | undefined;
    client.get('/api/v1/users').subscribe({ error: (e: HttpErrorResponse) => (error = e) });
    http.expectOne('/api/v1/users').flush(
      { type: TOTP_ENROLLMENT_REQUIRED_PROBLEM_TYPE, title: 'Second factor required', status: 403, detail: 'Set up the second factor.' },
      { status: 403, statusText: 'Forbidden' },
    );
    await new Promise((resolve) => setTimeout(resolve)); // let the redirect complete

    expect(error?.status).toBe(403);
    expect(router.url).toBe('/profilo');
    expect(auth.user()?.totpEnrollmentRequired).toBe(true);
    http.expectNone(AUTH_API.refresh);
  });

  it('refreshes once on a 401 and retries the request once with the new token', () => {
    signIn('expired');
    let body: unknown;
    client.get('/api/v1/comuni').subscribe((answer) => (body = answer));

    const first = http.expectOne('/api/v1/comuni');
    expect(bearer(first)).toBe('Bearer expired');
    first.flush(PROBLEM, UNAUTHORIZED);

    http.expectOne(AUTH_API.refresh).flush(aLoginResponse(aUser(), 'fresh'));
    const retry = http.expectOne('/api/v1/comuni');
    expect(bearer(retry)).toBe('Bearer fresh');
    retry.flush({ items: [] });

    expect(body).toEqual({ items: [] });
    expect(router.url).toBe('/comuni?province=PA');
  });

  it('shares one refresh between requests that fail together', () => {
    signIn('expired');
    client.get('/api/v1/comuni').subscribe();
    client.get('/api/v1/auth/me').subscribe();
    http.expectOne('/api/v1/comuni').flush(PROBLEM, UNAUTHORIZED);
    http.expectOne('/api/v1/auth/me').flush(PROBLEM, UNAUTHORIZED);

    http.expectOne(AUTH_API.refresh).flush(aLoginResponse(aUser(), 'fresh'));
    expect(bearer(http.expectOne('/api/v1/comuni'))).toBe('Bearer fresh');
    expect(bearer(http.expectOne('/api/v1/auth/me'))).toBe('Bearer fresh');
  });

  it('gives up after one retry: a second 401 goes to the caller', () => {
    signIn('expired');
    let error: HttpErrorResponse | undefined;
    client.get('/api/v1/comuni').subscribe({ error: (e: HttpErrorResponse) => (error = e) });
    http.expectOne('/api/v1/comuni').flush(PROBLEM, UNAUTHORIZED);
    http.expectOne(AUTH_API.refresh).flush(aLoginResponse(aUser(), 'fresh'));
    http.expectOne('/api/v1/comuni').flush(PROBLEM, UNAUTHORIZED);

    http.expectNone(AUTH_API.refresh);
    expect(error?.status).toBe(401);
  });

  it('leaves other errors alone', () => {
    signIn();
    let status: number | undefined;
    client.get('/api/v1/comuni').subscribe({ error: (e: HttpErrorResponse) => (status = e.status) });
    http.expectOne('/api/v1/comuni').flush({ title: 'Forbidden', detail: 'No.' }, { status: 403, statusText: 'Forbidden' });
    http.expectNone(AUTH_API.refresh);
    expect(status).toBe(403);
    expect(router.url).toBe('/comuni?province=PA');
  });

  it('ends the session and sends the user to sign in when the refresh fails, coming back afterwards', async () => {
    signIn('expired');
    let error: HttpErrorResponse | undefined;
    client.get('/api/v1/comuni').subscribe({ error: (e: HttpErrorResponse) => (error = e) });
    http.expectOne('/api/v1/comuni').flush(PROBLEM, UNAUTHORIZED);
    http.expectOne(AUTH_API.refresh).flush({ title: 'Unauthorized', detail: 'Session over.' }, UNAUTHORIZED);
    await new Promise((resolve) => setTimeout(resolve)); // let the redirect complete

    expect(error?.status).toBe(401);
    expect(auth.signedIn()).toBe(false);
    expect(router.url).toBe('/accedi?returnUrl=%2Fcomuni%3Fprovince%3DPA');
    http.expectNone('/api/v1/comuni');
  });
});
