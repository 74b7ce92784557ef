import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ComuneDetail, DirectoryPage } from '@coopera/domain';
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
    let received: DirectoryPage | undefined;
    service
      .list({
        page: 2,
        pageSize: 50,
        sort: '-population',
        q: '  Caltagirone ',
        province: 'CT',
        kind: 'COMUNE',
        membership: 'NONE',
        withProjects: true,
      })
      .subscribe((page) => (received = page));

    const req = http.expectOne(() => true);
    expect(req.request.method).toBe('GET');
    expect(req.request.urlWithParams).toBe(
      '/api/v1/comuni?page=2&pageSize=50&sort=-population&q=Caltagirone&province=CT&kind=COMUNE&membership=NONE&withProjects=true',
    );
    const body: DirectoryPage = { items: [], total: 0, page: 2, pageSize: 50, provinceTotals: [] };
    req.flush(body);
    expect(received).toEqual(body);
  });

  it('leaves out parameters that are not set, blank search text and withProjects=false', () => {
    service.list({ page: 1, q: '   ', withProjects: false }).subscribe();
    const req = http.expectOne(() => true);
    expect(req.request.urlWithParams).toBe('/api/v1/comuni?page=1');
  });

  it('encodes search text', () => {
    expect(comuniQueryParams({ q: "Sant'Agata di Militello & co" }).toString()).toBe(
      "q=Sant'Agata%20di%20Militello%20%26%20co",
    );
  });

  it('reads one Comune and PATCHes its profile with the version', () => {
    const id = '0b6f7f0e-1d5c-4a8e-9b1e-000000082053';
    let read: ComuneDetail | undefined;
    service.get(id).subscribe((comune) => (read = comune));
    const get = http.expectOne(`/api/v1/comuni/${id}`);
    expect(get.request.method).toBe('GET');
    get.flush({ id } as ComuneDetail);
    expect(read?.id).toBe(id);

    service.updateProfile(id, { version: 3, email: null }).subscribe();
    const patch = http.expectOne(`/api/v1/comuni/${id}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ version: 3, email: null });
    patch.flush({ id });
  });
});
