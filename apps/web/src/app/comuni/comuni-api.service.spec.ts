import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ComuneSummary, Page } from '@coopera/domain';
import { ComuniApiService, comuniQueryParams } from './comuni-api.service';

describe('ComuniApiService', () => {
  let service: ComuniApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(ComuniApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('GETs /api/v1/comuni with every parameter that is set', () => {
    let received: Page<ComuneSummary> | undefined;
    service
      .list({ page: 2, pageSize: 50, sort: '-population', q: '  Caltagirone ', province: 'CT', kind: 'COMUNE' })
      .subscribe((page) => (received = page));

    const req = http.expectOne(() => true);
    expect(req.request.method).toBe('GET');
    expect(req.request.urlWithParams).toBe(
      '/api/v1/comuni?page=2&pageSize=50&sort=-population&q=Caltagirone&province=CT&kind=COMUNE',
    );
    const body: Page<ComuneSummary> = { items: [], total: 0, page: 2, pageSize: 50 };
    req.flush(body);
    expect(received).toEqual(body);
  });

  it('leaves out parameters that are not set, and blank search text', () => {
    service.list({ page: 1, q: '   ' }).subscribe();
    const req = http.expectOne(() => true);
    expect(req.request.urlWithParams).toBe('/api/v1/comuni?page=1');
  });

  it('encodes search text', () => {
    expect(comuniQueryParams({ q: "Sant'Agata di Militello & co" }).toString()).toBe(
      "q=Sant'Agata%20di%20Militello%20%26%20co",
    );
  });
});
