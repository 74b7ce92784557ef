import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DirectoryEntry, DirectoryPage, ProblemDetails } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { COMUNI_API_URL } from './comuni-api.service';
import { ComuniPage, SEARCH_DEBOUNCE_MS } from './comuni-page';

const PALERMO: DirectoryEntry = {
  id: '0b6f7f0e-1d5c-4a8e-9b1e-000000082053',
  kind: 'COMUNE',
  name: 'Palermo',
  province: 'PA',
  istatCode: '082053',
  codiceCatastale: 'G273',
  population: 630828,
  membershipStatus: 'ACTIVE',
  projectCount: 2,
  posti: { ORDINARI: 120, MSNA: 1200, DM_DS: 0 },
  postiTotal: 1320,
};
const CANICATTINI: DirectoryEntry = {
  id: '0b6f7f0e-1d5c-4a8e-9b1e-000000089004',
  kind: 'COMUNE',
  name: 'Canicattini Bagni',
  province: 'SR',
  istatCode: '089004',
  codiceCatastale: 'B603',
  population: 7051,
  membershipStatus: null,
  projectCount: 1,
  posti: { ORDINARI: 25, MSNA: 0, DM_DS: 0 },
  postiTotal: 25,
};
const MISILISCEMI: DirectoryEntry = {
  id: '0b6f7f0e-1d5c-4a8e-9b1e-000000081025',
  kind: 'COMUNE',
  name: 'Misiliscemi',
  province: 'TP',
  istatCode: '081025',
  codiceCatastale: null,
  population: null,
  membershipStatus: 'REQUESTED',
  projectCount: 0,
  posti: { ORDINARI: 0, MSNA: 0, DM_DS: 0 },
  postiTotal: 0,
};

function page(
  items: DirectoryEntry[],
  total: number,
  pageNumber = 1,
  pageSize = 20,
  provinceTotals: DirectoryPage['provinceTotals'] = [],
): DirectoryPage {
  return { items, total, page: pageNumber, pageSize, provinceTotals };
}

describe('ComuniPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'comuni', component: ComuniPage }]),
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
  const text = () => view().textContent?.replace(/\s+/g, ' ') ?? '';
  const url = () => TestBed.inject(Router).url;

  /** The one pending directory request; its query string as an object. */
  function pending(): { req: TestRequest; params: Record<string, string> } {
    const req = http.expectOne((r) => r.url === COMUNI_API_URL);
    const params = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k) ?? '']));
    return { req, params };
  }

  function respond(body: DirectoryPage): void {
    pending().req.flush(body);
    harness.detectChanges();
  }

  function select(id: string, value: string): void {
    const element = view().querySelector<HTMLSelectElement>(`#${id}`);
    if (!element) throw new Error(`no select #${id}`);
    element.value = value;
    element.dispatchEvent(new Event('change'));
  }

  it('asks for the first page sorted by name, then renders the rows and the total', async () => {
    await harness.navigateByUrl('/comuni');
    expect(view().querySelector('[aria-busy="true"]')).not.toBeNull();

    const { req, params } = pending();
    expect(params).toEqual({ page: '1', pageSize: '20', sort: 'name' });
    req.flush(page([PALERMO, CANICATTINI, MISILISCEMI], 391));
    harness.detectChanges();

    expect(view().querySelector('h1')?.textContent).toContain('Rete dei Comuni');
    expect(view().querySelector('[aria-busy="true"]')).toBeNull();
    expect(text()).toContain('391 risultati');

    const rows = [...view().querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(3);
    const cells = (row: Element) => [...row.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells(rows[0])).toEqual(['Palermo', 'PAPalermo', 'Aderente', '2', '120', '1.200', '0', '1.320', '082053', '630.828']);
    expect(rows[0].querySelector('th')?.getAttribute('scope')).toBe('row');
    expect(rows[0].querySelector('th a')?.getAttribute('href')).toBe(`/comuni/${PALERMO.id}`);
    expect(cells(rows[1])[9]).toBe('7.051'); // thousands always grouped, as in 630.828
    expect(cells(rows[1])[2]).toBe('Non aderente');
    expect(cells(rows[2])[9]).toContain('dato non disponibile');
    expect(cells(rows[2])[2]).toBe('Adesione richiesta');

    expect(view().querySelector('caption')?.textContent).toContain('pagina 1 di 20');
    const headers = [...view().querySelectorAll('thead th')];
    expect(headers.every((th) => ['col', 'colgroup'].includes(th.getAttribute('scope') ?? ''))).toBe(true);
    expect(headers.map((th) => th.textContent?.trim())).toEqual([
      'Nome',
      'Provincia',
      'Adesione',
      'Progetti SAI',
      'Posti finanziati',
      'Codice ISTAT',
      'Popolazione',
      'Ordinari',
      'MSNA',
      'DM-DS',
      'Totale',
    ]);
    expect(view().querySelector('th[aria-sort="ascending"]')?.textContent).toContain('Nome');
    expect(view().querySelector('.pagination [aria-current="page"]')?.textContent).toContain('1');
  });

  it('shows the empty state when nothing matches', async () => {
    await harness.navigateByUrl('/comuni?q=atlantide');
    const { req, params } = pending();
    expect(params['q']).toBe('atlantide');
    req.flush(page([], 0));
    harness.detectChanges();

    expect(text()).toContain('Nessun Comune corrisponde alla ricerca');
    expect(text()).toContain('0 risultati');
    expect(view().querySelector('table')).toBeNull();
    expect(view().querySelector<HTMLInputElement>('#comuni-search')?.value).toBe('atlantide');
  });

  it("shows the API's problem detail when the request is refused", async () => {
    await harness.navigateByUrl('/comuni?pageSize=100');
    const problem: ProblemDetails = {
      type: 'https://coopera.example/problems/validation',
      title: 'Richiesta non valida',
      status: 400,
      detail: 'Il parametro pageSize deve essere compreso tra 1 e 100.',
      errors: [{ name: 'pageSize', reason: 'deve essere al massimo 100' }],
    };
    pending().req.flush(problem, {
      status: 400,
      statusText: 'Bad Request',
      headers: { 'Content-Type': 'application/problem+json' },
    });
    harness.detectChanges();

    const alert = view().querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Richiesta non valida');
    expect(alert?.textContent).toContain('Il parametro pageSize deve essere compreso tra 1 e 100.');
    expect(alert?.textContent).toContain('deve essere al massimo 100');
    expect(view().querySelector('table')).toBeNull();
  });

  it('falls back to a generic message when the API is unreachable, and retries on demand', async () => {
    await harness.navigateByUrl('/comuni');
    pending().req.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    harness.detectChanges();
    expect(view().querySelector('[role="alert"]')?.textContent).toContain('Il servizio non risponde');

    view().querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    respond(page([PALERMO], 1));
    expect(view().querySelector('[role="alert"]')).toBeNull();
    expect(text()).toContain('1 risultato');
  });

  it('restores filters from the URL (a reload keeps them)', async () => {
    await harness.navigateByUrl('/comuni?province=CT&kind=COMUNE&sort=-population&page=3&pageSize=50');
    const { req, params } = pending();
    expect(params).toEqual({ page: '3', pageSize: '50', sort: '-population', province: 'CT', kind: 'COMUNE' });
    req.flush(page([PALERMO], 58, 3, 50));
    harness.detectChanges();

    expect(view().querySelector<HTMLSelectElement>('#comuni-province')?.value).toBe('CT');
    expect(view().querySelector<HTMLSelectElement>('#comuni-kind')?.value).toBe('COMUNE');
    expect(view().querySelector<HTMLSelectElement>('#comuni-page-size')?.value).toBe('50');
    expect(view().querySelector('th[aria-sort="descending"]')?.textContent).toContain('Popolazione');
  });

  it('writes filter, sort and page changes to the query string and reloads', async () => {
    await harness.navigateByUrl('/comuni');
    respond(page([PALERMO], 391));

    select('comuni-province', 'PA');
    await harness.fixture.whenStable();
    expect(url()).toBe('/comuni?province=PA');
    harness.detectChanges();
    // while the new page loads, the results are marked busy and the old rows stay (dimmed)
    expect(view().querySelector('section[aria-busy="true"] .table-responsive.is-loading tbody tr')).not.toBeNull();
    let next = pending();
    expect(next.params).toEqual({ page: '1', pageSize: '20', sort: 'name', province: 'PA' });
    next.req.flush(page([PALERMO], 82));
    harness.detectChanges();
    expect(view().querySelector('[aria-busy="true"]')).toBeNull();

    select('comuni-kind', 'CITTA_METROPOLITANA');
    await harness.fixture.whenStable();
    expect(url()).toBe('/comuni?province=PA&kind=CITTA_METROPOLITANA');
    pending().req.flush(page([PALERMO], 1));
    harness.detectChanges();

    const nameSort = [...view().querySelectorAll<HTMLButtonElement>('th button')].find((b) =>
      b.textContent?.includes('Nome'),
    );
    nameSort?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/comuni?province=PA&kind=CITTA_METROPOLITANA&sort=-name');
    pending().req.flush(page([PALERMO], 1));
    harness.detectChanges();

    select('comuni-page-size', '50');
    await harness.fixture.whenStable();
    expect(url()).toBe('/comuni?province=PA&kind=CITTA_METROPOLITANA&sort=-name&pageSize=50');
    next = pending();
    expect(next.params['pageSize']).toBe('50');
    next.req.flush(page([PALERMO], 1, 1, 50));
  });

  it('links pages through the query string, keeping the filters', async () => {
    await harness.navigateByUrl('/comuni?province=ME');
    respond(page([PALERMO], 108));

    const links = [...view().querySelectorAll<HTMLAnchorElement>('.pagination a')];
    expect(links.map((a) => a.getAttribute('href'))).toContain('/comuni?province=ME&page=2');
    links.find((a) => a.getAttribute('href') === '/comuni?province=ME&page=6')?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/comuni?province=ME&page=6');
    expect(pending().params).toEqual({ page: '6', pageSize: '20', sort: 'name', province: 'ME' });
  });

  it('searches once the user stops typing, starting again from page 1', async () => {
    await harness.navigateByUrl('/comuni?page=2');
    respond(page([PALERMO], 391, 2));

    const input = view().querySelector<HTMLInputElement>('#comuni-search');
    if (!input) throw new Error('no search box');
    // Fake timers for the typing only: the router and change detection run on real ones.
    jest.useFakeTimers();
    try {
      for (const typed of ['Cani', 'Canicat', 'Canicattì ']) {
        input.value = typed;
        input.dispatchEvent(new Event('input'));
        await jest.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS / 3);
      }
      http.expectNone((r) => r.url === COMUNI_API_URL);
      await jest.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
      // What the debounced search scheduled (the navigation's change detection) runs on them too.
      await jest.runOnlyPendingTimersAsync();
    } finally {
      jest.useRealTimers();
    }
    await harness.fixture.whenStable();

    expect(url()).toBe('/comuni?q=Canicatt%C3%AC');
    const { req, params } = pending();
    expect(params).toEqual({ page: '1', pageSize: '20', sort: 'name', q: 'Canicattì' });
    req.flush(page([CANICATTINI], 1));
    harness.detectChanges();
    expect(input.value).toBe('Canicattì ');
  });
  it('filters by membership (also "Non aderente") and by SAI projects, in the URL', async () => {
    await harness.navigateByUrl('/comuni');
    respond(page([PALERMO], 391));

    const membership = view().querySelector<HTMLSelectElement>('#comuni-membership');
    expect([...(membership?.options ?? [])].map((o) => o.textContent?.trim())).toEqual([
      'Tutti',
      'Adesione richiesta',
      'Aderente',
      'Adesione respinta',
      'Adesione sospesa',
      'Adesione cessata',
      'Non aderente',
    ]);
    select('comuni-membership', 'NONE');
    await harness.fixture.whenStable();
    expect(url()).toBe('/comuni?membership=NONE');
    let next = pending();
    expect(next.params).toEqual({ page: '1', pageSize: '20', sort: 'name', membership: 'NONE' });
    next.req.flush(page([CANICATTINI], 370));
    harness.detectChanges();

    const withProjects = view().querySelector<HTMLInputElement>('#comuni-with-projects');
    if (!withProjects) throw new Error('no checkbox');
    withProjects.checked = true;
    withProjects.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();
    expect(url()).toBe('/comuni?membership=NONE&withProjects=true');
    next = pending();
    expect(next.params).toEqual({ page: '1', pageSize: '20', sort: 'name', membership: 'NONE', withProjects: 'true' });
    next.req.flush(page([CANICATTINI], 1));
    harness.detectChanges();
    expect(view().querySelector<HTMLInputElement>('#comuni-with-projects')?.checked).toBe(true);

    [...view().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Azzera i filtri'))?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/comuni');
    pending().req.flush(page([PALERMO], 391));
  });

  it('sorts by total posti and by number of projects', async () => {
    await harness.navigateByUrl('/comuni?sort=-postiTotal');
    const { req, params } = pending();
    expect(params['sort']).toBe('-postiTotal');
    req.flush(page([PALERMO, CANICATTINI], 2));
    harness.detectChanges();
    expect(view().querySelector('th[aria-sort="descending"]')?.textContent).toContain('Totale');

    const projects = [...view().querySelectorAll<HTMLButtonElement>('th button')].find((b) => b.textContent?.includes('Progetti SAI'));
    projects?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/comuni?sort=projectCount');
    pending().req.flush(page([MISILISCEMI], 1));
  });

  it('shows the totals per province of the filtered set, with a total line', async () => {
    await harness.navigateByUrl('/comuni?withProjects=true');
    respond(
      page([PALERMO, CANICATTINI], 2, 1, 20, [
        { province: 'PA', comuni: 1, members: 1, projects: 2, posti: 1320 },
        { province: 'SR', comuni: 1, members: 0, projects: 1, posti: 25 },
      ]),
    );
    const table = view().querySelector('cp-province-totals-table table');
    expect(table?.querySelector('caption')?.textContent).toContain('Comuni, aderenti, progetti e posti per provincia');
    const rows = [...(table?.querySelectorAll('tr') ?? [])].map((row) =>
      [...row.children].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toEqual([
      ['Provincia', 'Comuni', 'Aderenti', 'Progetti', 'Posti'],
      ['Palermo (PA)', '1', '1', '2', '1.320'],
      ['Siracusa (SR)', '1', '0', '1', '25'],
      ['Totale', '2', '1', '3', '1.345'],
    ]);
    expect(table?.querySelectorAll('tbody th[scope="row"]')).toHaveLength(2);
  });
});
