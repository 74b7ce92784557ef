import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AUDIT_ACTIONS, AUDIT_CATEGORIES, AUDIT_ENTITY_TYPES, AuditActor, AuditEventView, Page, ProblemDetails } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, appTranslations, provideAppTranslationsForTesting } from '../../../testing/i18n-testing';
import { COMUNI_API_URL } from '../../comuni/comuni-api.service';
import { SEARCH_DEBOUNCE_MS } from '../../forms/search-chooser';
import { AUDIT_API_URL } from './audit-api.service';
import { AuditPage } from './audit-page';
import { actionLabelKey, i18nKey } from './audit-query';

const U9 = '00000000-0000-4000-8000-000000000009';
const ACTOR = '00000000-0000-4000-8000-0000000000a1';
const NOTO = '00000000-0000-4000-8000-0000000000c1';

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
    actorId: ACTOR,
    actorEmail: 'admin@coopera.example',
    actorRole: 'ADMIN',
    comuneId: NOTO,
    comuneName: 'Noto',
    entityType: 'user',
    entityId: U9,
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

  function pending(url = AUDIT_API_URL): { req: TestRequest; params: Record<string, string> } {
    const req = http.expectOne((r) => r.url === url);
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
    expect(first[1]).toBe('Accesso riuscito'); // no record: no links
    expect(first[2]).toContain('segreteria@coopera.example');
    expect(first[2]).toContain('Segreteria del coordinamento');
    expect(first[3]).toContain('Nessun Comune');
    expect(second[0]).toBe('10/01/2024, 17:00:00'); // winter: UTC+1
    expect(second[1]).toBe('Account modificato AccountCronologia'); // accounts have no page to open
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

    change('audit-category', 'ente-gestore');
    await harness.fixture.whenStable();
    expect(url()).toBe('/amministrazione/registro?action=ente-gestore');
    expect(pending().params).toEqual({ page: '1', pageSize: '20', action: 'ente-gestore.' });

    change('audit-entity-type', 'project');
    await harness.fixture.whenStable();
    expect(url()).toBe('/amministrazione/registro?action=ente-gestore&entityType=project');
    expect(pending().params).toEqual({ page: '1', pageSize: '20', action: 'ente-gestore.', entityType: 'project' });
  });

  it('finds the person to filter by from two letters of their name, and sends their id', async () => {
    await harness.navigateByUrl('/amministrazione/registro');
    respond(page(EVENTS));
    const input = view().querySelector<HTMLInputElement>('#audit-actor');
    if (!input) throw new Error('no #audit-actor');
    input.value = 'r';
    input.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20));
    http.expectNone(`${AUDIT_API_URL}/actors`); // one letter is not enough

    input.value = 'ro';
    input.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20));
    const search = pending(`${AUDIT_API_URL}/actors`);
    expect(search.params).toEqual({ search: 'ro' });
    const rossi: AuditActor = { id: ACTOR, email: 'm.rossi@comune.noto.sr.it', name: 'Maria Rossi', role: 'COMUNE_REFERENT', comuneName: 'Noto' };
    search.req.flush([rossi]);
    harness.detectChanges();
    const option = view().querySelector('#audit-actor-listbox [role="option"]');
    expect(clean(option)).toBe('Maria Rossi (m.rossi@comune.noto.sr.it) (Noto)');
    option?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    await harness.fixture.whenStable();

    expect(url()).toBe(`/amministrazione/registro?actorId=${ACTOR}`);
    expect(pending().params).toEqual({ page: '1', pageSize: '20', actorId: ACTOR });
    harness.detectChanges();
    expect(view().querySelector<HTMLInputElement>('#audit-actor')?.value).toBe('Maria Rossi (m.rossi@comune.noto.sr.it)');
  });

  it('reads who and which Comune from the URL and shows their names, looked up once', async () => {
    await harness.navigateByUrl(`/amministrazione/registro?actorId=${ACTOR}&comuneId=${NOTO}`);
    expect(pending().params).toEqual({ page: '1', pageSize: '20', actorId: ACTOR, comuneId: NOTO });
    const actor = pending(`${AUDIT_API_URL}/actors`);
    expect(actor.params).toEqual({ id: ACTOR });
    actor.req.flush([{ id: ACTOR, email: 'admin@coopera.example', name: 'Giulia Amato', role: 'ADMIN', comuneName: null }]);
    http.expectOne(`${COMUNI_API_URL}/${NOTO}`).flush({ id: NOTO, name: 'Noto' });
    harness.detectChanges();
    expect(view().querySelector<HTMLInputElement>('#audit-actor')?.value).toBe('Giulia Amato (admin@coopera.example)');
    expect(view().querySelector<HTMLInputElement>('#audit-comune')?.value).toBe('Noto');
  });

  it("filters from a row: the person, the Comune, the record's whole history", async () => {
    await harness.navigateByUrl('/amministrazione/registro?action=user');
    respond(page(EVENTS));
    const second = view().querySelectorAll('tbody tr')[1];
    const button = (name: string) => [...second.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.getAttribute('aria-label') === name);

    button('Mostra solo le attività di admin@coopera.example')?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe(`/amministrazione/registro?action=user&actorId=${ACTOR}`);
    respond(page(EVENTS)); // the name came with the row: nothing to look up
    expect(view().querySelector<HTMLInputElement>('#audit-actor')?.value).toBe('admin@coopera.example');

    [...view().querySelectorAll('tbody tr')][1].querySelector<HTMLButtonElement>('[aria-label="Mostra solo le attività che riguardano Noto"]')?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe(`/amministrazione/registro?action=user&actorId=${ACTOR}&comuneId=${NOTO}`);
    respond(page(EVENTS));

    [...view().querySelectorAll('tbody tr')][1].querySelector<HTMLButtonElement>('[aria-label="Cronologia dell\'elemento (Account)"]')?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe(`/amministrazione/registro?entityType=user&entityId=${U9}`); // the other filters would hide parts of it
    expect(pending().params).toEqual({ page: '1', pageSize: '20', entityType: 'user', entityId: U9 });
    harness.detectChanges();
    expect(clean(view().querySelector('.record-filter'))).toContain('Stai vedendo la cronologia di un elemento (Account)');

    [...view().querySelectorAll('button')].find((b) => clean(b) === 'Mostra tutti gli elementi')?.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/amministrazione/registro?entityType=user');
    respond(page(EVENTS));
    expect(view().querySelector('.record-filter')).toBeNull();
  });

  it('links a record to its page when it has one', async () => {
    const meeting = '00000000-0000-4000-8000-0000000000e1';
    await harness.navigateByUrl('/amministrazione/registro');
    respond(page([anEvent({ action: 'meeting.convene', entityType: 'meeting', entityId: meeting })]));
    const open = view().querySelector<HTMLAnchorElement>('tbody a[aria-label="Apri l\'elemento (Incontro)"]');
    expect(open?.getAttribute('href')).toBe(`/incontri/${meeting}`);
    expect(rows()[0][1]).toBe('Incontro convocato IncontroCronologiaApri');
  });

  it('reads the filters from the URL', async () => {
    await harness.navigateByUrl('/amministrazione/registro?action=user.&from=2024-01-01&to=2024-01-31&page=2&entityId=not-a-uuid');
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
    expect(view().querySelector<HTMLSelectElement>('#audit-category')?.value).toBe('user');
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

describe('audit labels', () => {
  const labelled = (lang: string, key: string) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], appTranslations(lang));
    return typeof value === 'string' && value.length > 0;
  };

  it.each(['it', 'en'])('name every action, area and kind of record the API records (%s)', (lang) => {
    expect(AUDIT_ACTIONS.filter((action) => !labelled(lang, actionLabelKey(action) ?? ''))).toEqual([]);
    expect(AUDIT_CATEGORIES.filter((category) => !labelled(lang, `audit.categories.${i18nKey(category)}`))).toEqual([]);
    expect(AUDIT_ENTITY_TYPES.filter((type) => !labelled(lang, `audit.entityTypes.${i18nKey(type)}`))).toEqual([]);
  });
});
