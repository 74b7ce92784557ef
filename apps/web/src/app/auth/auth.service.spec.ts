import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CurrentUser, LoginResponse } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { AUTH_API, AuthService } from './auth.service';

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function signIn(response: LoginResponse = aLoginResponse()): void {
    auth.login({ email: response.user.email, password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(response);
  }

  it('starts signed out and not yet ready', () => {
    expect(auth.user()).toBeNull();
    expect(auth.signedIn()).toBe(false);
    expect(auth.ready()).toBe(false);
    expect(auth.accessToken()).toBeNull();
  });

  it('signs in: posts the credentials, keeps the user and the token in memory only', () => {
    let received: CurrentUser | undefined;
    auth.login({ email: 'admin@coopera.example', password: 'a long password', totp: '123456' }).subscribe((user) => (received = user));
    expect(auth.loading()).toBe(true);

    const req = http.expectOne(AUTH_API.login);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'admin@coopera.example', password: 'a long password', totp: '123456' });
    expect(req.request.withCredentials).toBe(false); // same origin: the cookie goes by itself
    req.flush(aLoginResponse(aUser('SECRETARIAT'), 'token-abc'));

    expect(received?.role).toBe('SECRETARIAT');
    expect(auth.user()?.role).toBe('SECRETARIAT');
    expect(auth.signedIn()).toBe(true);
    expect(auth.ready()).toBe(true);
    expect(auth.loading()).toBe(false);
    expect(auth.accessToken()).toBe('token-abc');
    expect(JSON.stringify({ ...localStorage })).not.toContain('token-abc');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('token-abc');
  });

  it('stays signed out when the sign-in is refused, and passes the error on', () => {
    let status: number | undefined;
    auth.login({ email: 'admin@coopera.example', password: 'wrong password!' }).subscribe({
      error: (error: { status: number }) => (status = error.status),
    });
    http.expectOne(AUTH_API.login).flush({ title: 'Unauthorized', detail: 'E-mail o password errati.' }, UNAUTHORIZED);
    expect(status).toBe(401);
    expect(auth.signedIn()).toBe(false);
    expect(auth.loading()).toBe(false);
  });

  it('signs out: forgets the session at once and asks the API to revoke it', () => {
    signIn();
    let done = false;
    auth.logout().subscribe(() => (done = true));
    expect(auth.signedIn()).toBe(false);
    expect(auth.accessToken()).toBeNull();

    const req = http.expectOne(AUTH_API.logout);
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(done).toBe(true);
  });

  it('signs out even when the API cannot be reached', () => {
    signIn();
    let done = false;
    auth.logout().subscribe(() => (done = true));
    http.expectOne(AUTH_API.logout).error(new ProgressEvent('error'));
    expect(done).toBe(true);
    expect(auth.signedIn()).toBe(false);
  });

  it('shares one refresh request between concurrent callers', () => {
    signIn();
    const tokens: string[] = [];
    auth.refresh().subscribe((response) => tokens.push(response.accessToken));
    auth.refresh().subscribe((response) => tokens.push(response.accessToken));
    auth.refresh().subscribe((response) => tokens.push(response.accessToken));

    const req = http.expectOne(AUTH_API.refresh); // fails if there were two or more
    expect(req.request.method).toBe('POST');
    req.flush(aLoginResponse(aUser(), 'token-2'));

    expect(tokens).toEqual(['token-2', 'token-2', 'token-2']);
    expect(auth.accessToken()).toBe('token-2');

    // Once answered, the next refresh is a new request (the cookie has rotated).
    auth.refresh().subscribe();
    http.expectOne(AUTH_API.refresh).flush(aLoginResponse(aUser(), 'token-3'));
    expect(auth.accessToken()).toBe('token-3');
  });

  it('clears the session when the refresh is refused', () => {
    signIn();
    const failures: number[] = [];
    auth.refresh().subscribe({ error: (error: { status: number }) => failures.push(error.status) });
    auth.refresh().subscribe({ error: (error: { status: number }) => failures.push(error.status) });
    http.expectOne(AUTH_API.refresh).flush({ title: 'Unauthorized', detail: 'Session over.' }, UNAUTHORIZED);
    expect(failures).toEqual([401, 401]);
    expect(auth.signedIn()).toBe(false);
  });

  it('restores the session from the refresh cookie at start, once', () => {
    let restored = 0;
    auth.restore().subscribe(() => restored++);
    auth.restore().subscribe(() => restored++);
    expect(auth.ready()).toBe(false);
    http.expectOne(AUTH_API.refresh).flush(aLoginResponse(aUser('COMUNE_REFERENT')));

    expect(restored).toBe(2);
    expect(auth.ready()).toBe(true);
    expect(auth.user()?.comuneName).toBe('Palermo');

    auth.restore().subscribe(() => restored++); // answered from the first attempt
    http.expectNone(AUTH_API.refresh);
    expect(restored).toBe(3);
  });

  it('is ready and signed out when there is no session to restore', () => {
    let restored = false;
    auth.restore().subscribe(() => (restored = true));
    http.expectOne(AUTH_API.refresh).flush({ title: 'Unauthorized', detail: 'No session.' }, UNAUTHORIZED);
    expect(restored).toBe(true);
    expect(auth.ready()).toBe(true);
    expect(auth.signedIn()).toBe(false);
  });

  it('answers permission questions from the shared role map', () => {
    expect(auth.can('comuni:read')).toBe(false); // signed out
    signIn(aLoginResponse(aUser('ADMIN')));
    expect(auth.can('users:manage')).toBe(true);
    auth.logout().subscribe();
    http.expectOne(AUTH_API.logout).flush(null);
    signIn(aLoginResponse(aUser('SERVIZIO_CENTRALE')));
    expect(auth.can('comuni:read')).toBe(true);
    expect(auth.can('users:manage')).toBe(false);
    expect(auth.can('comuni:update-any')).toBe(false);
  });

  it('reloads the user from /auth/me', () => {
    signIn(aLoginResponse(aUser('COMUNE_REFERENT')));
    auth.reloadUser().subscribe();
    const req = http.expectOne(AUTH_API.me);
    expect(req.request.method).toBe('GET');
    req.flush(aUser('COMUNE_REFERENT', { name: 'Rosa Lombardo Rizzo' }));
    expect(auth.user()?.name).toBe('Rosa Lombardo Rizzo');
  });
});
