import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DOCUMENT_LIMITS, MeetingDetail, StoredDocument, UNSUPPORTED_DOCUMENT_PROBLEM_TYPE } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { DocumentsPanel } from './documents-panel';
import { MEETINGS_API_URL } from './meetings-api.service';

const MEETING: MeetingDetail = {
  id: 'm1',
  title: 'Assemblea plenaria',
  description: null,
  startsAt: '2030-12-07T08:00:00.000Z',
  endsAt: '2030-12-07T11:00:00.000Z',
  mode: 'ONLINE',
  place: null,
  onlineUrl: 'https://videoconferenza.example/coopera',
  seatLimit: null,
  workingGroupId: null,
  workingGroupName: null,
  status: 'CONVENED',
  cancelledReason: null,
  agendaItemCount: 0,
  version: 3,
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
  agenda: [],
  invitationCounts: null,
  myInvitation: null,
};

const DOCUMENTS_URL = `${MEETINGS_API_URL}/m1/documents`;

function aDocument(overrides: Partial<StoredDocument> = {}): StoredDocument {
  return {
    id: 'd1',
    title: 'Programma',
    fileName: 'programma.pdf',
    mediaType: 'application/pdf',
    sizeBytes: 12_595,
    sha256: 'ab'.repeat(32),
    uploadedByName: 'Segreteria del coordinamento',
    createdAt: '2030-11-20T09:30:00Z',
    ...overrides,
  };
}

describe('DocumentsPanel', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppTranslationsForTesting(), KIT_TESTING_PROVIDERS],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function setUp(canManage: boolean, documents: StoredDocument[], meeting: MeetingDetail = MEETING) {
    const fixture = TestBed.createComponent(DocumentsPanel);
    fixture.componentRef.setInput('meeting', meeting);
    fixture.componentRef.setInput('canManage', canManage);
    fixture.detectChanges();
    http.expectOne(DOCUMENTS_URL).flush(documents);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const text = (selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    const choose = (file: File) => {
      const input = root.querySelector<HTMLInputElement>('#document-file');
      if (!input) throw new Error('no file input');
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      fixture.detectChanges();
    };
    const submit = () => {
      root.querySelector<HTMLFormElement>('.upload-form')?.dispatchEvent(new Event('submit'));
      fixture.detectChanges();
    };
    return { fixture, root, text, choose, submit };
  }

  it('lists the documents with type, Italian size and date; a referent gets no upload form', () => {
    const { root, text } = setUp(false, [aDocument()]);
    expect(text('.document-title')).toBe('Programma');
    expect(text('.document-file')).toBe('programma.pdf');
    expect(text('.document-type')).toBe('PDF');
    expect(text('.document-size')).toBe('12,3 kB');
    expect(text('.document-date')).toBe('Caricato il 20 nov 2030, 10:30 da Segreteria del coordinamento');
    expect(root.querySelector('.upload-form')).toBeNull();
    expect([...root.querySelectorAll('.document-actions button')].map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Scarica']);
    expect(root.querySelector('.document-actions button')?.getAttribute('aria-label')).toBe('Scarica: Programma');
  });

  it('says so when there are no documents', () => {
    const { text } = setUp(true, []);
    expect(text('.documents-empty')).toBe('Nessun documento allegato a questo incontro.');
  });

  it('checks the file in the browser before sending: nothing goes out for a wrong type or an empty file', () => {
    const { choose, submit, text } = setUp(true, []);
    submit();
    expect(text('#document-file-error')).toBe('Scegli il file da caricare.');
    choose(new File(['MZ'], 'programma.exe'));
    expect(text('#document-file-error')).toContain('Tipo di file non accettato');
    submit();
    choose(new File([], 'vuoto.pdf'));
    expect(text('#document-file-error')).toBe('Il file è vuoto.');
    http.expectNone(DOCUMENTS_URL);
  });

  it('refuses a file over the limit before sending, naming the limit', () => {
    const { choose, text } = setUp(true, []);
    const big = new File(['x'], 'grande.pdf');
    Object.defineProperty(big, 'size', { value: DOCUMENT_LIMITS.maxBytes + 1 });
    choose(big);
    expect(text('#document-file-error')).toBe('Il file è troppo grande: al massimo 20 MB.');
  });

  it('sends the title before the file, shows the progress, then lists the new document first', () => {
    const { fixture, root, choose, submit, text } = setUp(true, [aDocument({ id: 'old', title: 'Vecchio' })]);
    const title = root.querySelector<HTMLInputElement>('#document-title');
    if (!title) throw new Error('no title');
    title.value = ' Programma definitivo ';
    title.dispatchEvent(new Event('input'));
    choose(new File(['%PDF-1.4\n'], 'programma.pdf', { type: 'application/pdf' }));
    submit();

    const request = http.expectOne({ method: 'POST', url: DOCUMENTS_URL });
    const body = request.request.body as FormData;
    expect([...body.keys()]).toEqual(['title', 'file']);
    expect(body.get('title')).toBe('Programma definitivo');
    expect((body.get('file') as File).name).toBe('programma.pdf');
    expect(request.request.reportProgress).toBe(true);

    request.event({ type: HttpEventType.UploadProgress, loaded: 45, total: 100 });
    fixture.detectChanges();
    expect(root.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('45');
    expect(text('.upload-percent')).toBe('Inviato il 45%');

    request.flush(aDocument({ id: 'new', title: 'Programma definitivo' }), { status: 201, statusText: 'Created' });
    fixture.detectChanges();
    expect([...root.querySelectorAll('.document-title')].map((e) => e.textContent?.trim())).toEqual(['Programma definitivo', 'Vecchio']);
    expect(text('#documents-done')).toBe('Documento «Programma definitivo» caricato.');
    expect(root.querySelector('[role="progressbar"]')).toBeNull();
    expect(root.querySelector<HTMLInputElement>('#document-title')?.value).toBe('');
  });

  it('says in Italian, with the file name, that a .pdf name over other content is refused (415)', () => {
    const { fixture, choose, submit, text } = setUp(true, []);
    choose(new File(['not a pdf'], 'finto.pdf'));
    submit();
    http.expectOne({ method: 'POST', url: DOCUMENTS_URL }).flush(
      { type: UNSUPPORTED_DOCUMENT_PROBLEM_TYPE, title: 'Unsupported Media Type', status: 415, detail: 'The content is text/plain; the name says application/pdf.' },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    fixture.detectChanges();
    expect(text('#document-upload-failure .alert-heading')).toBe('Il documento non è stato caricato');
    expect(text('#document-upload-failure p')).toBe(
      "Il file «finto.pdf» non è stato accettato: il contenuto non è un PDF, un documento Word, Excel, PowerPoint o OpenDocument né un'immagine PNG, JPEG o WebP, oppure non corrisponde all'estensione del nome.",
    );
  });

  it('says in Italian, with the file name, that a file is too large (413), and shows other refusals as they come', () => {
    const { fixture, choose, submit, text } = setUp(true, []);
    choose(new File(['%PDF-1.4'], 'scansione.pdf'));
    submit();
    http.expectOne({ method: 'POST', url: DOCUMENTS_URL }).flush({ title: 'Payload Too Large', status: 413, detail: 'The file is larger than 20971520 bytes.' }, { status: 413, statusText: 'Payload Too Large' });
    fixture.detectChanges();
    expect(text('#document-upload-failure p')).toBe('Il file «scansione.pdf» è troppo grande: al massimo 20 MB.');

    submit();
    http.expectOne({ method: 'POST', url: DOCUMENTS_URL }).flush({ title: 'Conflict', status: 409, detail: "L'incontro ha già 50 documenti." }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(text('#document-upload-failure p')).toBe("L'incontro ha già 50 documenti.");
  });

  it('shows a title refused by the API under the title field', () => {
    const { fixture, choose, submit, text } = setUp(true, []);
    choose(new File(['%PDF-1.4'], 'a.pdf'));
    submit();
    http
      .expectOne({ method: 'POST', url: DOCUMENTS_URL })
      .flush({ title: 'Bad Request', status: 400, detail: 'Dati non validi.', errors: [{ name: 'title', reason: 'Titolo troppo lungo.' }] }, { status: 400, statusText: 'Bad Request' });
    fixture.detectChanges();
    expect(text('#document-title-error')).toBe('Titolo troppo lungo.');
  });

  it('deletes a document only after confirming', () => {
    const { root, fixture, text } = setUp(true, [aDocument()]);
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    const deleteButton = () => [...root.querySelectorAll<HTMLButtonElement>('.document-actions button')].find((b) => b.textContent?.includes('Elimina'));
    deleteButton()?.click();
    http.expectNone({ method: 'DELETE' });
    deleteButton()?.click();
    expect(confirm).toHaveBeenLastCalledWith('Eliminare il documento «Programma»? Chi può vedere l\'incontro non potrà più scaricarlo.');
    http.expectOne({ method: 'DELETE', url: `${DOCUMENTS_URL}/d1` }).flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();
    expect(root.querySelectorAll('.document-item')).toHaveLength(0);
    expect(text('#documents-done')).toBe('Documento «Programma» eliminato.');
    confirm.mockRestore();
  });

  it('offers no upload on a cancelled meeting', () => {
    const { root, text } = setUp(true, [], { ...MEETING, status: 'CANCELLED' });
    expect(root.querySelector('.upload-form')).toBeNull();
    expect(text('.upload-note')).toBe("L'incontro è annullato: non si possono aggiungere documenti.");
  });
});
