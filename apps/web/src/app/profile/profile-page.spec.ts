import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CurrentUser } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { ProfilePage } from './profile-page';

describe('ProfilePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideAppTranslationsForTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function render(user: CurrentUser) {
    TestBed.inject(AuthService).login({ email: user.email, password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(user));
    const fixture = TestBed.createComponent(ProfilePage);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const rows = () =>
      [...element.querySelectorAll('.profile-row')].map((row) => [
        row.querySelector('dt')?.textContent?.trim(),
        row.querySelector('dd')?.textContent?.trim(),
      ]);
    return { fixture, element, rows };
  }

  it("shows a referent's name, e-mail, role and Comune, refreshed from /auth/me", () => {
    const { fixture, element, rows } = render(aUser('COMUNE_REFERENT'));
    expect(element.querySelector('h1')?.textContent).toContain('Il mio profilo');
    expect(rows()).toEqual([
      ['Nome', 'Rosa Lombardo'],
      ['Indirizzo e-mail', 'referente.palermo@coopera.example'],
      ['Ruolo', 'Referente del Comune'],
      ['Comune', 'Palermo'],
    ]);

    http.expectOne(AUTH_API.me).flush(aUser('COMUNE_REFERENT', { name: 'Rosa Lombardo Rizzo' }));
    fixture.detectChanges();
    expect(rows()[0]).toEqual(['Nome', 'Rosa Lombardo Rizzo']);
  });

  it('says that network-wide roles have no Comune', () => {
    const { rows } = render(aUser('SERVIZIO_CENTRALE'));
    http.expectOne(AUTH_API.me).flush(aUser('SERVIZIO_CENTRALE'));
    expect(rows()[2]).toEqual(['Ruolo', 'Servizio Centrale SAI']);
    expect(rows()[3]).toEqual(['Comune', 'Nessuno: il ruolo riguarda tutta la rete']);
  });
});
