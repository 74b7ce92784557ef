import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Role } from '@coopera/domain';
import { firstValueFrom } from 'rxjs';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { LanguageService } from '../i18n/language.service';
import { MAIN_NAVIGATION, NAV_ITEMS, NavItem } from './nav-items';
import { SiteHeader } from './site-header';

@Component({ template: '' })
class StubPage {}

const NO_SESSION = { status: 401, statusText: 'Unauthorized' };

describe('SiteHeader account and navigation', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<SiteHeader>;
  let element: HTMLElement;

  async function setUp(navItems: readonly NavItem[] = MAIN_NAVIGATION): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: '', component: StubPage },
          { path: 'comuni', component: StubPage },
          { path: 'accedi', component: StubPage },
          { path: 'profilo', component: StubPage },
          { path: 'amministrazione/utenti', component: StubPage },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
        { provide: NAV_ITEMS, useValue: navItems },
      ],
    });
    await firstValueFrom(TestBed.inject(LanguageService).init());
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SiteHeader);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  afterEach(() => http.verify());

  /** The start-up session check answers: signed in as `role`, or not signed in. */
  async function restore(role: Role | null): Promise<void> {
    TestBed.inject(AuthService).restore().subscribe();
    const req = http.expectOne(AUTH_API.refresh);
    if (role) req.flush(aLoginResponse(aUser(role)));
    else req.flush({ title: 'Unauthorized', detail: 'No session.' }, NO_SESSION);
    fixture.detectChanges();
    await fixture.whenStable();
  }

  const slim = () => element.querySelector('.it-header-slim-wrapper') as HTMLElement;
  const signInLink = () => [...slim().querySelectorAll('a')].find((a) => a.textContent?.trim() === 'Accedi');
  const toggle = () => slim().querySelector<HTMLButtonElement>('button[aria-controls="user-menu-panel"]');
  const panel = () => element.querySelector<HTMLElement>('#user-menu-panel');
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
  const navLabels = () => [...element.querySelectorAll('.navbar-nav a')].map((a) => text(a));

  it('shows no account control until the session check has answered', async () => {
    await setUp();
    TestBed.inject(AuthService).restore().subscribe();
    fixture.detectChanges();
    expect(signInLink()).toBeUndefined();
    expect(toggle()).toBeNull();
    http.expectOne(AUTH_API.refresh).flush(aLoginResponse());
  });

  it('offers "Accedi" when signed out, coming back to the current page afterwards', async () => {
    await setUp();
    await restore(null);
    expect(signInLink()?.getAttribute('href')).toBe('/accedi');
    expect(toggle()).toBeNull();

    await TestBed.inject(Router).navigateByUrl('/comuni?province=PA');
    fixture.detectChanges();
    expect(signInLink()?.getAttribute('href')).toBe('/accedi?returnUrl=%2Fcomuni%3Fprovince%3DPA');
  });

  it("shows the signed-in user's name and role, with the Comune for a referent", async () => {
    await setUp();
    await restore('COMUNE_REFERENT');
    expect(signInLink()).toBeUndefined();
    expect(text(toggle())).toBe('Rosa Lombardo Referente del Comune – Palermo');
    expect(toggle()?.getAttribute('aria-expanded')).toBe('false');
    expect(panel()?.hidden).toBe(true);
  });

  it.each([
    ['ADMIN', 'Amministratore'],
    ['SECRETARIAT', 'Segreteria del coordinamento'],
    ['SERVIZIO_CENTRALE', 'Servizio Centrale SAI'],
  ] as const)('names the role %s "%s"', async (role, label) => {
    await setUp();
    await restore(role);
    expect(text(toggle()?.querySelector('.user-menu-role'))).toBe(label);
  });

  it('translates the role with the interface', async () => {
    await setUp();
    await restore('SECRETARIAT');
    await firstValueFrom(TestBed.inject(LanguageService).use('en'));
    fixture.detectChanges();
    expect(text(toggle()?.querySelector('.user-menu-role'))).toBe('Coordination secretariat');
  });

  it('opens the menu with the profile and sign-out; Escape closes it and returns focus', async () => {
    await setUp();
    await restore('ADMIN');
    toggle()?.click();
    fixture.detectChanges();
    expect(toggle()?.getAttribute('aria-expanded')).toBe('true');
    expect(panel()?.hidden).toBe(false);
    const entries = [...(panel()?.querySelectorAll('a, button') ?? [])].map((entry) => [text(entry), entry.getAttribute('href')]);
    expect(entries).toEqual([
      ['Il mio profilo', '/profilo'],
      ['Esci', null],
    ]);

    panel()?.querySelector('a')?.focus();
    panel()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    fixture.detectChanges();
    expect(panel()?.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle());
  });

  it('closes the menu on a click elsewhere', async () => {
    await setUp();
    await restore('ADMIN');
    toggle()?.click();
    fixture.detectChanges();
    document.body.click();
    fixture.detectChanges();
    expect(panel()?.hidden).toBe(true);
  });

  it('signs out: revokes the session, goes home and offers "Accedi" again', async () => {
    await setUp();
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/comuni');
    await restore('ADMIN');
    toggle()?.click();
    fixture.detectChanges();
    [...(panel()?.querySelectorAll('button') ?? [])].find((b) => text(b) === 'Esci')?.click();
    fixture.detectChanges();

    const req = http.expectOne(AUTH_API.logout);
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    fixture.detectChanges();

    expect(router.url).toBe('/');
    expect(TestBed.inject(AuthService).signedIn()).toBe(false);
    expect(toggle()).toBeNull();
    expect(signInLink()).toBeDefined();
  });

  it('shows each navigation item only to the roles allowed to see it', async () => {
    await setUp();
    await restore(null);
    expect(navLabels()).toEqual(['Home']);

    const auth = TestBed.inject(AuthService);
    auth.login({ email: 'admin@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser('ADMIN')));
    fixture.detectChanges();
    expect(navLabels()).toEqual(['Home', 'Comuni', 'Cruscotto', 'Adesioni', 'Incontri', 'Gruppi di lavoro', 'Enti gestori', 'Buone pratiche', 'Posta in uscita', 'Utenti', 'Registro']);
    expect(element.querySelector('.navbar-nav a[href="/amministrazione/utenti"]')).not.toBeNull();
    expect(element.querySelector('.navbar-nav a[href="/amministrazione/registro"]')).not.toBeNull();

    auth.logout().subscribe();
    http.expectOne(AUTH_API.logout).flush(null);
    auth.login({ email: 'referente.palermo@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser('COMUNE_REFERENT')));
    fixture.detectChanges();
    expect(navLabels()).toEqual(['Home', 'Comuni', 'Il mio Comune', 'Cruscotto', 'Adesioni', 'Incontri', 'Gruppi di lavoro', 'Enti gestori', 'Buone pratiche']);
  });

  it('gives the Servizio Centrale the network pages and no administration', async () => {
    await setUp();
    await restore('SERVIZIO_CENTRALE');
    expect(navLabels()).toEqual(['Home', 'Comuni', 'Cruscotto', 'Adesioni', 'Incontri', 'Gruppi di lavoro', 'Enti gestori', 'Buone pratiche']);
    // the kit's <ul class="navbar-nav"> must hold <li> directly (axe "list" rule)
    const list = element.querySelector('.navbar-nav');
    expect([...(list?.children ?? [])].every((child) => child.tagName === 'LI')).toBe(true);
  });
});
