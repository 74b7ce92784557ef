import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { EnteGestore, ProjectDetail, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { ProjectForm } from './project-form';
import { PALERMO_ID, aProject } from './project-testing';
import { ENTI_GESTORI_API_URL, PROJECTS_API_URL } from './projects-api.service';

const PELLICANO: EnteGestore = {
  id: 'e2',
  name: 'Cooperativa Sociale Il Pellicano',
  taxCode: '02118311006',
  legalForm: 'COOPERATIVA_SOCIALE',
  seatComuneId: null,
  seatComuneName: 'Palermo',
  email: null,
  pec: null,
  phone: null,
  website: null,
  proposed: false,
  projectCount: 2,
  version: 1,
};

describe('ProjectForm', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ProjectForm>;
  let element: HTMLElement;
  let saved: ProjectDetail[];

  function render(project: ProjectDetail | null, titolare = { id: PALERMO_ID, name: 'Palermo' }) {
    fixture = TestBed.createComponent(ProjectForm);
    fixture.componentRef.setInput('project', project);
    fixture.componentRef.setInput('titolare', titolare);
    saved = [];
    fixture.componentInstance.saved.subscribe((p) => saved.push(p));
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const input = (id: string) => {
    const found = element.querySelector<HTMLInputElement>(`#${id}`);
    if (!found) throw new Error(`no #${id}`);
    return found;
  };
  const type = (id: string, value: string) => {
    const field = input(id);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };
  const button = (label: string) => {
    const found = [...Array.from(element.querySelectorAll<HTMLButtonElement>('button'))].find((b) => text(b) === label);
    if (!found) throw new Error(`no button ${label}`);
    return found;
  };
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const submit = async () => {
    element.querySelector('form.project-form')?.dispatchEvent(new Event('submit'));
    await settle();
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideAppTranslationsForTesting(), KIT_TESTING_PROVIDERS],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('checks before sending: nothing goes to the API while a field is wrong', async () => {
    render(null);
    await submit();
    http.expectNone(PROJECTS_API_URL);
    expect(text(element.querySelector('#project-code-error'))).toBe('Campo obbligatorio.');
    expect(input('project-code').getAttribute('aria-invalid')).toBe('true');
    expect(text(element.querySelector('[role="alert"]'))).toContain('Controlla i campi segnalati.');
    expect(fixture.componentInstance.isDirty()).toBe(false);
    type('project-title', 'Nuovo');
    expect(fixture.componentInstance.isDirty()).toBe(true);
  });

  it('creates a project for the given titolare', async () => {
    render(null);
    type('project-code', 'PROG-9-PR-1');
    type('project-title', 'Accoglienza DM/DS');
    const category = element.querySelector<HTMLSelectElement>('#project-category');
    if (category) {
      category.value = 'DM_DS';
      category.dispatchEvent(new Event('change'));
    }
    type('project-posti', '12');
    type('project-startDate', '2024-01-01');
    type('project-endDate', '2026-12-31');
    await submit();
    const req = http.expectOne(PROJECTS_API_URL);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toMatchObject({ titolareComuneId: PALERMO_ID, code: 'PROG-9-PR-1', category: 'DM_DS', posti: 12 });
    req.flush(aProject({ id: 'new', category: 'DM_DS' }));
    await settle();
    expect(saved.map((p) => p.id)).toEqual(['new']);
    expect(fixture.componentInstance.isDirty()).toBe(false);
  });

  it("puts the API's 400 on the field of the row it names", async () => {
    const project = aProject();
    render(project);
    type('project-expansions-0-posti', '30');
    await submit();
    const req = http.expectOne(`${PROJECTS_API_URL}/${project.id}`);
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ version: 4, expansions: [{ posti: 30, effectiveFrom: '2024-03-01', actReference: 'DM 12/2024' }] });
    req.flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Campi non validi.', errors: [{ name: 'expansions.0.effectiveFrom', reason: 'must fall within the funding period' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text(element.querySelector('#project-expansions-0-effectiveFrom-error'))).toBe('must fall within the funding period');
    expect(input('project-expansions-0-effectiveFrom').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('project-expansions-0-effectiveFrom');
    expect(saved).toEqual([]);
  });

  it('on a stale version says so, and reloads the saved version on request', async () => {
    const project = aProject();
    render(project);
    type('project-title', 'Titolo cambiato');
    await submit();
    http
      .expectOne(`${PROJECTS_API_URL}/${project.id}`)
      .flush(
        { type: STALE_VERSION_PROBLEM_TYPE, title: 'Conflict', status: 409, detail: 'Stale.', currentVersion: 5 },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(text(element.querySelector('[role="alert"]'))).toContain('Qualcuno ha salvato il progetto prima di te');

    button('Ricarica la versione attuale').click();
    await settle();
    http.expectOne(`${PROJECTS_API_URL}/${project.id}`).flush(aProject({ title: 'Titolo di un altro', version: 5 }));
    await settle();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(text(element.querySelector('#project-reloaded'))).toContain('Ora vedi la versione del progetto salvata adesso.');
    expect(input('project-title').value).toBe('Titolo di un altro');

    type('project-title', 'Titolo cambiato');
    await submit();
    const retry = http.expectOne(`${PROJECTS_API_URL}/${project.id}`);
    expect(retry.request.body).toEqual({ version: 5, title: 'Titolo cambiato' });
    retry.flush(aProject({ title: 'Titolo cambiato', version: 6 }));
  });

  it('links an ente gestore found by tax code, after checking the code here', async () => {
    const project = aProject();
    render(project);
    type('ente-add-taxCode', '02118311007');
    button('Cerca nel registro').click();
    await settle();
    http.expectNone((req) => req.url === ENTI_GESTORI_API_URL);
    expect(text(element.querySelector('#ente-add-taxCode-error'))).toContain('cifra di controllo');

    type('ente-add-taxCode', '02118311006');
    button('Cerca nel registro').click();
    await settle();
    const lookup = http.expectOne((req) => req.url === ENTI_GESTORI_API_URL);
    expect(lookup.request.params.get('taxCode')).toBe('02118311006');
    lookup.flush({ items: [PELLICANO], total: 1, page: 1, pageSize: 1 });
    await settle();
    expect(text(element.querySelector('.lookup-result'))).toContain('Cooperativa Sociale Il Pellicano');
    const role = element.querySelector<HTMLSelectElement>('#ente-add-role');
    if (role) {
      role.value = 'PARTNER';
      role.dispatchEvent(new Event('change'));
    }
    button('Collega al progetto').click();
    await settle();
    expect([...Array.from(element.querySelectorAll('.ente-row'))].map((row) => text(row.querySelector('.ente-name')))).toEqual([
      'Cooperativa Sole, 01234567897',
      'Cooperativa Sociale Il Pellicano, 02118311006',
    ]);

    await submit();
    const req = http.expectOne(`${PROJECTS_API_URL}/${project.id}`);
    expect(req.request.body).toEqual({
      version: 4,
      entiGestori: [
        { taxCode: '01234567897', role: 'ATTUATORE' },
        { taxCode: '02118311006', role: 'PARTNER' },
      ],
    });
    req.flush(aProject({ version: 5 }));
  });

  it('proposes an ente gestore the register does not have, with its name and legal form', async () => {
    const project = aProject({ entiGestori: [] });
    render(project);
    type('ente-add-taxCode', '01234567897');
    button('Cerca nel registro').click();
    await settle();
    http.expectOne((req) => req.url === ENTI_GESTORI_API_URL).flush({ items: [], total: 0, page: 1, pageSize: 1 });
    await settle();
    button('Proponi e collega al progetto').click();
    await settle();
    expect(text(element.querySelector('#ente-add-name-error'))).toBe('Campo obbligatorio.');
    expect(text(element.querySelector('#ente-add-legalForm-error'))).toBe('Scegli la forma giuridica.');

    type('ente-add-name', 'Nuova Cooperativa');
    const legalForm = element.querySelector<HTMLSelectElement>('#ente-add-legalForm');
    if (legalForm) {
      legalForm.value = 'ASSOCIAZIONE';
      legalForm.dispatchEvent(new Event('change'));
    }
    button('Proponi e collega al progetto').click();
    await settle();
    await submit();
    const req = http.expectOne(`${PROJECTS_API_URL}/${project.id}`);
    expect(req.request.body).toEqual({
      version: 4,
      entiGestori: [{ taxCode: '01234567897', role: 'ATTUATORE', name: 'Nuova Cooperativa', legalForm: 'ASSOCIAZIONE', seatComuneId: null }],
    });
    req.flush(aProject({ version: 5 }));
  });
});
