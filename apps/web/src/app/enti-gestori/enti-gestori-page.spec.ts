import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { EnteGestore, Page, Role } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { ENTI_GESTORI_API_URL } from './enti-gestori-api.service';
import { ENTI_SEARCH_DEBOUNCE_MS, EntiGestoriPage } from './enti-gestori-page';
import { anEnte } from './enti-gestori-testing';

function page(items: EnteGestore[], total = items.length, pageNumber = 1): Page<EnteGestore> {
  return { items, total, page: pageNumber, pageSize: 20 };
}

describe('EntiGestoriPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'enti-gestori', component: EntiGestoriPage }]),
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
  const url = () => TestBed.inject(Router).url;

  function signInAs(role: Role): void {
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(role)));
  }

  /** Types into the search box and waits out its debounce on fake timers (the router and change detection run on real ones). */
  async function type(input: HTMLInputElement, value: string): Promise<void> {
    jest.useFakeTimers();
    try {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await jest.advanceTimersByTimeAsync(ENTI_SEARCH_DEBOUNCE_MS);
      // What the debounced search scheduled (the navigation's change detection) runs on them too.
      await jest.runOnlyPendingTimersAsync();
    } finally {
      jest.useRealTimers();
    }
    await harness.fixture.whenStable();
  }

  function pending(): { req: TestRequest; params: Record<string, string> } {
    const req = http.expectOne((r) => r.url === ENTI_GESTORI_API_URL);
    const params = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k) ?? '']));
    return { req, params };
  }

  it('lists the register with its columns, and offers "new" only to enti:manage', async () => {
    signInAs('COMUNE_REFERENT');
    await harness.navigateByUrl('/enti-gestori');
    const { req, params } = pending();
    expect(params).toEqual({ page: '1', pageSize: '20', sort: 'name' });
    req.flush(page([anEnte({ proposed: true }), anEnte({ id: 'e-2', name: 'Associazione Esempio', legalForm: 'ASSOCIAZIONE', seatComuneName: null, seatComuneId: null, projectCount: 0 })]));
    harness.detectChanges();

    expect(text(view().querySelector('h1'))).toBe('Enti gestori');
    expect(text(view().querySelector('.results-count'))).toBe('2 enti gestori');
    const rows = [...view().querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => text(cell)));
    expect(rows).toEqual([
      ['Cooperativa Sociale Il PellicanoDa verificare', '02118311006', 'Cooperativa sociale', 'Palermo', '2'],
      ['Associazione Esempio', '02118311006', 'Associazione', '—sede non indicata', '0'],
    ]);
    expect(view().querySelector('tbody a')?.getAttribute('href')).toBe(`/enti-gestori/${anEnte().id}`);
    expect(view().querySelector('a[href="/enti-gestori/nuovo"]')).toBeNull();
  });

  it('shows "new" to the secretariat', async () => {
    signInAs('SECRETARIAT');
    await harness.navigateByUrl('/enti-gestori');
    pending().req.flush(page([anEnte()]));
    harness.detectChanges();
    expect(text(view().querySelector('a[href="/enti-gestori/nuovo"]'))).toBe('Nuovo ente gestore');
  });

  it('searches by tax code or name, filters the proposals, sorts and pages through the URL', async () => {
    signInAs('SECRETARIAT');
    await harness.navigateByUrl('/enti-gestori');
    pending().req.flush(page([anEnte()], 45));
    harness.detectChanges();

    const input = view().querySelector<HTMLInputElement>('#enti-search');
    if (!input) throw new Error('no search box');
    await type(input, '021 1831 1006');
    expect(url()).toBe('/enti-gestori?q=021%201831%201006');
    let next = pending();
    expect(next.params).toEqual({ page: '1', pageSize: '20', sort: 'name', taxCode: '02118311006' });
    next.req.flush(page([anEnte()]));
    harness.detectChanges();

    await type(input, 'pellicano');
    next = pending();
    expect(next.params).toEqual({ page: '1', pageSize: '20', sort: 'name', q: 'pellicano' });
    next.req.flush(page([anEnte()]));
    harness.detectChanges();

    const proposed = view().querySelector<HTMLInputElement>('#enti-proposed');
    if (!proposed) throw new Error('no checkbox');
    proposed.checked = true;
    proposed.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();
    expect(url()).toBe('/enti-gestori?q=pellicano&proposed=true');
    next = pending();
    expect(next.params['proposed']).toBe('true');
    next.req.flush(page([anEnte({ proposed: true })], 45));
    harness.detectChanges();

    [...view().querySelectorAll<HTMLButtonElement>('th button')].find((b) => text(b).includes('Progetti'))?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/enti-gestori?q=pellicano&proposed=true&sort=projectCount');
    pending().req.flush(page([anEnte()], 45));
    harness.detectChanges();
    expect(view().querySelector('th[aria-sort="ascending"]')?.textContent).toContain('Progetti');

    [...view().querySelectorAll<HTMLButtonElement>('.pagination button')].find((b) => text(b) === 'Pagina 2')?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/enti-gestori?q=pellicano&proposed=true&sort=projectCount&page=2');
    next = pending();
    expect(next.params['page']).toBe('2');
    next.req.flush(page([anEnte()], 45, 2));
  });

  it('shows the empty state and the error with a retry', async () => {
    signInAs('SECRETARIAT');
    await harness.navigateByUrl('/enti-gestori?q=atlantide');
    pending().req.flush(page([]));
    harness.detectChanges();
    expect(text(view())).toContain('Nessun ente gestore corrisponde alla ricerca');
    expect(view().querySelector('table')).toBeNull();

    await harness.navigateByUrl('/enti-gestori');
    pending().req.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    harness.detectChanges();
    expect(text(view().querySelector('[role="alert"]'))).toContain('Il servizio non risponde');
    view().querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    pending().req.flush(page([anEnte()]));
    harness.detectChanges();
    expect(view().querySelector('[role="alert"]')).toBeNull();
  });
});
