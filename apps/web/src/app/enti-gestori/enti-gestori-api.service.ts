import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  EnteGestore,
  EnteGestoreWrite,
  ListEntiGestoriQuery,
  ListProjectsQuery,
  Page,
  ProjectSummary,
  UpdateEnteGestoreRequest,
} from '@coopera/domain';
import { Observable } from 'rxjs';

/** The register's endpoint, same origin as the app. */
export const ENTI_GESTORI_API_URL = '/api/v1/enti-gestori';
/** The projects' list, here only to show an ente gestore's projects. */
export const PROJECTS_API_URL = '/api/v1/projects';

/** Query-string parameters: only the fields that are set, in a stable order. */
export function entiGestoriQueryParams(query: ListEntiGestoriQuery): HttpParams {
  let params = new HttpParams();
  const entries: [keyof ListEntiGestoriQuery, string | number | undefined][] = [
    ['page', query.page],
    ['pageSize', query.pageSize],
    ['sort', query.sort],
    ['q', query.q?.trim() || undefined],
    ['taxCode', query.taxCode?.trim() || undefined],
    ['proposed', query.proposed === undefined ? undefined : String(query.proposed)],
  ];
  for (const [name, value] of entries) {
    if (value !== undefined && value !== '') params = params.set(name, String(value));
  }
  return params;
}

/** Typed access to `/api/v1/enti-gestori` (writes need `enti:manage`); errors are problem+json. */
@Injectable({ providedIn: 'root' })
export class EntiGestoriApiService {
  private readonly http = inject(HttpClient);

  list(query: ListEntiGestoriQuery): Observable<Page<EnteGestore>> {
    return this.http.get<Page<EnteGestore>>(ENTI_GESTORI_API_URL, { params: entiGestoriQueryParams(query) });
  }

  get(id: string): Observable<EnteGestore> {
    return this.http.get<EnteGestore>(`${ENTI_GESTORI_API_URL}/${encodeURIComponent(id)}`);
  }

  /** 409 when an ente with the same tax code is already in the register. */
  create(request: EnteGestoreWrite): Observable<EnteGestore> {
    return this.http.post<EnteGestore>(ENTI_GESTORI_API_URL, request);
  }

  /** A versioned change: 409 when someone changed the ente since `request.version` (or the tax code is taken). */
  update(id: string, request: UpdateEnteGestoreRequest): Observable<EnteGestore> {
    return this.http.patch<EnteGestore>(`${ENTI_GESTORI_API_URL}/${encodeURIComponent(id)}`, request);
  }

  /** The projects an ente gestore runs (public summaries). */
  projectsOf(enteGestoreId: string, query: Pick<ListProjectsQuery, 'page' | 'pageSize'> = {}): Observable<Page<ProjectSummary>> {
    let params = new HttpParams().set('enteGestoreId', enteGestoreId);
    if (query.page) params = params.set('page', query.page);
    if (query.pageSize) params = params.set('pageSize', query.pageSize);
    return this.http.get<Page<ProjectSummary>>(PROJECTS_API_URL, { params });
  }
}
