import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuditEventView, Page } from '@coopera/domain';
import { AuditApiService } from './audit-api.service';
import { startOfDay, toApiQuery } from './audit-query';

describe('AuditApiService', () => {
  let service: AuditApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(AuditApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('GETs /api/v1/audit-events with every parameter that is set', () => {
    let received: Page<AuditEventView> | undefined;
    service
      .list({
        page: 2,
        pageSize: 50,
        action: 'auth.',
        actorId: ' a1 ',
        comuneId: 'c1',
        entityType: 'user',
        entityId: 'u9',
        from: '2024-03-01T00:00:00Z',
        to: '2024-04-01T00:00:00Z',
      })
      .subscribe((page) => (received = page));

    const req = http.expectOne(() => true);
    expect(req.request.method).toBe('GET');
    expect(req.request.urlWithParams).toBe(
      '/api/v1/audit-events?page=2&pageSize=50&action=auth.&actorId=a1&comuneId=c1&entityType=user&entityId=u9&from=2024-03-01T00:00:00Z&to=2024-04-01T00:00:00Z',
    );
    const body: Page<AuditEventView> = { items: [], total: 0, page: 2, pageSize: 50 };
    req.flush(body);
    expect(received).toEqual(body);
  });

  it('leaves out parameters that are not set or blank', () => {
    service.list({ page: 1, pageSize: 20, action: '  ' }).subscribe();
    const req = http.expectOne(() => true);
    expect(req.request.urlWithParams).toBe('/api/v1/audit-events?page=1&pageSize=20');
    req.flush({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('GETs the accounts to filter by, by search or by id', () => {
    service.actors({ search: ' ros ' }).subscribe();
    http.expectOne('/api/v1/audit-events/actors?search=ros').flush([]);
    service.actors({ id: 'a1' }).subscribe();
    http.expectOne('/api/v1/audit-events/actors?id=a1').flush([]);
  });
});

describe('audit period in Europe/Rome', () => {
  it('turns days into instants: winter +01:00, summer +02:00, across the DST change', () => {
    expect(startOfDay('2024-01-15')).toBe('2024-01-14T23:00:00.000Z');
    expect(startOfDay('2024-07-15')).toBe('2024-07-14T22:00:00.000Z');
    expect(startOfDay('2024-03-31')).toBe('2024-03-30T23:00:00.000Z');
    expect(startOfDay('2024-03-31', 'Europe/Rome', 1)).toBe('2024-03-31T22:00:00.000Z');
  });

  it('asks for the last day inclusive: `to` is the start of the next day', () => {
    expect(toApiQuery({ page: 3, category: 'user', from: '2024-10-01', to: '2024-10-31' })).toEqual({
      page: 3,
      pageSize: 20,
      action: 'user.',
      from: '2024-09-30T22:00:00.000Z',
      to: '2024-10-31T23:00:00.000Z',
    });
  });
});
