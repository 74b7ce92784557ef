import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CurrentUser, ProblemDetails } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { ACCOUNT_API } from '../account/account-api.service';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { UserMenu } from '../layout/user-menu';
import { ProfilePage } from './profile-page';
import { groupKey } from './totp-section';

const BAD_REQUEST = { status: 400, statusText: 'Bad Request' };
const SETUP = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUrl: 'otpauth://totp/Coopera:x?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  qrCode: 'data:image/svg+xml;base64,PHN2Zy8+',
};
const RECOVERY = ['aaaa-bbbb-cccc', 'dddd-eeee-ffff'];

describe('ProfilePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function render(user: CurrentUser, reloaded: CurrentUser | null = user) {
    TestBed.inject(AuthService).login({ email: user.email, password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(user));
    const fixture = TestBed.createComponent(ProfilePage);
    fixture.detectChanges();
    if (reloaded) {
      http.expectOne(AUTH_API.me).flush(reloaded);
      fixture.detectChanges();
    }
    const element = fixture.nativeElement as HTMLElement;
    const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const rows = () =>
      [...element.querySelectorAll('.detail-row')].map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]);
    const input = (id: string) => element.querySelector<HTMLInputElement>(`#${id}`);
    const type = (id: string, value: string) => {
      const field = input(id);
      if (!field) throw new Error(`no input #${id}`);
      field.value = value;
      field.dispatchEvent(new Event('input'));
    };
    const button = (label: string) =>
      [...element.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => text(candidate) === label);
    const errorOf = (id: string) => text(element.querySelector(`#${id}-error`));
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { fixture, element, rows, input, type, button, errorOf, text, settle };
  }

  it("shows a referent's name, e-mail, role and Comune, refreshed from /auth/me", () => {
    const { element, rows } = render(aUser('COMUNE_REFERENT'), aUser('COMUNE_REFERENT', { name: 'Rosa Lombardo Rizzo' }));
    expect(element.querySelector('h1')?.textContent).toContain('Il mio profilo');
    expect(rows()).toEqual([
      ['Nome', 'Rosa Lombardo Rizzo'],
      ['Indirizzo e-mail', 'referente.palermo@coopera.example'],
      ['Ruolo', 'Referente del Comune'],
      ['Comune', 'Palermo'],
    ]);
  });

  it('says that network-wide roles have no Comune', () => {
    const { rows } = render(aUser('SERVIZIO_CENTRALE'));
    expect(rows()[2]).toEqual(['Ruolo', 'Servizio Centrale SAI']);
    expect(rows()[3]).toEqual(['Comune', 'Nessuno: il ruolo riguarda tutta la rete']);
  });

  it('changes the name and the header follows at once', async () => {
    const { type, button, rows, settle, element, text } = render(aUser('COMUNE_REFERENT'));
    const header = TestBed.createComponent(UserMenu);
    header.detectChanges();
    expect(text(header.nativeElement.querySelector('.user-menu-name'))).toBe('Rosa Lombardo');

    type('profile-name', '  Rosa Lombardo Rizzo ');
    // The header's fixture took the document (TestBed keeps one root attached): submit directly.
    expect(button('Salva il nome')?.type).toBe('submit');
    element.querySelector('cp-profile-name-form form')?.dispatchEvent(new Event('submit'));
    await settle();
    const req = http.expectOne(ACCOUNT_API.me);
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ name: 'Rosa Lombardo Rizzo' });
    req.flush(aUser('COMUNE_REFERENT', { name: 'Rosa Lombardo Rizzo' }));
    await settle();
    header.detectChanges();

    expect(TestBed.inject(AuthService).user()?.name).toBe('Rosa Lombardo Rizzo');
    expect(text(header.nativeElement.querySelector('.user-menu-name'))).toBe('Rosa Lombardo Rizzo');
    expect(rows()[0]).toEqual(['Nome', 'Rosa Lombardo Rizzo']);
    expect(text(element.querySelector('cp-profile-name-form [role="status"]'))).toBe('Nome aggiornato.');
  });

  it('refuses a name too short without asking the API', async () => {
    const { type, button, errorOf, settle, input } = render(aUser());
    type('profile-name', 'A');
    button('Salva il nome')?.click();
    await settle();
    http.expectNone(ACCOUNT_API.me);
    expect(errorOf('profile-name')).toBe('Il nome deve avere almeno 2 caratteri.');
    expect(input('profile-name')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('checks the new password twice, then shows the API refusal on the field it names', async () => {
    const { type, button, errorOf, settle, input, element, text } = render(aUser());
    type('profile-currentPassword', 'the old password');
    type('profile-newPassword', 'short');
    type('profile-repeat', 'different');
    button('Cambia la password')?.click();
    await settle();
    http.expectNone(ACCOUNT_API.password);
    expect(errorOf('profile-newPassword')).toBe('La nuova password deve avere almeno 12 caratteri.');
    expect(errorOf('profile-repeat')).toBe('Le due password non coincidono.');

    type('profile-newPassword', 'a brand new long password');
    type('profile-repeat', 'a brand new long password');
    button('Cambia la password')?.click();
    await settle();
    const req = http.expectOne(ACCOUNT_API.password);
    expect(req.request.body).toEqual({ currentPassword: 'the old password', newPassword: 'a brand new long password' });
    const problem: ProblemDetails = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ name: 'currentPassword', reason: 'is not the current password' }],
    };
    req.flush(problem, BAD_REQUEST);
    await settle();
    expect(errorOf('profile-currentPassword')).toBe('is not the current password');
    expect(errorOf('profile-newPassword')).toBe('');
    expect(input('profile-currentPassword')?.getAttribute('aria-describedby')).toBe('profile-currentPassword-error');
    expect(text(element.querySelector('cp-profile-password-form [role="alert"]'))).toContain('The request is not valid.');
    expect(document.activeElement).toBe(input('profile-currentPassword'));

    button('Cambia la password')?.click();
    await settle();
    http.expectOne(ACCOUNT_API.password).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(text(element.querySelector('cp-profile-password-form [role="status"]'))).toBe('Password cambiata.');
    expect(input('profile-newPassword')?.value).toBe('');
  });

  it('sets up the second factor: QR code, key in groups of 4, code, then the recovery codes', async () => {
    const { type, button, errorOf, settle, element, text, fixture } = render(aUser('SECRETARIAT'));
    expect(text(element.querySelector('.totp-state'))).toContain('Non attiva');

    button('Attiva la verifica in due passaggi')?.click();
    await settle();
    const setup = http.expectOne(ACCOUNT_API.totpSetup);
    expect(setup.request.method).toBe('POST');
    setup.flush(SETUP);
    await settle();

    const qr = element.querySelector<HTMLImageElement>('img.totp-qr');
    expect(qr?.getAttribute('src')).toBe(SETUP.qrCode);
    expect(qr?.alt).toContain('Codice QR');
    expect(text(element.querySelector('.totp-key'))).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    type('totp-code', '12345');
    button('Verifica e attiva')?.click();
    await settle();
    http.expectNone(ACCOUNT_API.totpEnable);
    expect(errorOf('totp-code')).toBe('Il codice di verifica è formato da 6 cifre.');

    type('totp-code', '123 456');
    button('Verifica e attiva')?.click();
    await settle();
    let enable: TestRequest = http.expectOne(ACCOUNT_API.totpEnable);
    expect(enable.request.body).toEqual({ code: '123456' });
    enable.flush({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Wrong code.' }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(errorOf('totp-code')).toContain('Codice non valido');
    expect(fixture.componentInstance.canLeave()).toBe(true);

    button('Verifica e attiva')?.click();
    await settle();
    enable = http.expectOne(ACCOUNT_API.totpEnable);
    enable.flush({ recoveryCodes: RECOVERY });
    await settle();

    expect([...element.querySelectorAll('.recovery-codes li')].map((li) => text(li))).toEqual(RECOVERY);
    expect(TestBed.inject(AuthService).user()?.totpEnabled).toBe(true);
    expect(text(element.querySelector('.totp-state'))).toContain('Attiva');

    // Leaving before acknowledging asks first.
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    expect(fixture.componentInstance.canLeave()).toBe(false);
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('codici di recupero'));

    button('Fine')?.click();
    await settle();
    expect(errorOf('totp-acknowledge')).toContain('Conferma di aver conservato');
    const acknowledge = element.querySelector<HTMLInputElement>('#totp-acknowledge');
    if (!acknowledge) throw new Error('no acknowledgement');
    acknowledge.checked = true;
    acknowledge.dispatchEvent(new Event('change'));
    button('Fine')?.click();
    await settle();
    expect(element.querySelector('.recovery-codes')).toBeNull();
    confirm.mockClear();
    expect(fixture.componentInstance.canLeave()).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
    confirm.mockRestore();
  });

  it('explains why a user who must set up the second factor is kept here', () => {
    const { element, text } = render(aUser('ADMIN', { totpEnrollmentRequired: true }));
    expect(text(element.querySelector('.enrollment-banner'))).toContain('Attiva la verifica in due passaggi per continuare');
  });

  it('groups the manual key by four', () => {
    expect(groupKey('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    expect(groupKey('')).toBe('');
  });
});
