import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Permission } from '@coopera/domain';
import { Observable } from 'rxjs';
import { ExportFormat, ExportKind, ExportParams } from './export-download';

export const EXPORTS_API_URL = '/api/v1/exports';

/**
 * Who may start each export, as the API's routes require (it checks again): the directory is the
 * network's shared data; projects with their contacts and acts, memberships with their history
 * and the attendance per Comune are for the roles that read the whole network.
 */
export const EXPORT_PERMISSIONS: Readonly<Record<ExportKind, Permission>> = {
  directory: 'comuni:read',
  projects: 'network:read-private',
  memberships: 'network:read-private',
  attendance: 'meetings:read-all',
};

/** The query string of an export: the set filters only, in the order given. */
export function exportQueryParams(params: ExportParams): HttpParams {
  let query = new HttpParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    query = query.set(name, String(value));
  }
  return query;
}

export function exportUrl(kind: ExportKind, format: ExportFormat): string {
  return `${EXPORTS_API_URL}/${kind}.${format}`;
}

/**
 * `GET /api/v1/exports/{kind}.{format}`: a streamed file (no Content-Length); `X-Export-Rows`
 * says up front how many rows it holds. Every event, so that the page can show the progress.
 */
@Injectable({ providedIn: 'root' })
export class ExportsApiService {
  private readonly http = inject(HttpClient);

  download(kind: ExportKind, format: ExportFormat, params: ExportParams): Observable<HttpEvent<Blob>> {
    return this.http.get(exportUrl(kind, format), {
      params: exportQueryParams(params),
      observe: 'events',
      reportProgress: true,
      responseType: 'blob',
    });
  }
}
