import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ComuneDetail, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { COMUNI_API_URL } from '../comuni/comuni-api.service';
import { MyComunePage } from './my-comune-page';

const PALERMO_ID = aUser('COMUNE_REFERENT').comuneId ?? '';
const PALERMO_URL = `${COMUNI_API_URL}/${PALERMO_ID}`;

function aComune(overrides: Partial<ComuneDetail['profile']> = {}): ComuneDetail {
  return {
    id: PALERMO_ID,
    kind: 'COMUNE',
    name: 'Palermo',
    province: 'PA',
    istatCode: '082053',
    codiceCatastale: 'G273',
    population: 630828,
    membershipStatus: 'ACTIVE',
    membershipId: null,
    projectCount: 0,
    posti: { ORDINARI: 0, MSNA: 0, DM_DS: 0 },
    postiTotal: 0,
    profile: {
      saiOffice: 'Servizi sociali',
      email: null,
      pec: null,
      phone: null,
      coordinationReferent: null,
      notes: 'Riunioni il martedì',
      version: 2,
      updatedAt: '2026-01-10T09:00:00.000Z',
      ...overrides,
    },
    projects: [],
    entiGestori: [],
    workingGroups: [],
    editable: true,
  };
}

// The profile form is the one of a Comune's page (comune-page.spec checks it in depth); here it is
// always open: what differs is checked, and that saves, conflicts and leaving still work.
describe('MyComunePage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'il-mio-comune', component: MyComunePage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser('COMUNE_REFERENT')));
  });

  afterEach(() => http.verify());

  const view = () => harness.routeNativeElement as HTMLElement;
  const text = (element: Element | null | undefined = view()) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (label: string) => [...view().querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b).includes(label));
  const input = (id: string) => view().querySelector<HTMLInputElement>(`#${id}`);

  async function settle(): Promise<void> {
    harness.detectChanges();
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  function type(id: string, value: string): void {
    const element = input(id);
    if (!element) throw new Error(`no input #${id}`);
    element.value = value;
    element.dispatchEvent(new Event('input'));
  }

  async function open(): Promise<MyComunePage> {
    await harness.navigateByUrl('/il-mio-comune');
    http.expectOne(PALERMO_URL).flush(aComune());
    await settle();
    return harness.routeDebugElement?.componentInstance as MyComunePage;
  }

  it('shows the profile form open, without a Cancel button and without taking the focus', async () => {
    await open();
    expect(input('comune-saiOffice')?.value).toBe('Servizi sociali');
    expect(view().querySelector('#comune-notes')).not.toBeNull();
    expect(button('Annulla')).toBeUndefined();
    expect(document.activeElement?.id).not.toBe('comune-form-heading');
  });

  it('saves, says so until the next change, and offers the saved version after a conflict', async () => {
    await open();
    type('comune-phone', '091 000 0000');
    button('Salva il profilo')?.click();
    await settle();
    let patch = http.expectOne(PALERMO_URL);
    expect(patch.request.body).toEqual({ version: 2, phone: '091 000 0000' });
    patch.flush(aComune({ phone: '091 000 0000', version: 3 }));
    await settle();
    expect(text(view().querySelector('.alert-success'))).toBe('Profilo salvato.');
    expect(input('comune-phone')?.value).toBe('091 000 0000');

    type('comune-phone', '091 111');
    await settle();
    expect(view().querySelector('.alert-success')).toBeNull();
    button('Salva il profilo')?.click();
    await settle();
    patch = http.expectOne(PALERMO_URL);
    expect(patch.request.body).toEqual({ version: 3, phone: '091 111' });
    patch.flush(
      { type: STALE_VERSION_PROBLEM_TYPE, title: 'Conflict', status: 409, detail: 'Stale.', currentVersion: 4 },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text(view().querySelector('cp-comune-profile-form [role="alert"]'))).toContain('Il profilo è stato modificato nel frattempo');

    button('Ricarica i dati')?.click();
    http.expectOne((req) => req.method === 'GET' && req.url === PALERMO_URL).flush(aComune({ phone: '091 222', version: 4 }));
    await settle();
    expect(input('comune-phone')?.value).toBe('091 222');
    expect(text(view().querySelector('cp-comune-profile-form [role="status"]'))).toContain('ricaricato');
  });

  it('asks before leaving with unsaved profile changes', async () => {
    const page = await open();
    expect(page.canLeave()).toBe(true);
    type('comune-phone', '091');
    await settle();
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    expect(page.canLeave()).toBe(false);
    expect(confirm).toHaveBeenCalledWith('Le modifiche al profilo non sono state salvate. Vuoi uscire lo stesso?');
    confirm.mockRestore();
  });
});
