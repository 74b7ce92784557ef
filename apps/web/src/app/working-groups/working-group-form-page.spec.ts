import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import { ComuneSummary, STALE_VERSION_PROBLEM_TYPE, WorkingGroupDetail } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { COMUNE_SEARCH_DEBOUNCE_MS } from '../admin/users/comune-chooser';
import { COMUNI_API_URL } from '../comuni/comuni-api.service';
import { domOf, pageOf, textOf } from '../memberships/memberships-testing';
import { WorkingGroupFormPage } from './working-group-form-page';
import { WORKING_GROUPS_API_URL } from './working-groups-api.service';

@Component({ template: '' })
class Blank {}

function aComune(id: string, name: string, province: ComuneSummary['province']): ComuneSummary {
  return { id, kind: 'COMUNE', name, province, istatCode: null, codiceCatastale: null, population: null };
}
const NOTO = aComune('no', 'Noto', 'SR');
const RAGUSA = aComune('rg', 'Ragusa', 'RG');

function aGroup(overrides: Partial<WorkingGroupDetail> = {}): WorkingGroupDetail {
  return {
    id: 'g1',
    name: 'Inserimento lavorativo',
    description: 'Tirocini e borse lavoro',
    memberCount: 1,
    createdAt: '2025-01-10T10:00:00Z',
    version: 2,
    members: [{ comuneId: 'pa', comuneName: 'Palermo', province: 'PA' }],
    ...overrides,
  };
}

describe('WorkingGroupFormPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<WorkingGroupFormPage>;
  let dom: ReturnType<typeof domOf<WorkingGroupFormPage>>;

  function render(id: string | null): void {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
        { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap(id ? { id } : {}) } } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(WorkingGroupFormPage);
    dom = domOf(fixture);
    fixture.detectChanges();
  }

  afterEach(() => http.verify());

  const chips = () => [...dom.element.querySelectorAll('.member-chip .chip-label')].map((chip) => textOf(chip));

  async function addComune(comune: ComuneSummary): Promise<void> {
    dom.type('group-members', comune.name.slice(0, 3));
    await new Promise((resolve) => setTimeout(resolve, COMUNE_SEARCH_DEBOUNCE_MS + 20));
    http.expectOne((req) => req.url === COMUNI_API_URL).flush(pageOf([comune]));
    await dom.settle();
    dom.element.querySelector('[role="option"]')?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    await dom.settle();
  }

  it('creates a group with the chosen member Comuni, then opens it', async () => {
    render(null);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    expect(textOf(dom.element.querySelector('h1'))).toBe('Nuovo gruppo di lavoro');
    expect(textOf(dom.element.querySelector('#group-description-hint'))).toBe('Non inserire dati personali dei beneficiari.');

    dom.button('Crea il gruppo')?.click();
    await dom.settle();
    expect(dom.errorOf('group-name')).toBe('Inserisci il nome del gruppo (almeno 2 caratteri).');
    expect(document.activeElement).toBe(dom.input('group-name'));

    dom.type('group-name', 'Tavolo casa');
    await addComune(NOTO);
    await addComune(RAGUSA);
    await addComune(NOTO); // twice: still once
    expect(chips()).toEqual(['Noto', 'Ragusa']);
    expect(dom.input('group-members')?.value).toBe('');
    expect(textOf(dom.element.querySelector('[aria-live="polite"].visually-hidden:last-child'))).toBe('Noto fa già parte del gruppo.');

    // Removing a chip moves the focus to the one now in its place.
    dom.element.querySelector<HTMLButtonElement>('.chip-remove')?.click();
    await dom.settle();
    expect(chips()).toEqual(['Ragusa']);
    expect(textOf(document.activeElement)).toBe('Rimuovi Ragusa');
    await addComune(NOTO);

    dom.button('Crea il gruppo')?.click();
    const post = http.expectOne((req) => req.method === 'POST' && req.url === WORKING_GROUPS_API_URL);
    expect(post.request.body).toEqual({ name: 'Tavolo casa', description: null, memberComuneIds: ['rg', 'no'] });
    post.flush(aGroup({ id: 'g9', name: 'Tavolo casa' }), { status: 201, statusText: 'Created' });
    await dom.settle();
    expect(navigate).toHaveBeenCalledWith(['/gruppi-di-lavoro', 'g9'], { state: { savedGroup: 'created' } });
    expect(fixture.componentInstance.canLeave()).toBe(true);
  });

  it('edits a group sending only the changes and the version; a stale version offers to reload', async () => {
    render('g1');
    http.expectOne(`${WORKING_GROUPS_API_URL}/g1`).flush(aGroup());
    await dom.settle();
    expect(textOf(dom.element.querySelector('h1'))).toBe('Modifica «Inserimento lavorativo»');
    expect(dom.input('group-name')?.value).toBe('Inserimento lavorativo');
    expect(chips()).toEqual(['Palermo']);
    expect(fixture.componentInstance.canLeave()).toBe(true);

    dom.button('Salva le modifiche')?.click();
    await dom.settle();
    expect(textOf(dom.element.querySelector('.alert-warning'))).toBe('Non hai cambiato nulla.');

    await addComune(NOTO);
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    expect(fixture.componentInstance.canLeave()).toBe(false);
    expect(confirm).toHaveBeenCalled();
    dom.button('Salva le modifiche')?.click();
    const patch = http.expectOne((req) => req.method === 'PATCH');
    expect(patch.request.body).toEqual({ version: 2, memberComuneIds: ['pa', 'no'] });
    patch.flush(
      { type: STALE_VERSION_PROBLEM_TYPE, title: 'Conflict', status: 409, detail: 'Versione superata.', currentVersion: 3 },
      { status: 409, statusText: 'Conflict' },
    );
    await dom.settle();
    expect(textOf(dom.element.querySelector('.alert-danger'))).toContain('Il gruppo è stato modificato nel frattempo');

    dom.button('Ricarica i dati')?.click();
    http.expectOne(`${WORKING_GROUPS_API_URL}/g1`).flush(aGroup({ version: 3, name: 'Lavoro e formazione' }));
    await dom.settle();
    expect(textOf(dom.element.querySelector('.alert-info'))).toContain('Dati ricaricati');
    expect(dom.input('group-name')?.value).toBe('Lavoro e formazione');
    expect(chips()).toEqual(['Palermo']);
    confirm.mockRestore();
  });

  it("shows the API's refusals on the fields", async () => {
    render(null);
    dom.type('group-name', 'Tavolo');
    await addComune(NOTO);
    dom.button('Crea il gruppo')?.click();
    http.expectOne(WORKING_GROUPS_API_URL).flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Campi non validi.', errors: [{ name: 'memberComuneIds.0', reason: 'Comune sconosciuto' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await dom.settle();
    expect(dom.errorOf('group-members')).toBe('Comune sconosciuto');
    expect(document.activeElement).toBe(dom.input('group-members'));
  });
});
