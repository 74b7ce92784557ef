import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ComuneDetail, DirectoryPage, ListComuniQuery, UpdateComuneProfileRequest } from '@coopera/domain';
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
    ['membership', query.membership],
    // The API reads only `true`; "all Comuni" is the parameter left out.
    ['withProjects', query.withProjects ? 'true' : undefined],
  ];
  for (const [name, value] of entries) {
    if (value !== undefined && value !== '') {
      params = params.set(name, String(value));
    }
  }
  return params;
}

/**
 * Typed access to `/api/v1/comuni` (sign-in required: the directory shows memberships and
 * projects); errors arrive as `application/problem+json`.
 */
@Injectable({ providedIn: 'root' })
export class ComuniApiService {
  private readonly http = inject(HttpClient);

  list(query: ListComuniQuery): Observable<DirectoryPage> {
    return this.http.get<DirectoryPage>(COMUNI_API_URL, { params: comuniQueryParams(query) });
  }

  get(id: string): Observable<ComuneDetail> {
    return this.http.get<ComuneDetail>(`${COMUNI_API_URL}/${encodeURIComponent(id)}`);
  }

  /** A versioned change of the profile: 409 when someone saved it since `request.version`. */
  updateProfile(id: string, request: UpdateComuneProfileRequest): Observable<ComuneDetail> {
    return this.http.patch<ComuneDetail>(`${COMUNI_API_URL}/${encodeURIComponent(id)}`, request);
  }
}
