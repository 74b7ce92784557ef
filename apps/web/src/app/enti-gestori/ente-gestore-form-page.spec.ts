import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ProblemDetails, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { ENTI_GESTORI_API_URL } from './enti-gestori-api.service';
import { EnteGestoreFormPage } from './ente-gestore-form-page';
import { anEnte } from './enti-gestori-testing';

@Component({ template: 'detail' })
class StubDetail {}

describe('EnteGestoreFormPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'enti-gestori/nuovo', component: EnteGestoreFormPage },
          { path: 'enti-gestori/:id/modifica', component: EnteGestoreFormPage },
          { path: 'enti-gestori/:id', component: StubDetail },
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

  const view = () => harness.routeNativeElement as HTMLElement;
  const text = (element: Element | null | undefined = view()) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const input = (id: string) => view().querySelector<HTMLInputElement>(`#${id}`);
  const errorOf = (id: string) => text(view().querySelector(`#${id}-error`));
  const submit = () => view().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
  const page = () => harness.routeDebugElement?.componentInstance as EnteGestoreFormPage;

  async function settle(): Promise<void> {
    harness.detectChanges();
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  function type(id: string, value: string): void {
    const element = input(id);
    if (!element) throw new Error(`no input #${id}`);
    element.value = value;
    element.dispatchEvent(new Event('input'));
  }

  function select(id: string, value: string): void {
    const element = view().querySelector<HTMLSelectElement>(`#${id}`);
    if (!element) throw new Error(`no select #${id}`);
    element.value = value;
    element.dispatchEvent(new Event('change'));
  }

  it('creates an ente: our checks first (check digit on blur), then the API, then the detail page', async () => {
    await harness.navigateByUrl('/enti-gestori/nuovo');
    await settle();
    expect(text(view().querySelector('h1'))).toBe('Nuovo ente gestore');
    expect([...view().querySelectorAll<HTMLOptionElement>('#ente-legalForm option')].map((o) => text(o))).toEqual([
      'Scegli la forma giuridica',
      'Cooperativa sociale',
      'Consorzio di cooperative',
      'Associazione',
      'Fondazione',
      'Ente religioso',
      'Impresa sociale',
      'Altra forma giuridica',
    ]);

    submit();
    await settle();
    expect(errorOf('ente-name')).toBe("Inserisci la denominazione dell'ente (almeno 2 caratteri).");
    expect(errorOf('ente-taxCode')).toBe('Inserisci il codice fiscale o la partita IVA.');
    expect(errorOf('ente-legalForm')).toBe('Scegli la forma giuridica.');
    expect(document.activeElement).toBe(input('ente-name'));

    type('ente-taxCode', '02118311007');
    input('ente-taxCode')?.dispatchEvent(new Event('blur'));
    await settle();
    expect(errorOf('ente-taxCode')).toContain('la cifra di controllo non corrisponde');
    expect(input('ente-taxCode')?.getAttribute('aria-invalid')).toBe('true');
    expect(input('ente-taxCode')?.getAttribute('aria-describedby')).toBe('ente-taxCode-hint ente-taxCode-error');

    type('ente-name', 'Cooperativa Sociale Nuova Alba');
    type('ente-taxCode', '021 1831 1006');
    select('ente-legalForm', 'COOPERATIVA_SOCIALE');
    type('ente-website', 'www.nuovaalba.example');
    submit();
    await settle();
    let post = http.expectOne((req) => req.method === 'POST' && req.url === ENTI_GESTORI_API_URL);
    expect(post.request.body).toEqual({
      name: 'Cooperativa Sociale Nuova Alba',
      taxCode: '02118311006',
      legalForm: 'COOPERATIVA_SOCIALE',
      website: 'https://www.nuovaalba.example',
    });
    // the tax code is taken: on its field, with the way to the ente that has it
    post.flush({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Exists.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    const lookup = http.expectOne((req) => req.method === 'GET' && req.url === ENTI_GESTORI_API_URL);
    expect(lookup.request.params.get('taxCode')).toBe('02118311006');
    lookup.flush({ items: [anEnte()], total: 1, page: 1, pageSize: 1 });
    await settle();
    expect(errorOf('ente-taxCode')).toBe("Nel registro c'è già un ente gestore con questo codice fiscale.");
    expect(document.activeElement).toBe(input('ente-taxCode'));
    expect(view().querySelector(`a[href="/enti-gestori/${anEnte().id}"]`)?.textContent).toContain('Il Pellicano');

    type('ente-taxCode', '12345678903');
    type('ente-pec', 'nuovaalba@pec.example');
    submit();
    await settle();
    post = http.expectOne((req) => req.method === 'POST' && req.url === ENTI_GESTORI_API_URL);
    const refused: ProblemDetails = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ name: 'pec', reason: 'must be an email' }],
    };
    post.flush(refused, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(errorOf('ente-pec')).toBe('must be an email');
    // unsaved input: leaving asks first
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    expect(page().canLeave()).toBe(false);
    expect(confirm).toHaveBeenCalledWith('I dati inseriti non sono stati salvati. Vuoi uscire lo stesso?');
    confirm.mockRestore();

    submit();
    await settle();
    post = http.expectOne((req) => req.method === 'POST' && req.url === ENTI_GESTORI_API_URL);
    post.flush(anEnte({ id: 'new-id', name: 'Cooperativa Sociale Nuova Alba' }), { status: 201, statusText: 'Created' });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/enti-gestori/new-id');
  });

  it('edits an ente with its version; a stale version offers a reload', async () => {
    const ente = anEnte({ proposed: true, version: 3 });
    await harness.navigateByUrl(`/enti-gestori/${ente.id}/modifica`);
    http.expectOne(`${ENTI_GESTORI_API_URL}/${ente.id}`).flush(ente);
    await settle();
    expect(text(view().querySelector('h1'))).toBe('Modifica «Cooperativa Sociale Il Pellicano»');
    expect(input('ente-name')?.value).toBe('Cooperativa Sociale Il Pellicano');
    expect(input('ente-seatComuneId')?.value).toBe('Palermo');
    expect(view().querySelector<HTMLSelectElement>('#ente-legalForm')?.value).toBe('COOPERATIVA_SOCIALE');

    submit();
    await settle();
    expect(text(view().querySelector('[role="alert"]'))).toBe('Non hai modificato alcun campo.');

    type('ente-phone', '091 555 0101');
    submit();
    await settle();
    let patch = http.expectOne(`${ENTI_GESTORI_API_URL}/${ente.id}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ version: 3, phone: '091 555 0101' });
    patch.flush({ type: STALE_VERSION_PROBLEM_TYPE, title: 'Conflict', status: 409, detail: 'Stale.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(text(view().querySelector('[role="alert"]'))).toContain("L'ente è stato modificato nel frattempo");

    [...view().querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Ricarica i dati')?.click();
    http.expectOne(`${ENTI_GESTORI_API_URL}/${ente.id}`).flush(anEnte({ version: 4, phone: '091 000' }));
    await settle();
    expect(input('ente-phone')?.value).toBe('091 000');

    type('ente-taxCode', '12345678903');
    submit();
    await settle();
    patch = http.expectOne(`${ENTI_GESTORI_API_URL}/${ente.id}`);
    expect(patch.request.body).toEqual({ version: 4, taxCode: '12345678903' });
    // a 409 that is not a stale version: the new tax code is taken
    patch.flush({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Exists.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    http.expectOne((req) => req.method === 'GET' && req.url === ENTI_GESTORI_API_URL).flush({ items: [], total: 0, page: 1, pageSize: 1 });
    expect(errorOf('ente-taxCode')).toBe("Nel registro c'è già un ente gestore con questo codice fiscale.");

    type('ente-taxCode', '02118311006');
    type('ente-phone', '091 000 1');
    submit();
    await settle();
    patch = http.expectOne(`${ENTI_GESTORI_API_URL}/${ente.id}`);
    expect(patch.request.body).toEqual({ version: 4, phone: '091 000 1' });
    patch.flush(anEnte({ version: 5, phone: '091 000 1' }));
    await settle();
    expect(TestBed.inject(Router).url).toBe(`/enti-gestori/${ente.id}`);
  });

  it('says "not found" for an unknown ente', async () => {
    await harness.navigateByUrl('/enti-gestori/nope/modifica');
    http
      .expectOne(`${ENTI_GESTORI_API_URL}/nope`)
      .flush({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No.' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(text(view().querySelector('h1'))).toBe('Ente gestore non trovato');
  });
});
