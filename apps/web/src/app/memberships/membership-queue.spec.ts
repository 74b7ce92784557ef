import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { MEMBERSHIP_SEARCH_DEBOUNCE_MS, MembershipQueue } from './membership-queue';
import { MEMBERSHIPS_API_URL } from './memberships-api.service';
import { aMembership, pageOf, summaryOf, textOf } from './memberships-testing';

@Component({ selector: 'cp-read-only-queue', imports: [MembershipQueue], template: '<cp-membership-queue [readOnly]="true" />' })
class ReadOnlyQueue {}

describe('MembershipQueue', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'adesioni', component: MembershipQueue },
          { path: 'sola-lettura', component: ReadOnlyQueue },
        ]),
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

  const element = () => harness.routeNativeElement as HTMLElement;
  const list = () => http.expectOne((req) => req.method === 'GET' && req.url === MEMBERSHIPS_API_URL);
  const rows = () => [...element().querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => textOf(cell)));
  const settle = async () => {
    harness.detectChanges();
    await harness.fixture.whenStable();
    harness.detectChanges();
  };

  it('opens on the requests to decide, oldest first, each row opening its membership', async () => {
    await harness.navigateByUrl('/adesioni');
    const req = list();
    expect(req.request.params.get('status')).toBe('REQUESTED');
    expect(req.request.params.get('sort')).toBe('requestedAt');
    const membership = aMembership();
    req.flush(pageOf([summaryOf(membership)]));
    await settle();
    expect(textOf(element().querySelector('h1'))).toBe('Adesioni al coordinamento');
    expect(textOf(element().querySelector('.nav-link.active'))).toBe('In attesa');
    expect(element().querySelector('.nav-link.active')?.getAttribute('aria-current')).toBe('page');
    expect(textOf(element().querySelector('[role="status"]'))).toBe('1 adesione');
    expect(rows()).toEqual([
      ['Canicattini Bagni', 'Siracusa', 'Richiesta in attesa', 'Rosa LombardoResponsabile dei servizi sociali', '10 mar 2025, 10:15', '10 mar 2025, 10:15'],
    ]);
    expect(element().querySelector('tbody a')?.getAttribute('href')).toBe(`/adesioni/${membership.id}`);
  });

  it('switches status with the tabs, and filters by province and Comune in the URL', async () => {
    await harness.navigateByUrl('/adesioni');
    list().flush(pageOf([]));
    await settle();
    expect(textOf(element().querySelector('.empty-state'))).toBe('Nessuna richiesta da decidere');

    const all = [...element().querySelectorAll<HTMLAnchorElement>('.nav-link')].find((a) => textOf(a) === 'Tutte');
    expect(all?.getAttribute('href')).toBe('/adesioni?status=ALL');
    all?.click();
    await settle();
    const everything = list();
    expect(everything.request.params.has('status')).toBe(false);
    everything.flush(pageOf([]));
    await settle();

    const province = element().querySelector<HTMLSelectElement>('#memberships-province');
    if (!province) throw new Error('no province select');
    province.value = 'SR';
    province.dispatchEvent(new Event('change'));
    await settle();
    list().flush(pageOf([]));
    const search = element().querySelector<HTMLInputElement>('#memberships-search');
    if (!search) throw new Error('no search box');
    search.value = 'Cani';
    search.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, MEMBERSHIP_SEARCH_DEBOUNCE_MS + 20));
    await settle();
    const filtered = list();
    expect(filtered.request.params.get('province')).toBe('SR');
    expect(filtered.request.params.get('q')).toBe('Cani');
    filtered.flush(pageOf([]));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/adesioni?status=ALL&q=Cani&province=SR');
    expect(textOf(element().querySelector('.empty-state'))).toContain('Prova con un altro nome');
  });

  it('is a read-only list for the Servizio Centrale', async () => {
    await harness.navigateByUrl('/sola-lettura');
    list().flush(pageOf([]));
    await settle();
    expect(textOf(element().querySelector('.lead'))).toBe('Le adesioni dei Comuni al coordinamento regionale, con la loro cronologia.');
  });

  it('says when the list cannot be read, and retries', async () => {
    await harness.navigateByUrl('/adesioni');
    list().flush({ type: 'about:blank', title: 'Errore', status: 500, detail: 'Riprova più tardi.' }, { status: 500, statusText: 'Error' });
    await settle();
    expect(textOf(element().querySelector('.alert-danger'))).toContain('Riprova più tardi.');
    [...element().querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b) === 'Riprova')?.click();
    list().flush(pageOf([]));
    await settle();
    expect(element().querySelector('.alert-danger')).toBeNull();
  });
});
