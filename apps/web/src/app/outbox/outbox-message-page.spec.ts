import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { OutboxMessageDetail } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { OUTBOX_API_URL } from './outbox-api.service';
import { OutboxMessagePage } from './outbox-message-page';

const FAILED: OutboxMessageDetail = {
  id: 'o1',
  kind: 'CONVOCATION',
  status: 'FAILED',
  meetingId: 'm1',
  meetingTitle: 'Assemblea plenaria',
  comuneId: 'c1',
  comuneName: 'Palermo',
  subject: 'Convocazione: Assemblea plenaria',
  recipients: ['referente.palermo@coopera.example'],
  attempts: 8,
  nextAttemptAt: null,
  lastError: '421 service not available',
  sentAt: null,
  createdAt: '2030-11-20T09:30:00Z',
  text: 'Gentile referente,\n\nla Segreteria convoca…',
  attachments: ['invito.ics'],
  file: null,
};

describe('OutboxMessagePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'posta-in-uscita/:id', component: OutboxMessagePage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function open(message: OutboxMessageDetail) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/posta-in-uscita/${message.id}`);
    http.expectOne(`${OUTBOX_API_URL}/${message.id}`).flush(message);
    harness.detectChanges();
    const root = harness.routeNativeElement as HTMLElement;
    const text = (selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    const retryButton = () => [...root.querySelectorAll('button')].find((b) => b.textContent?.includes("Riprova l'invio"));
    return { harness, root, text, retryButton };
  }

  it('shows the text in a <pre>, the attachments and the last error', async () => {
    const { text, root } = await open(FAILED);
    expect(text('h1')).toBe('Convocazione: Assemblea plenaria');
    expect(root.querySelector('pre.message-text')?.textContent).toBe(FAILED.text);
    expect(text('.attachments')).toBe('invito.ics');
    expect(text('.last-error')).toBe('421 service not available');
  });

  it('puts a failed message back in the queue', async () => {
    const { harness, text, retryButton } = await open(FAILED);
    retryButton()?.click();
    http.expectOne({ method: 'POST', url: `${OUTBOX_API_URL}/o1/retry` }).flush({ ...FAILED, status: 'PENDING', nextAttemptAt: '2030-11-20T09:35:00Z' });
    harness.detectChanges();
    expect(text('#retry-done')).toBe('Messaggio rimesso in coda: sarà inviato a breve.');
    expect(text('cp-outbox-status')).toBe('In coda');
    expect(retryButton()).toBeUndefined();
  });

  it("shows the API's refusal when the message is no longer FAILED, and reads it again", async () => {
    const { harness, text, retryButton } = await open(FAILED);
    retryButton()?.click();
    http
      .expectOne({ method: 'POST', url: `${OUTBOX_API_URL}/o1/retry` })
      .flush({ title: 'Conflict', status: 409, detail: 'Only a failed message can be retried.' }, { status: 409, statusText: 'Conflict' });
    http.expectOne(`${OUTBOX_API_URL}/o1`).flush({ ...FAILED, status: 'SENT', sentAt: '2030-11-20T09:40:00Z' });
    harness.detectChanges();
    expect(text('#retry-failure')).toBe('Only a failed message can be retried.');
    expect(text('cp-outbox-status')).toBe('Inviato');
  });

  it('offers no retry for a message that was sent', async () => {
    const { retryButton } = await open({ ...FAILED, status: 'SENT', sentAt: '2030-11-20T09:31:00Z', lastError: null });
    expect(retryButton()).toBeUndefined();
  });
});
