import { HttpEventType, HttpHeaderResponse, HttpHeaders, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Role } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { ExportButtons } from './export-buttons';
import { ExportKind } from './export-download';

@Component({
  imports: [ExportButtons],
  template: `<cp-export-buttons [kind]="kind()" subject="dashboard.attendance.exportSubject" [params]="{ province: 'CT', from: '2026-01-01', to: undefined }" />`,
})
class Host {
  readonly kind = signal<ExportKind>('attendance');
}

describe('ExportButtons', () => {
  let http: HttpTestingController;
  const saved: { name: string }[] = [];

  function render(role: Role) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppTranslationsForTesting(), KIT_TESTING_PROVIDERS],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(role)));
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const text = (selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    const button = (format: 'csv' | 'xlsx') => root.querySelector<HTMLButtonElement>(`button[data-format="${format}"]`);
    return { fixture, root, text, button };
  }

  beforeEach(() => {
    saved.length = 0;
    Object.assign(window.URL, { createObjectURL: () => 'blob:export', revokeObjectURL: () => undefined });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download });
    });
  });

  afterEach(() => {
    http.verify();
    jest.restoreAllMocks();
  });

  it('names both buttons after what they export', () => {
    const { button } = render('SERVIZIO_CENTRALE');
    expect(button('csv')?.textContent?.trim()).toBe('Esporta CSV');
    expect(button('xlsx')?.getAttribute('aria-label')).toBe('Esporta Excel: partecipazione agli incontri');
  });

  it('streams the export with the filters, shows rows and kilobytes, then saves it under the API’s name', () => {
    const { fixture, text, button } = render('SERVIZIO_CENTRALE');
    button('xlsx')?.click();
    const request = http.expectOne((r) => r.url === '/api/v1/exports/attendance.xlsx');
    expect(request.request.params.toString()).toBe('province=CT&from=2026-01-01');
    expect(request.request.responseType).toBe('blob');
    expect(request.request.reportProgress).toBe(true);

    request.event(new HttpHeaderResponse({ headers: new HttpHeaders({ 'X-Export-Rows': '12345' }), status: 200 }));
    request.event({ type: HttpEventType.DownloadProgress, loaded: 25_600 });
    fixture.detectChanges();
    expect(text('.export-progress-text')).toBe('Esportazione in corso: 12.345 righe, 25 kB ricevuti');
    expect(button('csv')?.getAttribute('aria-disabled')).toBe('true');

    request.flush(new Blob(['PK']), { headers: { 'Content-Disposition': 'attachment; filename="presenze-incontri-2026-11-26.xlsx"', 'X-Export-Rows': '12345' } });
    fixture.detectChanges();
    expect(saved).toEqual([{ name: 'presenze-incontri-2026-11-26.xlsx' }]);
    expect(text('.export-done')).toBe('File «presenze-incontri-2026-11-26.xlsx» scaricato: 12.345 righe.');
  });

  it('cancels an export: the request is dropped and nothing is saved', () => {
    const { fixture, root, text, button } = render('SECRETARIAT');
    button('csv')?.click();
    const request = http.expectOne((r) => r.url === '/api/v1/exports/attendance.csv');
    fixture.detectChanges();
    root.querySelector<HTMLButtonElement>('.export-cancel')?.click();
    fixture.detectChanges();
    expect(request.cancelled).toBe(true);
    expect(saved).toEqual([]);
    expect(text('.export-done')).toBe('Esportazione annullata: nessun file salvato.');
  });

  it("shows the API's refusal, read out of the blob", async () => {
    const { fixture, text, button } = render('SERVIZIO_CENTRALE');
    button('csv')?.click();
    http
      .expectOne((r) => r.url === '/api/v1/exports/attendance.csv')
      .flush(new Blob([JSON.stringify({ title: 'Bad Request', status: 400, detail: 'to must be a date as YYYY-MM-DD' })]), { status: 400, statusText: 'Bad Request' });
    fixture.detectChanges();
    expect(text('.export-failure')).toBe("L'esportazione non è riuscita. Riprova tra poco.");
    for (let i = 0; i < 50 && text('.export-failure')?.startsWith("L'esportazione"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      fixture.detectChanges();
    }
    expect(text('.export-failure')).toBe('to must be a date as YYYY-MM-DD');
  });

  it('is not offered to a role the export is not for', () => {
    const { root, fixture } = render('COMUNE_REFERENT');
    expect(root.querySelector('.export-buttons')).toBeNull();
    fixture.componentInstance.kind.set('directory');
    fixture.detectChanges();
    expect(root.querySelectorAll('button.export-button')).toHaveLength(2);
  });
});
