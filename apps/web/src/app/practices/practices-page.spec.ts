import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Page, PracticeSummary, Role } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { PRACTICES_API_URL } from './practices-api.service';
import { PracticesPage } from './practices-page';

function aSummary(overrides: Partial<PracticeSummary> = {}): PracticeSummary {
  return {
    id: 'p1',
    title: 'Tirocini formativi per titolari di protezione',
    excerpt: 'Percorsi di sei mesi con imprese del territorio…',
    headline: null,
    kind: 'BUONA_PRATICA',
    tags: ['lavoro', 'tirocini'],
    comuneId: 'c1',
    comuneName: 'Canicattini Bagni',
    link: null,
    document: null,
    authorName: null,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    version: 1,
    ...overrides,
  };
}

const pageOf = (items: PracticeSummary[]): Page<PracticeSummary> => ({ items, total: items.length, page: 1, pageSize: 10 });

describe('PracticesPage', () => {
  let http: HttpTestingController;

  async function open(url: string, role: Role = 'COMUNE_REFERENT') {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'buone-pratiche', component: PracticesPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(role)));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    http.expectOne(`${PRACTICES_API_URL}/tags`).flush([
      { tag: 'lavoro', count: 2 },
      { tag: 'tirocini', count: 2 },
    ]);
    const root = harness.routeNativeElement as HTMLElement;
    const clean = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    return { harness, root, clean };
  }

  afterEach(() => http.verify());

  it('searches with the words of the address and shows the matching passage, hits marked', async () => {
    const { harness, root, clean } = await open('/buone-pratiche?q=tirocinio');
    const list = http.expectOne((r) => r.url === PRACTICES_API_URL);
    expect(list.request.params.toString()).toBe('page=1&pageSize=10&q=tirocinio');
    // Were the API ever to let markup through, Angular's sanitiser strips it (and says so).
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    list.flush(pageOf([aSummary({ headline: 'Percorsi di <mark>tirocinio</mark> con &lt;imprese&gt;<script>alert(1)</script>' })]));
    harness.detectChanges();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('sanitizing HTML stripped some content'));
    warn.mockRestore();

    expect(clean(root.querySelector('#practices-search-hint'))).toBe('Cerca nel titolo, nella descrizione e nei tag: «tirocinio» trova anche «tirocini».');
    expect(root.querySelector<HTMLInputElement>('#practices-search')?.value).toBe('tirocinio');
    const card = root.querySelector('.practice-card');
    expect(clean(card?.querySelector('.practice-kind'))).toBe('Buona pratica');
    expect(clean(card?.querySelector('.practice-source'))).toBe('Canicattini Bagni');
    expect(card?.querySelector('h3 a')?.getAttribute('href')).toBe('/buone-pratiche/p1');
    const headline = card?.querySelector('.headline');
    expect(headline?.querySelector('mark')?.textContent).toBe('tirocinio');
    expect(headline?.querySelector('script')).toBeNull();
    expect(clean(headline)).toBe('Percorsi di tirocinio con <imprese>');
    expect(root.querySelector<HTMLSelectElement>('#practices-sort')?.value).toBe('relevance');
  });

  it('offers the tags as filters, the excerpt without a search, and the way to share', async () => {
    const { harness, root, clean } = await open('/buone-pratiche?tag=lavoro');
    http.expectOne((r) => r.url === PRACTICES_API_URL && r.params.get('tag') === 'lavoro').flush(pageOf([aSummary({ comuneId: null, comuneName: null, headline: 'ignored' })]));
    harness.detectChanges();
    const chips = [...root.querySelectorAll('.tag-chip')];
    expect(chips.map((chip) => chip.getAttribute('aria-current'))).toEqual(['true', null]);
    expect(chips[0]?.getAttribute('href')).toBe('/buone-pratiche');
    expect(chips[1]?.getAttribute('href')).toBe('/buone-pratiche?tag=tirocini');
    expect(clean(root.querySelector('.practice-text'))).toBe('Percorsi di sei mesi con imprese del territorio…');
    expect(clean(root.querySelector('.practice-source'))).toBe('Coordinamento');
    expect(root.querySelector('a[href="/buone-pratiche/nuova"]')).not.toBeNull();
    expect([...root.querySelectorAll<HTMLOptionElement>('#practices-sort option')].map((o) => o.value)).not.toContain('relevance');
  });

  it('says when nothing is found, and offers no sharing to the Servizio Centrale', async () => {
    const { harness, root, clean } = await open('/buone-pratiche?q=zzz', 'SERVIZIO_CENTRALE');
    http.expectOne((r) => r.url === PRACTICES_API_URL).flush(pageOf([]));
    harness.detectChanges();
    expect([...root.querySelectorAll('.empty-state p')].map(clean)).toEqual(['Nessuna pratica trovata.', 'Prova con altre parole o togli qualche filtro.']);
    expect(root.querySelector('a[href="/buone-pratiche/nuova"]')).toBeNull();
  });
});
