import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ComuneSummary, ListComuniQuery, Page } from '@coopera/domain';
import { Observable } from 'rxjs';

/** The directory endpoint, same origin as the app. */
export const COMUNI_API_URL = '/api/v1/comuni';

/** Query-string parameters for a list request: only the fields that are set, in a stable order. */
export function comuniQueryParams(query: ListComuniQuery): HttpParams {
  let params = new HttpParams();
  const entries: [keyof ListComuniQuery, string | number | undefined][] = [
    ['page', query.page],
    ['pageSize', query.pageSize],
    ['sort', query.sort],
    ['q', query.q?.trim() || undefined],
    ['province', query.province],
    ['kind', query.kind],
  ];
  for (const [name, value] of entries) {
    if (value !== undefined && value !== '') {
      params = params.set(name, String(value));
    }
  }
  return params;
}

/** Typed access to `GET /api/v1/comuni`; errors arrive as `application/problem+json`. */
@Injectable({ providedIn: 'root' })
export class ComuniApiService {
  private readonly http = inject(HttpClient);

  list(query: ListComuniQuery): Observable<Page<ComuneSummary>> {
    return this.http.get<Page<ComuneSummary>>(COMUNI_API_URL, { params: comuniQueryParams(query) });
  }
}
