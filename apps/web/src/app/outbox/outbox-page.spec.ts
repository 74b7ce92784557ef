import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { OutboxMessage, OutboxOverview, Page } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { MEETINGS_API_URL } from '../meetings/meetings-api.service';
import { OUTBOX_API_URL } from './outbox-api.service';
import { OutboxPage } from './outbox-page';

const MEETING_ID = '0b6f7f0e-1d5c-4a8e-9b1e-000000000042';

const OVERVIEW: OutboxOverview = { transport: 'folder', counts: { pending: 1, sent: 3, failed: 1, skipped: 0 } };

function aMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: 'o1',
    kind: 'CONVOCATION',
    status: 'SENT',
    meetingId: MEETING_ID,
    meetingTitle: 'Assemblea plenaria',
    comuneId: 'c1',
    comuneName: 'Palermo',
    subject: 'Convocazione: Assemblea plenaria',
    recipients: ['referente.palermo@coopera.example'],
    attempts: 1,
    nextAttemptAt: null,
    lastError: null,
    sentAt: '2030-11-20T09:31:00Z',
    createdAt: '2030-11-20T09:30:00Z',
    ...overrides,
  };
}

describe('OutboxPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'posta-in-uscita', component: OutboxPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const clean = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

  it('explains the demo transport, offers the counts as filters and lists the messages', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/posta-in-uscita?status=FAILED');
    http.expectOne(`${OUTBOX_API_URL}/overview`).flush(OVERVIEW);
    const list = http.expectOne((r) => r.url === OUTBOX_API_URL);
    expect(list.request.params.get('status')).toBe('FAILED');
    expect(list.request.params.get('pageSize')).toBe('20');
    list.flush({ items: [aMessage({ status: 'FAILED', attempts: 5, lastError: '550 mailbox unavailable', sentAt: null })], total: 1, page: 1, pageSize: 20 } satisfies Page<OutboxMessage>);
    harness.detectChanges();
    const root = harness.routeNativeElement as HTMLElement;

    expect(clean(root.querySelector('.transport-note'))).toBe('Modalità dimostrativa: i messaggi sono scritti nella cartella dei dati, non inviati.');
    const filters = [...root.querySelectorAll('.status-filters a')];
    expect(filters.map(clean)).toEqual(['Tutti 5', 'In coda 1', 'Inviati 3', 'Non riusciti 1', 'Senza destinatari 0']);
    expect(filters.map((a) => a.getAttribute('aria-current'))).toEqual([null, null, null, 'true', null]);
    expect(filters[1]?.getAttribute('href')).toBe('/posta-in-uscita?status=PENDING');
    expect(filters[0]?.getAttribute('href')).toBe('/posta-in-uscita');

    const cells = [...root.querySelectorAll('tbody tr > *')].map(clean);
    expect(cells).toEqual([
      '20 nov 2030, 10:30',
      'Convocazione',
      'Palermo',
      'Convocazione: Assemblea plenariaAssemblea plenaria',
      'referente.palermo@coopera.example',
      'Non riuscito',
      '5',
      '550 mailbox unavailable',
    ]);
    expect(root.querySelector('tbody a')?.getAttribute('href')).toBe('/posta-in-uscita/o1');
  });

  it('narrows the list to one meeting, named, with the way back to all messages', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/posta-in-uscita?meetingId=${MEETING_ID}`);
    // The counts are the meeting's own.
    http.expectOne(`${OUTBOX_API_URL}/overview?meetingId=${MEETING_ID}`).flush({ ...OVERVIEW, counts: { pending: 0, sent: 2, failed: 0, skipped: 0 } });
    const list = http.expectOne((r) => r.url === OUTBOX_API_URL);
    expect(list.request.params.get('meetingId')).toBe(MEETING_ID);
    list.flush({ items: [], total: 0, page: 1, pageSize: 20 });
    http.expectOne(`${MEETINGS_API_URL}/${MEETING_ID}`).flush({ id: MEETING_ID, title: 'Assemblea plenaria' });
    harness.detectChanges();
    const root = harness.routeNativeElement as HTMLElement;
    expect(clean(root.querySelector('.meeting-filter p'))).toBe('Solo i messaggi dell\'incontro «Assemblea plenaria».');
    expect(root.querySelector('.meeting-filter a')?.getAttribute('href')).toBe('/posta-in-uscita');
    expect(clean(root.querySelector('.empty-state p:last-child'))).toBe('Nessun messaggio con questi filtri: prova a mostrarli tutti.');
    expect([...root.querySelectorAll('.status-filters a')].map(clean)).toEqual(['Tutti 2', 'In coda 0', 'Inviati 2', 'Non riusciti 0', 'Senza destinatari 0']);
    expect(root.querySelector('.counts-note')).toBeNull();
  });
});
