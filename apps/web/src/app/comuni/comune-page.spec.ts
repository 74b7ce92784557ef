import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ComuneDetail, ProblemDetails, Role, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { COMUNI_API_URL } from './comuni-api.service';
import { ComunePage } from './comune-page';

const PALERMO_ID = '0b6f7f0e-1d5c-4a8e-9b1e-000000082053';

function aComune(overrides: Partial<ComuneDetail> = {}): ComuneDetail {
  return {
    id: PALERMO_ID,
    kind: 'COMUNE',
    name: 'Palermo',
    province: 'PA',
    istatCode: '082053',
    codiceCatastale: 'G273',
    population: 630828,
    membershipStatus: 'ACTIVE',
    membershipId: '6a0c0000-0000-4000-8000-000000000001',
    projectCount: 2,
    posti: { ORDINARI: 120, MSNA: 40, DM_DS: 0 },
    postiTotal: 160,
    profile: {
      saiOffice: 'Servizi sociali',
      email: 'sai@comune.palermo.it',
      pec: null,
      phone: null,
      coordinationReferent: 'Rosa Lombardo',
      notes: undefined,
      version: 2,
      updatedAt: '2026-01-10T09:00:00.000Z',
    },
    projects: [
      {
        id: 'p-1',
        code: 'PROG-1-PR-2',
        title: 'Accoglienza integrata Palermo',
        category: 'ORDINARI',
        status: 'ACTIVE',
        titolareComuneId: PALERMO_ID,
        titolareComuneName: 'Palermo',
        province: 'PA',
        posti: 100,
        postiTotal: 120,
        startDate: '2023-01-01',
        endDate: '2025-12-31',
      },
      {
        id: 'p-2',
        code: 'PROG-2-PR-1',
        title: 'MSNA Palermo',
        category: 'MSNA',
        status: 'PROSECUZIONE',
        titolareComuneId: PALERMO_ID,
        titolareComuneName: 'Palermo',
        province: 'PA',
        posti: 40,
        postiTotal: 40,
        startDate: '2021-07-01',
        endDate: '2026-06-30',
      },
    ],
    entiGestori: [{ id: 'e-1', name: 'Cooperativa Sociale Esempio', taxCode: '12345678903', role: 'ATTUATORE' }],
    workingGroups: [{ id: 'w-1', name: 'MSNA' }],
    editable: false,
    ...overrides,
  };
}

describe('ComunePage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'comuni/:id', component: ComunePage }]),
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

  const view = () => harness.routeNativeElement as HTMLElement;
  const text = (element: Element | null | undefined = view()) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (label: string) => [...view().querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b).includes(label));
  const input = (id: string) => view().querySelector<HTMLInputElement>(`#${id}`);

  function signInAs(role: Role, comuneId: string | null = null): void {
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(role, role === 'COMUNE_REFERENT' ? { comuneId } : {})));
  }

  async function open(comune: ComuneDetail): Promise<void> {
    await harness.navigateByUrl(`/comuni/${comune.id}`);
    http.expectOne(`${COMUNI_API_URL}/${comune.id}`).flush(comune);
    harness.detectChanges();
    await harness.fixture.whenStable();
  }

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

  it('shows the Comune: ISTAT data, membership, profile, projects, enti gestori and working groups', async () => {
    signInAs('COMUNE_REFERENT', 'another-comune');
    await harness.navigateByUrl(`/comuni/${PALERMO_ID}`);
    expect(text(view().querySelector('[role="status"]'))).toContain('Caricamento');
    http.expectOne(`${COMUNI_API_URL}/${PALERMO_ID}`).flush(aComune());
    harness.detectChanges();

    expect(text(view().querySelector('h1'))).toBe('Palermo');
    expect(text(view().querySelector('header'))).toContain('Provincia di Palermo (PA)');
    expect(text(view().querySelector('header'))).toContain('Aderente');
    const figures = [...view().querySelectorAll('.figure')].map((figure) => [text(figure.querySelector('dt')), text(figure.querySelector('dd'))]);
    expect(figures).toEqual([
      ['Progetti SAI aperti', '2'],
      ['Posti finanziati', '160'],
      ['Posti ordinari', '120'],
      ['Posti MSNA', '40'],
      ['Posti DM-DS', '0'],
    ]);
    expect(text(view())).toContain('G273');
    expect(text(view())).toContain('630.828');
    expect(text(view())).toContain('Il Comune aderisce al coordinamento regionale.');

    // the profile, without the notes the API did not send
    expect(text(view())).toContain('sai@comune.palermo.it');
    expect(view().querySelector('a[href="mailto:sai@comune.palermo.it"]')).not.toBeNull();
    expect(text(view())).not.toContain('Note');
    expect(button('Modifica il profilo')).toBeUndefined();

    const projectRows = [...view().querySelectorAll('.projects-table tbody tr')];
    expect(projectRows.map((row) => [...row.children].map((cell) => text(cell)))).toEqual([
      ['PROG-1-PR-2', 'Accoglienza integrata Palermo', 'Ordinari', 'Attivo', '120 100 all\'avvio', '01/01/2023 – 31/12/2025'],
      ['PROG-2-PR-1', 'MSNA Palermo', 'MSNA', 'In prosecuzione', '40', '01/07/2021 – 30/06/2026'],
    ]);
    expect(projectRows[0].querySelector('a')?.getAttribute('href')).toBe('/progetti/p-1');
    expect(view().querySelector('a[href^="/progetti/nuovo"]')).toBeNull();

    const ente = view().querySelector('.enti-table tbody tr');
    expect([...(ente?.children ?? [])].map((cell) => text(cell))).toEqual(['Cooperativa Sociale Esempio', '12345678903', 'Ente attuatore']);
    expect(ente?.querySelector('a')?.getAttribute('href')).toBe('/enti-gestori/e-1');
    expect(text(view().querySelector('.working-groups'))).toBe('MSNA');
    // a referent of another Comune cannot open Palermo's records
    expect(view().querySelector('.working-groups a')).toBeNull();
    expect(view().querySelector('a[href^="/adesioni/"]')).toBeNull();
  });

  it('says so when there are no projects, enti or groups, and the profile is empty', async () => {
    signInAs('SERVIZIO_CENTRALE');
    await open(
      aComune({
        membershipStatus: null,
        membershipId: null,
        projects: [],
        entiGestori: [],
        workingGroups: [],
        profile: { saiOffice: null, email: null, pec: null, phone: null, coordinationReferent: null, notes: null, version: 0, updatedAt: null },
      }),
    );
    expect(text(view())).toContain('Non aderente');
    expect(text(view())).toContain('Il Comune non ha mai chiesto di aderire al coordinamento.');
    expect(text(view())).toContain('Il profilo SAI del Comune non è ancora stato compilato.');
    expect(text(view())).toContain('Il Comune non ha progetti SAI aperti.');
    expect(text(view())).toContain('Nessun ente gestore nei progetti aperti del Comune.');
    expect(text(view())).toContain('Il Comune non partecipa ad alcun gruppo di lavoro.');
  });

  it('offers a new project to the secretariat, and links to the membership and groups', async () => {
    signInAs('SECRETARIAT');
    await open(aComune());
    expect(view().querySelector('a[href^="/progetti/nuovo"]')?.getAttribute('href')).toBe(`/progetti/nuovo?comune=${PALERMO_ID}`);
    expect(view().querySelector('.working-groups a')?.getAttribute('href')).toBe('/gruppi-di-lavoro/w-1');
    expect(view().querySelector('a[href^="/adesioni/"]')).not.toBeNull();
  });

  it('says "not found" for an unknown Comune, and retries other failures', async () => {
    signInAs('SECRETARIAT');
    await harness.navigateByUrl('/comuni/unknown');
    http
      .expectOne(`${COMUNI_API_URL}/unknown`)
      .flush({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such Comune.' }, { status: 404, statusText: 'Not Found' });
    harness.detectChanges();
    expect(text(view().querySelector('h1'))).toBe('Comune non trovato');

    await harness.navigateByUrl(`/comuni/${PALERMO_ID}`);
    http.expectOne(`${COMUNI_API_URL}/${PALERMO_ID}`).error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    harness.detectChanges();
    expect(text(view().querySelector('[role="alert"]'))).toContain('Il servizio non risponde');
    button('Riprova')?.click();
    http.expectOne(`${COMUNI_API_URL}/${PALERMO_ID}`).flush(aComune());
    harness.detectChanges();
    expect(text(view().querySelector('h1'))).toBe('Palermo');
  });

  it('edits the profile when editable: our checks, the API field errors, a stale version, then saves', async () => {
    signInAs('SECRETARIAT');
    const comune = aComune({ editable: true, profile: { ...aComune().profile, notes: 'Note interne.' } });
    await open(comune);
    expect(text(view())).toContain('Note interne.');
    button('Modifica il profilo')?.click();
    await settle();
    expect(document.activeElement?.id).toBe('comune-form-heading');
    expect(input('comune-saiOffice')?.value).toBe('Servizi sociali');
    expect(view().querySelector('#comune-notes')).not.toBeNull();
    expect(text(view().querySelector('#comune-notes-hint'))).toBe('Non inserire dati personali dei beneficiari.');

    button('Salva il profilo')?.click();
    await settle();
    expect(text(view().querySelector('[role="alert"]'))).toContain('Non hai modificato alcun campo.');

    type('comune-pec', 'protocollo@pec');
    button('Salva il profilo')?.click();
    await settle();
    http.expectNone(`${COMUNI_API_URL}/${PALERMO_ID}`);
    expect(text(view().querySelector('#comune-pec-error'))).toContain('Inserisci un indirizzo PEC valido');
    expect(input('comune-pec')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('comune-pec'));

    type('comune-pec', 'protocollo@pec.comune.palermo.it');
    type('comune-phone', '091 000 0000');
    button('Salva il profilo')?.click();
    await settle();
    let patch = http.expectOne(`${COMUNI_API_URL}/${PALERMO_ID}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ version: 2, pec: 'protocollo@pec.comune.palermo.it', phone: '091 000 0000' });
    const refused: ProblemDetails = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [
        { name: 'phone', reason: 'must be shorter than or equal to 40 characters' },
        { name: 'other', reason: 'is not allowed' },
      ],
    };
    patch.flush(refused, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(text(view().querySelector('#comune-phone-error'))).toBe('must be shorter than or equal to 40 characters');
    expect(text(view().querySelector('cp-comune-profile-form [role="alert"]'))).toContain('other: is not allowed');

    button('Salva il profilo')?.click();
    await settle();
    patch = http.expectOne(`${COMUNI_API_URL}/${PALERMO_ID}`);
    patch.flush(
      { type: STALE_VERSION_PROBLEM_TYPE, title: 'Conflict', status: 409, detail: 'Stale.', currentVersion: 3 },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text(view().querySelector('cp-comune-profile-form [role="alert"]'))).toContain('Il profilo è stato modificato nel frattempo');

    button('Ricarica i dati')?.click();
    http
      .expectOne((req) => req.method === 'GET' && req.url === `${COMUNI_API_URL}/${PALERMO_ID}`)
      .flush(aComune({ editable: true, profile: { ...comune.profile, phone: '091 111', version: 3 } }));
    await settle();
    expect(input('comune-phone')?.value).toBe('091 111');
    expect(text(view().querySelector('cp-comune-profile-form [role="status"]'))).toContain('ricaricato');

    type('comune-email', '');
    button('Salva il profilo')?.click();
    await settle();
    patch = http.expectOne(`${COMUNI_API_URL}/${PALERMO_ID}`);
    expect(patch.request.body).toEqual({ version: 3, email: null });
    patch.flush(aComune({ editable: true, profile: { ...comune.profile, email: null, phone: '091 111', version: 4 } }));
    await settle();
    expect(view().querySelector('cp-comune-profile-form')).toBeNull();
    expect(text(view().querySelector('.alert-success'))).toBe('Profilo salvato.');
    expect(text(view())).toContain('091 111');
  });

  it('asks before leaving with unsaved profile changes', async () => {
    signInAs('SECRETARIAT');
    await open(aComune({ editable: true }));
    const page = harness.routeDebugElement?.componentInstance as ComunePage;
    expect(page.canLeave()).toBe(true);
    button('Modifica il profilo')?.click();
    await settle();
    expect(page.canLeave()).toBe(true);
    type('comune-phone', '091');
    await settle();
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    expect(page.canLeave()).toBe(false);
    expect(confirm).toHaveBeenCalledWith('Le modifiche al profilo non sono state salvate. Vuoi uscire lo stesso?');
    confirm.mockRestore();
  });
});
