import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ComuneSummary, Page, ProblemDetails, UserSummary } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../../testing/i18n-testing';
import { COMUNI_API_URL } from '../../comuni/comuni-api.service';
import { COMUNE_SEARCH_DEBOUNCE_MS } from './comune-chooser';
import { USERS_API_URL } from './users-api.service';
import { UsersPage, userState } from './users-page';

function aSummary(overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    id: '5a0f3e7c-0000-4000-8000-000000000001',
    email: 'referente.noto@comune.noto.sr.it',
    name: 'Maria Rossi',
    role: 'COMUNE_REFERENT',
    comuneId: '0b6f7f0e-1d5c-4a8e-9b1e-000000089013',
    comuneName: 'Noto',
    active: true,
    activated: true,
    totpEnabled: false,
    version: 3,
    ...overrides,
  };
}

const USERS: UserSummary[] = [
  aSummary({ totpEnabled: true }),
  aSummary({ id: 'u2', email: 'admin@coopera.example', name: 'Giulia Amato', role: 'ADMIN', comuneId: null, comuneName: null, activated: false }),
  aSummary({ id: 'u3', email: 'old@coopera.example', name: 'Paolo Neri', role: 'SECRETARIAT', comuneId: null, comuneName: null, active: false }),
];

const NOTO: ComuneSummary = {
  id: '0b6f7f0e-1d5c-4a8e-9b1e-000000089013',
  kind: 'COMUNE',
  name: 'Noto',
  province: 'SR',
  istatCode: '089013',
  codiceCatastale: 'F943',
  population: 23000,
};

const page = <T>(items: T[], total = items.length): Page<T> => ({ items, total, page: 1, pageSize: 20 });
const isList = (req: { url: string; method: string }) => req.method === 'GET' && req.url === USERS_API_URL;

describe('UsersPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<UsersPage>;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideAppTranslationsForTesting(), KIT_TESTING_PROVIDERS],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UsersPage);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const input = (id: string) => element.querySelector<HTMLInputElement>(`#${id}`);
  const button = (label: string) => [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
  const errorOf = (id: string) => text(element.querySelector(`#${id}-error`));
  const rows = () => [...element.querySelectorAll('tbody tr')].map((row) => [...row.children].slice(0, 6).map((cell) => text(cell)));

  async function settle(): Promise<void> {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function type(id: string, value: string): void {
    const field = input(id);
    if (!field) throw new Error(`no input #${id}`);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  function select(id: string, value: string): void {
    const field = element.querySelector<HTMLSelectElement>(`#${id}`);
    if (!field) throw new Error(`no select #${id}`);
    field.value = value;
    field.dispatchEvent(new Event('change'));
  }

  async function loadList(items = USERS, total = items.length): Promise<TestRequest> {
    const req = http.expectOne(isList);
    req.flush(page(items, total));
    await settle();
    return req;
  }

  async function chooseComune(id: string, comune: ComuneSummary): Promise<void> {
    type(id, comune.name.slice(0, 3));
    await new Promise((resolve) => setTimeout(resolve, COMUNE_SEARCH_DEBOUNCE_MS + 20));
    const search = http.expectOne((req) => req.url === COMUNI_API_URL);
    expect(search.request.params.get('q')).toBe('Not');
    search.flush(page([comune]));
    await settle();
    expect(input(id)?.getAttribute('aria-expanded')).toBe('true');
    const option = element.querySelector('[role="option"]');
    expect(text(option)).toBe(`${comune.name} (${comune.province})`);
    option?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    await settle();
  }

  it('lists the accounts with role, Comune, state and second factor', async () => {
    expect(text(element.querySelector('h1'))).toBe('Utenti');
    expect(text(element.querySelector('[role="status"]'))).toBe('Caricamento in corso…');
    const req = await loadList();
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('20');
    expect(text(element.querySelector('[role="status"]'))).toBe('3 utenti');
    expect(rows()).toEqual([
      ['Maria Rossi', 'referente.noto@comune.noto.sr.it', 'Referente del Comune', 'Noto', 'Attivo', 'Attiva'],
      ['Giulia Amato', 'admin@coopera.example', 'Amministratore', '—nessun Comune', 'In attesa di attivazione', 'Non attiva'],
      ['Paolo Neri', 'old@coopera.example', 'Segreteria del coordinamento', '—nessun Comune', 'Disattivato', 'Non attiva'],
    ]);
  });

  it('filters by role, and says when nothing matches', async () => {
    await loadList();
    select('users-role', 'SECRETARIAT');
    await settle();
    const req = http.expectOne(isList);
    expect(req.request.params.get('role')).toBe('SECRETARIAT');
    req.flush(page([]));
    await settle();
    expect(text(element.querySelector('.empty-state'))).toContain('Nessun utente corrisponde alla ricerca');
  });

  it('shows the error and retries when the list cannot be loaded', async () => {
    http.expectOne(isList).flush({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Not allowed.' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(text(element.querySelector('[role="alert"]'))).toContain('Not allowed.');
    button('Riprova')?.click();
    await loadList();
    expect(rows().length).toBe(3);
  });

  it('creates a referent: our checks, then the API field errors on their fields, then the activation link', async () => {
    await loadList();
    button('Nuovo account')?.click();
    await settle();
    expect(text(element.querySelector('#user-form-heading'))).toBe('Nuovo account');
    expect(input('user-comuneId')).toBeNull(); // only for referents

    button("Crea l'account")?.click();
    await settle();
    http.expectNone(USERS_API_URL);
    expect(errorOf('user-email')).toBe("Inserisci l'indirizzo e-mail.");
    expect(errorOf('user-role')).toBe('Scegli il ruolo.');

    type('user-email', 'referente.noto@comune.noto.sr.it');
    type('user-name', 'Maria Rossi');
    select('user-role', 'COMUNE_REFERENT');
    await settle();
    button("Crea l'account")?.click();
    await settle();
    expect(errorOf('user-comuneId')).toBe('Scegli il Comune del referente.');

    await chooseComune('user-comuneId', NOTO);
    expect(input('user-comuneId')?.value).toBe('Noto');
    button("Crea l'account")?.click();
    await settle();
    let create = http.expectOne((req) => req.method === 'POST' && req.url === USERS_API_URL);
    expect(create.request.body).toEqual({ email: 'referente.noto@comune.noto.sr.it', name: 'Maria Rossi', role: 'COMUNE_REFERENT', comuneId: NOTO.id });
    const refused: ProblemDetails = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [
        { name: 'email', reason: 'must be an email' },
        { name: 'comuneId', reason: 'is not a Comune of the network' },
      ],
    };
    create.flush(refused, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(errorOf('user-email')).toBe('must be an email');
    expect(errorOf('user-comuneId')).toBe('is not a Comune of the network');
    expect(input('user-comuneId')?.getAttribute('aria-invalid')).toBe('true');
    expect(input('user-comuneId')?.getAttribute('aria-describedby')).toContain('user-comuneId-error');
    expect(document.activeElement).toBe(input('user-email'));

    button("Crea l'account")?.click();
    await settle();
    create = http.expectOne((req) => req.method === 'POST' && req.url === USERS_API_URL);
    create.flush(
      {
        user: aSummary({ activated: false }),
        activationUrl: 'http://localhost:3000/attiva?token=abc',
        activationExpiresAt: '2026-03-05T10:00:00.000Z',
      },
      { status: 201, statusText: 'Created' },
    );
    await settle();
    await loadList([...USERS]); // the list reloads

    expect(element.querySelector('cp-user-form')).toBeNull();
    expect(text(element.querySelector('#activation-heading'))).toBe('Account di Maria Rossi creato');
    expect(input('activation-link')?.value).toBe('http://localhost:3000/attiva?token=abc');
    expect(input('activation-link')?.readOnly).toBe(true);
    expect(text(element.querySelector('#activation-expiry'))).toContain('solo ora');
    expect(text(element.querySelector('#activation-expiry'))).toContain('2026');
  });

  it('says when the e-mail is taken', async () => {
    await loadList();
    button('Nuovo account')?.click();
    await settle();
    type('user-email', 'admin@coopera.example');
    type('user-name', 'Giulia Amato');
    select('user-role', 'ADMIN');
    button("Crea l'account")?.click();
    await settle();
    const create = http.expectOne((req) => req.method === 'POST' && req.url === USERS_API_URL);
    expect(create.request.body).toEqual({ email: 'admin@coopera.example', name: 'Giulia Amato', role: 'ADMIN' });
    create.flush({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Exists.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(errorOf('user-email')).toBe('Esiste già un account con questo indirizzo e-mail.');
  });

  it('edits an account with its version, and on 409 offers to reload it', async () => {
    await loadList();
    element.querySelector<HTMLButtonElement>('tbody tr .edit-button')?.click();
    await settle();
    expect(text(element.querySelector('#user-form-heading'))).toBe("Modifica l'account di Maria Rossi");
    expect(input('user-name')?.value).toBe('Maria Rossi');
    expect(input('user-comuneId')?.value).toBe('Noto');
    expect(input('user-active')?.checked).toBe(true);

    const active = input('user-active');
    if (!active) throw new Error('no toggle');
    active.checked = false;
    active.dispatchEvent(new Event('change'));
    type('user-name', 'Maria Rossi Bianchi');
    button('Salva le modifiche')?.click();
    await settle();

    let patch = http.expectOne(`${USERS_API_URL}/${USERS[0].id}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ version: 3, name: 'Maria Rossi Bianchi', active: false });
    patch.flush({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Changed meanwhile.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    const alert = element.querySelector('cp-user-form [role="alert"]');
    expect(text(alert)).toContain("L'account è stato modificato nel frattempo");

    button('Ricarica i dati')?.click();
    await settle();
    const get = http.expectOne(`${USERS_API_URL}/${USERS[0].id}`);
    expect(get.request.method).toBe('GET');
    get.flush(aSummary({ name: 'Maria Rossi Verdi', version: 4, totpEnabled: true }));
    await settle();
    expect(element.querySelector('cp-user-form [role="alert"]')).toBeNull();
    expect(input('user-name')?.value).toBe('Maria Rossi Verdi');
    expect(input('user-active')?.checked).toBe(true);

    type('user-name', 'Maria Rossi Bianchi');
    button('Salva le modifiche')?.click();
    await settle();
    patch = http.expectOne(`${USERS_API_URL}/${USERS[0].id}`);
    expect(patch.request.body).toEqual({ version: 4, name: 'Maria Rossi Bianchi' });
    patch.flush(aSummary({ name: 'Maria Rossi Bianchi', version: 5 }));
    await settle();
    await loadList();
    expect(element.querySelector('cp-user-form')).toBeNull();
    expect(text(element.querySelector('.alert-success'))).toContain('Maria Rossi Bianchi');
  });

  it('names the three states', async () => {
    await loadList([]);
    expect(userState(aSummary())).toBe('active');
    expect(userState(aSummary({ activated: false }))).toBe('pending');
    expect(userState(aSummary({ active: false, activated: false }))).toBe('inactive');
  });
});
