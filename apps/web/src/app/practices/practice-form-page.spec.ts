import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import { Practice, Role, STALE_VERSION_PROBLEM_TYPE, UNSUPPORTED_DOCUMENT_PROBLEM_TYPE } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { domOf, textOf } from '../memberships/memberships-testing';
import { PracticeFormPage } from './practice-form-page';
import { PRACTICES_API_URL } from './practices-api.service';

@Component({ template: '' })
class Blank {}

const PALERMO = '0b6f7f0e-1d5c-4a8e-9b1e-000000082053';

function aPractice(overrides: Partial<Practice> = {}): Practice {
  return {
    id: 'p1',
    title: 'Mappatura dei servizi del territorio',
    summary: 'Uno strumento condiviso con i servizi sociali.\nAggiornato ogni sei mesi.',
    kind: 'STRUMENTO',
    tags: ['servizi'],
    comuneId: PALERMO,
    comuneName: 'Palermo',
    link: null,
    document: null,
    authorName: 'Rosa Lombardo',
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    version: 1,
    ...overrides,
  };
}

describe('PracticeFormPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<PracticeFormPage>;
  let dom: ReturnType<typeof domOf<PracticeFormPage>>;

  function render(id: string | null, role: Role = 'COMUNE_REFERENT'): void {
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
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(role)));
    fixture = TestBed.createComponent(PracticeFormPage);
    dom = domOf(fixture);
    fixture.detectChanges();
    http.expectOne(`${PRACTICES_API_URL}/tags`).flush([{ tag: 'lavoro', count: 3 }]);
  }

  afterEach(() => http.verify());

  function chooseKind(value: string): void {
    const select = dom.element.querySelector<HTMLSelectElement>('#practice-kind');
    if (!select) throw new Error('no kind');
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  function addTag(text: string): void {
    dom.type('practice-tags', text);
    dom.element.querySelector('#practice-tags')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
  }

  it('lets a referent share for their own Comune, then opens the edit page to attach a file', async () => {
    render(null);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    expect(textOf(dom.element.querySelector('h1'))).toBe('Condividi una pratica');
    expect(textOf(dom.element.querySelector('#practice-summary-hint'))).toContain('Non inserire dati personali dei beneficiari.');
    expect(textOf(dom.element.querySelector('.shared-by-note'))).toBe('La pratica sarà condivisa dal Comune di Palermo.');
    expect(dom.element.querySelector('#practice-shared-coordination')).toBeNull();

    dom.button('Pubblica la pratica')?.click();
    await dom.settle();
    expect(dom.errorOf('practice-title')).toBe('Scrivi il titolo.');
    expect(dom.errorOf('practice-kind')).toBe('Scegli il tipo.');
    expect(document.activeElement).toBe(dom.input('practice-title'));

    dom.type('practice-title', 'Sportello per il lavoro');
    dom.type('practice-summary', 'Uno sportello settimanale con il centro per l’impiego.\nSu appuntamento.');
    chooseKind('METODOLOGIA');
    addTag(' Inserimento  Lavorativo ');
    addTag('inserimento lavorativo');
    await dom.settle();
    expect([...dom.element.querySelectorAll('.chip > span')].map(textOf)).toEqual(['inserimento lavorativo']);
    expect(dom.errorOf('practice-tags')).toBe('Questa etichetta c\'è già.');
    dom.button('Pubblica la pratica')?.click();
    const create = http.expectOne({ method: 'POST', url: PRACTICES_API_URL });
    expect(create.request.body).toEqual({
      title: 'Sportello per il lavoro',
      summary: 'Uno sportello settimanale con il centro per l’impiego.\nSu appuntamento.',
      kind: 'METODOLOGIA',
      tags: ['inserimento lavorativo'],
      link: null,
    });
    create.flush(aPractice({ id: 'p9' }), { status: 201, statusText: 'Created' });
    await dom.settle();
    expect(navigate).toHaveBeenCalledWith(['/buone-pratiche', 'p9', 'modifica'], { state: { savedPractice: 'created' }, replaceUrl: true });
    expect(fixture.componentInstance.canLeave()).toBe(true);
  });

  it('lets the secretariat share for the coordination', async () => {
    render(null, 'SECRETARIAT');
    expect(dom.element.querySelector<HTMLInputElement>('#practice-shared-coordination')?.checked).toBe(true);
    dom.type('practice-title', 'Modello di convenzione');
    dom.type('practice-summary', 'Schema di convenzione tra il Comune titolare e l’azienda.');
    chooseKind('MODELLO_DOCUMENTO');
    dom.element.querySelector<HTMLInputElement>('#practice-shared-comune')?.dispatchEvent(new Event('change'));
    await dom.settle();
    dom.button('Pubblica la pratica')?.click();
    await dom.settle();
    expect(dom.errorOf('practice-comune')).toBe('Scegli il Comune che condivide la pratica.');
    dom.element.querySelector<HTMLInputElement>('#practice-shared-coordination')?.dispatchEvent(new Event('change'));
    await dom.settle();
    dom.button('Pubblica la pratica')?.click();
    const create = http.expectOne({ method: 'POST', url: PRACTICES_API_URL });
    expect(create.request.body.comuneId).toBeNull();
    create.flush(aPractice({ comuneId: null, comuneName: null }), { status: 201, statusText: 'Created' });
  });

  it('edits with the version read; a stale one offers to reload the saved practice', async () => {
    render('p1', 'SECRETARIAT');
    http.expectOne(`${PRACTICES_API_URL}/p1`).flush(aPractice());
    await dom.settle();
    expect((dom.input('practice-summary') as HTMLTextAreaElement).value).toBe('Uno strumento condiviso con i servizi sociali.\nAggiornato ogni sei mesi.');
    expect(textOf(dom.element.querySelector('.shared-by-note'))).toBe('Condivisa da: Palermo.');
    expect(fixture.componentInstance.canLeave()).toBe(true);

    dom.type('practice-title', 'Mappatura dei servizi (2027)');
    await dom.settle();
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    expect(fixture.componentInstance.canLeave()).toBe(false);
    confirm.mockRestore();

    dom.button('Salva le modifiche')?.click();
    const update = http.expectOne({ method: 'PATCH', url: `${PRACTICES_API_URL}/p1` });
    expect(update.request.body).toEqual({ version: 1, title: 'Mappatura dei servizi (2027)' });
    update.flush(
      { type: STALE_VERSION_PROBLEM_TYPE, title: 'Conflict', status: 409, detail: 'Stale version.', currentVersion: 2 },
      { status: 409, statusText: 'Conflict' },
    );
    await dom.settle();
    expect(textOf(dom.element.querySelector('.alert-danger .alert-heading'))).toBe('La pratica è stata modificata nel frattempo');
    dom.button('Ricarica la pratica')?.click();
    http.expectOne(`${PRACTICES_API_URL}/p1`).flush(aPractice({ title: 'Mappatura aggiornata', version: 2 }));
    await dom.settle();
    expect((dom.input('practice-title') as HTMLInputElement).value).toBe('Mappatura aggiornata');
    expect(textOf(dom.element.querySelector('.alert-info'))).toBe('Hai davanti la versione salvata più recente: rifai le modifiche e salva.');
  });

  it('attaches a file with progress; a refused type is said in our words with the file name', async () => {
    render('p1');
    http.expectOne(`${PRACTICES_API_URL}/p1`).flush(aPractice());
    await dom.settle();
    const input = dom.element.querySelector<HTMLInputElement>('#practice-file');
    if (!input) throw new Error('no file input');
    const choose = (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
    };
    choose(new File(['not a pdf'], 'finto.pdf'));
    dom.button('Allega il file')?.click();
    http.expectOne({ method: 'PUT', url: `${PRACTICES_API_URL}/p1/document` }).flush(
      { type: UNSUPPORTED_DOCUMENT_PROBLEM_TYPE, title: 'Unsupported Media Type', status: 415, detail: 'The content is text/plain, not a PDF.' },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    await dom.settle();
    expect(textOf(dom.element.querySelector('#practice-upload-failure p'))).toContain('Il file «finto.pdf» non è stato accettato');

    choose(new File(['%PDF-1.4'], 'convenzione.pdf', { type: 'application/pdf' }));
    dom.button('Allega il file')?.click();
    const upload = http.expectOne({ method: 'PUT', url: `${PRACTICES_API_URL}/p1/document` });
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    upload.event({ type: HttpEventType.UploadProgress, loaded: 30, total: 100 });
    await dom.settle();
    expect(dom.element.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('30');
    const stored = { id: 'd1', title: 'convenzione.pdf', fileName: 'convenzione.pdf', mediaType: 'application/pdf', sizeBytes: 8, sha256: 'x', uploadedByName: null, createdAt: '2026-11-02T10:00:00Z' };
    upload.flush(aPractice({ document: stored, version: 2 }));
    await dom.settle();
    expect(textOf(dom.element.querySelector('#practice-document-done'))).toBe('File allegato.');
    expect(textOf(dom.element.querySelector('.attached-name'))).toBe('convenzione.pdf');

    // The next change goes with the version the upload answered.
    dom.type('practice-title', 'Mappatura con allegato');
    dom.button('Salva le modifiche')?.click();
    const update = http.expectOne({ method: 'PATCH', url: `${PRACTICES_API_URL}/p1` });
    expect(update.request.body.version).toBe(2);
    update.flush(aPractice({ version: 3 }));
  });

  it("refuses to edit another Comune's practice", async () => {
    render('p1');
    http.expectOne(`${PRACTICES_API_URL}/p1`).flush(aPractice({ comuneId: 'other', comuneName: 'Catania' }));
    await dom.settle();
    expect(textOf(dom.element.querySelector('.alert-warning p'))).toBe('Puoi modificare solo le pratiche del tuo Comune.');
    expect(dom.element.querySelector('form')).toBeNull();
  });
});
