import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Page, ProjectSummary, Role, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { ENTI_GESTORI_API_URL, PROJECTS_API_URL } from './enti-gestori-api.service';
import { ENTE_PROJECTS_SHOWN, EnteGestorePage } from './ente-gestore-page';
import { anEnte } from './enti-gestori-testing';

const PROJECT: ProjectSummary = {
  id: 'p-3',
  code: 'PROG-3-PR-2',
  title: 'Accoglienza Canicattini',
  category: 'ORDINARI',
  status: 'ACTIVE',
  titolareComuneId: 'c-cb',
  titolareComuneName: 'Canicattini Bagni',
  province: 'SR',
  posti: 25,
  postiTotal: 25,
  startDate: '2023-01-01',
  endDate: '2025-12-31',
};

describe('EnteGestorePage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'enti-gestori/:id', component: EnteGestorePage }]),
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
  const button = (label: string) => [...view().querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);

  function signInAs(role: Role): void {
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(role)));
  }

  async function open(ente = anEnte(), projects: Page<ProjectSummary> = { items: [PROJECT], total: 1, page: 1, pageSize: ENTE_PROJECTS_SHOWN }) {
    await harness.navigateByUrl(`/enti-gestori/${ente.id}`);
    http.expectOne(`${ENTI_GESTORI_API_URL}/${ente.id}`).flush(ente);
    const list = http.expectOne((req) => req.url === PROJECTS_API_URL);
    expect(list.request.params.get('enteGestoreId')).toBe(ente.id);
    list.flush(projects);
    harness.detectChanges();
    await harness.fixture.whenStable();
  }

  it('shows the ente and its projects; a referent gets no edit or review action', async () => {
    signInAs('COMUNE_REFERENT');
    await open(anEnte({ proposed: true }));
    expect(text(view().querySelector('h1'))).toBe('Cooperativa Sociale Il Pellicano');
    expect(text(view().querySelector('header'))).toContain('Da verificare');
    const details = Object.fromEntries([...view().querySelectorAll('.detail-row')].map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]));
    expect(details).toEqual({
      'Codice fiscale o partita IVA': '02118311006',
      'Forma giuridica': 'Cooperativa sociale',
      'Sede (Comune)': 'Palermo',
      'E-mail': 'info@ilpellicano.example',
      PEC: 'non indicato',
      Telefono: 'non indicato',
      'Sito web': 'www.ilpellicano.example (si apre in una nuova finestra)',
    });
    expect(view().querySelector('.detail-row a[href^="/comuni/"]')).not.toBeNull();
    expect(text(view().querySelector('#ente-projects-heading'))).toBe('Progetti gestiti (2)');
    const row = view().querySelector('.projects-table tbody tr');
    expect([...(row?.children ?? [])].map((cell) => text(cell))).toEqual([
      'PROG-3-PR-2',
      'Accoglienza Canicattini',
      'Canicattini Bagni',
      'Ordinari',
      'Attivo',
      '25',
      '01/01/2023 – 31/12/2025',
    ]);
    expect(row?.querySelector('a')?.getAttribute('href')).toBe('/progetti/p-3');
    expect(button('Segna come verificato')).toBeUndefined();
    expect(view().querySelector('a[href$="/modifica"]')).toBeNull();
  });

  it('lets the secretariat mark a proposal as reviewed, and handles a stale version', async () => {
    signInAs('SECRETARIAT');
    const ente = anEnte({ proposed: true, version: 2 });
    await open(ente, { items: [], total: 0, page: 1, pageSize: ENTE_PROJECTS_SHOWN });
    expect(text(view())).toContain("L'ente non gestisce progetti SAI.");
    expect(view().querySelector('a[href$="/modifica"]')?.getAttribute('href')).toBe(`/enti-gestori/${ente.id}/modifica`);

    button('Segna come verificato')?.click();
    let patch = http.expectOne(`${ENTI_GESTORI_API_URL}/${ente.id}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ version: 2, proposed: false });
    patch.flush({ type: STALE_VERSION_PROBLEM_TYPE, title: 'Conflict', status: 409, detail: 'Stale.' }, { status: 409, statusText: 'Conflict' });
    harness.detectChanges();
    expect(text(view().querySelector('[role="alert"]'))).toContain('Qualcun altro ha modificato');

    button('Ricarica i dati')?.click();
    http.expectOne(`${ENTI_GESTORI_API_URL}/${ente.id}`).flush(anEnte({ proposed: true, version: 3 }));
    http.expectOne((req) => req.url === PROJECTS_API_URL).flush({ items: [], total: 0, page: 1, pageSize: ENTE_PROJECTS_SHOWN });
    harness.detectChanges();

    button('Segna come verificato')?.click();
    patch = http.expectOne(`${ENTI_GESTORI_API_URL}/${ente.id}`);
    expect(patch.request.body).toEqual({ version: 3, proposed: false });
    patch.flush(anEnte({ proposed: false, version: 4 }));
    harness.detectChanges();
    await harness.fixture.whenStable();
    expect(text(view().querySelector('[role="status"].alert-success'))).toBe("L'ente gestore è stato segnato come verificato.");
    expect(button('Segna come verificato')).toBeUndefined();
    expect(text(view().querySelector('header'))).not.toContain('Da verificare');
  });

  it('says "not found" for an unknown ente, and survives a failed project list', async () => {
    signInAs('SECRETARIAT');
    await harness.navigateByUrl('/enti-gestori/nope');
    http
      .expectOne(`${ENTI_GESTORI_API_URL}/nope`)
      .flush({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No.' }, { status: 404, statusText: 'Not Found' });
    harness.detectChanges();
    expect(text(view().querySelector('h1'))).toBe('Ente gestore non trovato');

    await harness.navigateByUrl(`/enti-gestori/${anEnte().id}`);
    http.expectOne(`${ENTI_GESTORI_API_URL}/${anEnte().id}`).flush(anEnte());
    http.expectOne((req) => req.url === PROJECTS_API_URL).error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    harness.detectChanges();
    expect(text(view().querySelector('h1'))).toBe('Cooperativa Sociale Il Pellicano');
    expect(text(view().querySelector('[role="alert"]'))).toContain('Impossibile caricare i progetti');
  });
});
