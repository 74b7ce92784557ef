import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CloseProjectRequest,
  CreateProjectRequest,
  EnteGestore,
  Page,
  ProjectDetail,
  UpdateProjectRequest,
  normalizeTaxCode,
} from '@coopera/domain';
import { Observable, map } from 'rxjs';

export const PROJECTS_API_URL = '/api/v1/projects';
export const ENTI_GESTORI_API_URL = '/api/v1/enti-gestori';

/** Typed access to `/api/v1/projects` and the register lookup the project form needs. */
@Injectable({ providedIn: 'root' })
export class ProjectsApiService {
  private readonly http = inject(HttpClient);

  /** 404 when the project does not exist or the reader may not see it. */
  get(id: string): Observable<ProjectDetail> {
    return this.http.get<ProjectDetail>(`${PROJECTS_API_URL}/${encodeURIComponent(id)}`);
  }

  create(request: CreateProjectRequest): Observable<ProjectDetail> {
    return this.http.post<ProjectDetail>(PROJECTS_API_URL, request);
  }

  /** A versioned change: 409 when someone saved the project since `request.version`. */
  update(id: string, request: UpdateProjectRequest): Observable<ProjectDetail> {
    return this.http.patch<ProjectDetail>(`${PROJECTS_API_URL}/${encodeURIComponent(id)}`, request);
  }

  close(id: string, request: CloseProjectRequest): Observable<ProjectDetail> {
    return this.http.post<ProjectDetail>(`${PROJECTS_API_URL}/${encodeURIComponent(id)}/close`, request);
  }

  /** The register's ente gestore with this tax code, or null when it has none. */
  findEnteGestore(taxCode: string): Observable<EnteGestore | null> {
    const code = normalizeTaxCode(taxCode);
    const params = new HttpParams().set('taxCode', code).set('pageSize', 1);
    return this.http
      .get<Page<EnteGestore>>(ENTI_GESTORI_API_URL, { params })
      .pipe(map((page) => page.items.find((ente) => ente.taxCode === code) ?? null));
  }
}
