import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CalendarFeed } from '@coopera/domain';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { CALENDAR_FEED_API_URL } from './calendar-feed-api.service';
import { CalendarFeedPanel } from './calendar-feed-panel';

const NONE: CalendarFeed = { active: false, createdAt: null, lastUsedAt: null, url: null };
const FEED_URL = 'http://127.0.0.1/api/v1/calendar-feeds/s3cr3t-token.ics';

describe('CalendarFeedPanel', () => {
  let http: HttpTestingController;
  let confirm: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppTranslationsForTesting(), KIT_TESTING_PROVIDERS],
    });
    http = TestBed.inject(HttpTestingController);
    confirm = jest.spyOn(window, 'confirm');
  });

  afterEach(() => {
    http.verify();
    confirm.mockRestore();
  });

  function setUp(feed: CalendarFeed) {
    const fixture = TestBed.createComponent(CalendarFeedPanel);
    fixture.detectChanges();
    http.expectOne({ method: 'GET', url: CALENDAR_FEED_API_URL }).flush(feed);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const text = (selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    const click = (label: string) => {
      const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === label);
      if (!button) throw new Error(`no button ${label}`);
      button.click();
      fixture.detectChanges();
    };
    const buttons = () => [...root.querySelectorAll('button')].map((b) => b.textContent?.replace(/\s+/g, ' ').trim());
    return { fixture, root, text, click, buttons };
  }

  it('creates a first address without asking, and shows it once, read-only, with a copy button', () => {
    const { fixture, root, text, click, buttons } = setUp(NONE);
    expect(text('.feed-status')).toBe('Non hai un indirizzo attivo.');
    expect(buttons()).toEqual(['Crea indirizzo']);
    click('Crea indirizzo');
    expect(confirm).not.toHaveBeenCalled();
    http.expectOne({ method: 'POST', url: CALENDAR_FEED_API_URL }).flush({ active: true, createdAt: '2030-11-20T09:30:00Z', lastUsedAt: null, url: FEED_URL }, { status: 201, statusText: 'Created' });
    fixture.detectChanges();
    const input = root.querySelector<HTMLInputElement>('#calendar-feed-url');
    expect(input?.value).toBe(FEED_URL);
    expect(input?.readOnly).toBe(true);
    expect(root.querySelector('label[for="calendar-feed-url"]')?.textContent?.trim()).toBe('Indirizzo del tuo calendario');
    expect([...root.querySelectorAll('.feed-apps dt')].map((e) => e.textContent?.trim())).toEqual(['Outlook', 'Google Calendar', 'Thunderbird']);
    expect(text('.feed-status')).toBe('Indirizzo attivo. Creato il 20 nov 2030, 10:30. Nessun calendario lo ha ancora usato.');
    expect(buttons()).toEqual(['Copia', 'Crea un nuovo indirizzo', 'Disattiva']);
  });

  it('copies the address with the clipboard', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { fixture, click, text } = setUp(NONE);
    click('Crea indirizzo');
    http.expectOne({ method: 'POST', url: CALENDAR_FEED_API_URL }).flush({ active: true, createdAt: '2030-11-20T09:30:00Z', lastUsedAt: null, url: FEED_URL });
    fixture.detectChanges();
    click('Copia');
    await fixture.whenStable();
    fixture.detectChanges();
    expect(writeText).toHaveBeenCalledWith(FEED_URL);
    expect(text('.copy-status')).toBe('Indirizzo copiato.');
  });

  it('shows an active address without its URL, and replaces it only after confirming', () => {
    const { fixture, root, text, click } = setUp({ active: true, createdAt: '2030-11-20T09:30:00Z', lastUsedAt: '2030-11-21T07:05:00Z', url: null });
    expect(root.querySelector('#calendar-feed-url')).toBeNull();
    expect(text('.feed-status')).toBe('Indirizzo attivo. Creato il 20 nov 2030, 10:30. Ultimo aggiornamento da un calendario: 21 nov 2030, 08:05.');
    confirm.mockReturnValueOnce(false);
    click('Crea un nuovo indirizzo');
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Quello vecchio smetterà di funzionare'));
    http.expectNone({ method: 'POST' });
    confirm.mockReturnValueOnce(true);
    click('Crea un nuovo indirizzo');
    http.expectOne({ method: 'POST', url: CALENDAR_FEED_API_URL }).flush({ active: true, createdAt: '2030-11-22T09:30:00Z', lastUsedAt: null, url: FEED_URL });
    fixture.detectChanges();
    expect(root.querySelector<HTMLInputElement>('#calendar-feed-url')?.value).toBe(FEED_URL);
  });

  it('switches the address off after confirming', () => {
    const { fixture, root, text, click, buttons } = setUp({ active: true, createdAt: '2030-11-20T09:30:00Z', lastUsedAt: null, url: null });
    confirm.mockReturnValueOnce(true);
    click('Disattiva');
    http.expectOne({ method: 'DELETE', url: CALENDAR_FEED_API_URL }).flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();
    expect(text('#calendar-feed-done')).toBe('Indirizzo disattivato: i calendari che lo usavano non ricevono più i tuoi incontri.');
    expect(root.querySelector('#calendar-feed-url')).toBeNull();
    expect(buttons()).toEqual(['Crea indirizzo']);
  });
});
