import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { Role } from '@coopera/domain';
import { authGuard, permissionMatch } from './auth.guard';
import { AUTH_API, AuthService } from './auth.service';
import { safeReturnUrl } from './return-url';

@Component({ template: '<h1>{{ title }}</h1>' })
class StubPage {
  title = 'stub';
}

describe('authGuard', () => {
  let router: Router;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', component: StubPage },
          { path: 'accedi', component: StubPage },
          { path: 'profilo', component: StubPage, canActivate: [authGuard] },
        ]),
      ],
    });
    router = TestBed.inject(Router);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('waits for the start-up session check, then lets a signed-in user in', async () => {
    const navigation = router.navigateByUrl('/profilo');
    await Promise.resolve();
    http.expectOne(AUTH_API.refresh).flush(aLoginResponse(aUser('COMUNE_REFERENT')));
    expect(await navigation).toBe(true);
    expect(router.url).toBe('/profilo');
  });

  it('sends a signed-out visitor to the sign-in page with the way back', async () => {
    const navigation = router.navigateByUrl('/profilo?tab=1');
    await Promise.resolve();
    http.expectOne(AUTH_API.refresh).flush({ title: 'Unauthorized', detail: 'No session.' }, { status: 401, statusText: 'Unauthorized' });
    await navigation;
    expect(router.url).toBe('/accedi?returnUrl=%2Fprofilo%3Ftab%3D1');
  });

  it('decides at once once the session is known', async () => {
    const auth = TestBed.inject(AuthService);
    auth.login({ email: 'admin@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse());
    auth.restore().subscribe();
    http.expectOne(AUTH_API.refresh).flush(aLoginResponse());

    expect(await router.navigateByUrl('/profilo')).toBe(true);
    auth.logout().subscribe();
    http.expectOne(AUTH_API.logout).flush(null);
    await router.navigateByUrl('/');
    await router.navigateByUrl('/profilo');
    expect(router.url).toBe('/accedi?returnUrl=%2Fprofilo');
  });
});

@Component({ template: '<h1>Utenti</h1>' })
class UsersStub {}

@Component({ template: '<h1>Accesso non consentito</h1>' })
class ForbiddenStub {}

describe('the users administration route (permissionMatch + authGuard)', () => {
  let router: Router;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', component: StubPage },
          { path: 'accedi', component: StubPage },
          { path: 'profilo', component: StubPage, canActivate: [authGuard] },
          { path: 'amministrazione/utenti', component: UsersStub, canMatch: [permissionMatch('users:manage')], canActivate: [authGuard] },
          { path: 'amministrazione/utenti', component: ForbiddenStub, canActivate: [authGuard] },
        ]),
      ],
    });
    router = TestBed.inject(Router);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** Opens `url` after the start-up session check answers for `role` (null: signed out). */
  async function open(url: string, role: Role | null, overrides: Parameters<typeof aUser>[1] = {}): Promise<unknown> {
    const navigation = router.navigateByUrl(url);
    await Promise.resolve();
    const refresh = http.expectOne(AUTH_API.refresh);
    if (role) refresh.flush(aLoginResponse(aUser(role, overrides)));
    else refresh.flush({ title: 'Unauthorized', detail: 'No session.' }, { status: 401, statusText: 'Unauthorized' });
    await navigation;
    const root = router.routerState.snapshot.root;
    let leaf = root;
    while (leaf.firstChild) leaf = leaf.firstChild;
    return leaf.component;
  }

  it('opens the page for a role with users:manage', async () => {
    expect(await open('/amministrazione/utenti', 'ADMIN')).toBe(UsersStub);
    expect(router.url).toBe('/amministrazione/utenti');
  });

  it('shows the "not allowed" page at the same address to a role without it', async () => {
    expect(await open('/amministrazione/utenti', 'SECRETARIAT')).toBe(ForbiddenStub);
    expect(router.url).toBe('/amministrazione/utenti');
  });

  it('sends a signed-out visitor to sign in, coming back to the page', async () => {
    await open('/amministrazione/utenti', null);
    expect(router.url).toBe('/accedi?returnUrl=%2Famministrazione%2Futenti');
  });

  it('keeps a user who must set up the second factor on the profile page', async () => {
    expect(await open('/amministrazione/utenti', 'ADMIN', { totpEnrollmentRequired: true })).toBe(StubPage);
    expect(router.url).toBe('/profilo');
    // …which itself stays open to them.
    expect(await router.navigateByUrl('/profilo?x=1')).toBe(true);
    expect(router.url).toBe('/profilo?x=1');
  });
});

describe('safeReturnUrl', () => {
  it('keeps paths of this app, with their query string', () => {
    expect(safeReturnUrl('/profilo')).toBe('/profilo');
    expect(safeReturnUrl('/comuni?province=PA&page=2')).toBe('/comuni?province=PA&page=2');
  });

  it('goes home for anything that could leave the app, or loop back to the sign-in page', () => {
    for (const value of [null, undefined, '', 'profilo', 'https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/accedi', '/accedi?returnUrl=%2F']) {
      expect(safeReturnUrl(value)).toBe('/');
    }
  });
});
