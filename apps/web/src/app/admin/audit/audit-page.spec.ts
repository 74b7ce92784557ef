import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuditEventView, Page, ProblemDetails } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../../testing/i18n-testing';
import { AUDIT_API_URL } from './audit-api.service';
import { AuditPage } from './audit-page';

function anEvent(overrides: Partial<AuditEventView> = {}): AuditEventView {
  return {
    id: 'e1',
    occurredAt: '2024-07-15T08:30:05Z',
    action: 'auth.login.succeeded',
    actorId: 'u1',
    actorEmail: 'segreteria@coopera.example',
    actorRole: 'SECRETARIAT',
    comuneId: null,
    comuneName: null,
    entityType: null,
    entityId: null,
    changes: null,
    ip: '127.0.0.1',
    detail: null,
    ...overrides,
  };
}

const EVENTS: AuditEventView[] = [
  anEvent(),
  anEvent({
    id: 'e2',
    occurredAt: '2024-01-10T16:00:00Z',
    action: 'user.update',
    actorEmail: 'admin@coopera.example',
    actorRole: 'ADMIN',
    comuneId: 'c1',
    comuneName: 'Noto',
    entityType: 'user',
    entityId: 'u9',
    changes: { role: { before: 'SECRETARIAT', after: 'COMUNE_REFERENT' }, comuneId: { before: null, after: 'c1' } },
    ip: null,
    detail: 'Ruolo cambiato',
  }),
  anEvent({ id: 'e3', action: 'comune.update', actorId: null, actorEmail: null, actorRole: null }),
];

const page = (items: AuditEventView[], total = items.length, pageNumber = 1): Page<AuditEventView> => ({
  items,
  total,
  page: pageNumber,
  pageSize: 20,
});

describe('AuditPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'amministrazione/registro', component: AuditPage }]),
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
  const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const text = () => clean(view());
  const url = () => TestBed.inject(Router).url;
  const rows = () => [...view().querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => clean(cell)));

  function pending(): { req: TestRequest; params: Record<string, string> } {
    const req = http.expectOne((r) => r.url === AUDIT_API_URL);
    const params = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k) ?? '']));
    return { req, params };
  }

  function respond(body: Page<AuditEventView>): void {
    pending().req.flush(body);
    harness.detectChanges();
  }

  function change(id: string, value: string): void {
    const element = view().querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`);
    if (!element) throw new Error(`no field #${id}`);
    element.value = value;
    element.dispatchEvent(new Event('change'));
  }

  it('asks for the first page, then renders the events with labels, Rome times, actors and changes', async () => {
    await harness.navigateByUrl('/amministrazione/registro');
    expect(view().querySelector('[aria-busy="true"]')).not.toBeNull();
    const { req, params } = pending();
    expect(params).toEqual({ page: '1', pageSize: '20' });
    req.flush(page(EVENTS, 3));
    harness.detectChanges();

    expect(clean(view().querySelector('h1'))).toBe('Registro delle attività');
    expect(text()).toContain('3 eventi');
    const [first, second, third] = rows();
    expect(first[0]).toBe('15/07/2024, 10:30:05'); // summer: UTC+2
    expect(first[1]).toBe('Accesso riuscito');
    expect(first[2]).toContain('segreteria@coopera.example');
    expect(first[2]).toContain('Segreteria del coordinamento');
    expect(first[3]).toContain('Nessun Comune');
    expect(second[0]).toBe('10/01/2024, 17:00:00'); // winter: UTC+1
    expect(second[1]).toBe('Account modificato');
    expect(second[3]).toBe('Noto');
    expect(third[1]).toBe('comune.update'); // unknown actions shown raw
    expect(third[2]).toBe('Sconosciuto');

    const details = view().querySelectorAll('details.changes');
    expect(details).toHaveLength(1);
    expect(clean(details[0].querySelector('summary'))).toBe('Modifiche (2)');
    const changes = [...details[0].querySelectorAll('.change')].map((c) => [clean(c.querySelector('dt')), clean(c.querySelector('dd'))]);
    expect(changes).toEqual([
      ['role', 'prima: SECRETARIAT → dopo: COMUNE_REFERENT'],
      ['comuneId', 'prima: (vuoto) → dopo: c1'],
    ]);
    expect(second[4]).toContain('Ruolo cambiato');
  });

  it('keeps the filters in the URL and sends them as an action prefix and Rome instants', async () => {
    await harness.navigateByUrl('/amministrazione/registro');
    respond(page(EVENTS));

    change('audit-category', 'auth.');
    await harness.fixture.whenStable();
    expect(url()).toBe('/amministrazione/registro?action=auth.');
    expect(pending().params).toEqual({ page: '1', pageSize: '20', action: 'auth.' });
  });

  it('reads the filters from the URL', async () => {
    await harness.navigateByUrl('/amministrazione/registro?action=user.&from=2024-01-01&to=2024-01-31&page=2');
    const { req, params } = pending();
    expect(params).toEqual({
      page: '2',
      pageSize: '20',
      action: 'user.',
      from: '2023-12-31T23:00:00.000Z',
      to: '2024-01-31T23:00:00.000Z',
    });
    req.flush(page([], 0, 2));
    harness.detectChanges();
    expect(view().querySelector<HTMLSelectElement>('#audit-category')?.value).toBe('user.');
    expect(view().querySelector<HTMLInputElement>('#audit-from')?.value).toBe('2024-01-01');
  });

  it('says so when there are no events, and offers to clear the filters', async () => {
    await harness.navigateByUrl('/amministrazione/registro?action=auth.');
    respond(page([], 0));
    expect(view().querySelector('table')).toBeNull();
    expect(text()).toContain('Nessun evento.');
    expect(text()).toContain('Prova a cambiare o azzerare i filtri.');

    const reset = [...view().querySelectorAll('button')].find((b) => clean(b) === 'Azzera i filtri');
    reset?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/amministrazione/registro');
    respond(page([], 0));
  });

  it('paginates with the total', async () => {
    await harness.navigateByUrl('/amministrazione/registro');
    respond(page(EVENTS, 45));
    expect(clean(view().querySelector('caption'))).toContain('pagina 1 di 3');
    const next = [...view().querySelectorAll<HTMLButtonElement>('.pagination button')].find((b) => clean(b) === 'Pagina successiva');
    next?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/amministrazione/registro?page=2');
    expect(pending().params['page']).toBe('2');
  });

  it('shows the problem detail and the refused parameters, and retries', async () => {
    await harness.navigateByUrl('/amministrazione/registro');
    const problem: ProblemDetails = {
      type: 'about:blank',
      title: 'Richiesta non valida',
      status: 400,
      detail: 'Alcuni parametri non sono validi.',
      errors: [{ name: 'from', reason: 'must be an RFC 3339 instant' }],
    };
    pending().req.flush(problem, { status: 400, statusText: 'Bad Request' });
    harness.detectChanges();

    const alert = view().querySelector('[role="alert"]');
    expect(clean(alert)).toContain('Richiesta non valida');
    expect(clean(alert)).toContain('Alcuni parametri non sono validi.');
    expect(clean(alert)).toContain('from: must be an RFC 3339 instant');

    [...view().querySelectorAll('button')].find((b) => clean(b) === 'Riprova')?.click();
    respond(page(EVENTS));
    expect(view().querySelector('[role="alert"]')).toBeNull();
    expect(rows()).toHaveLength(3);
  });

  it('falls back to a generic message when the server is unreachable', async () => {
    await harness.navigateByUrl('/amministrazione/registro');
    pending().req.error(new ProgressEvent('error'));
    harness.detectChanges();
    expect(clean(view().querySelector('[role="alert"]'))).toContain('Il servizio non risponde.');
  });
});
