import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CreatePracticeRequest, ListPracticesQuery, Page, Practice, PracticeSummary, PracticeTagCount, UpdatePracticeRequest } from '@coopera/domain';
import { Observable } from 'rxjs';

export const PRACTICES_API_URL = '/api/v1/practices';

/** Query-string parameters of a list request: only the fields that are set. */
export function practicesQueryParams(query: ListPracticesQuery): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(name, String(value));
  }
  return params;
}

/**
 * The good-practice library, `/api/v1/practices`: everyone signed in searches and reads; a
 * referent shares for their own Comune, the secretariat for any Comune or the coordination, and
 * they edit what they may (403 otherwise). Errors are problem+json.
 */
@Injectable({ providedIn: 'root' })
export class PracticesApiService {
  private readonly http = inject(HttpClient);

  list(query: ListPracticesQuery): Observable<Page<PracticeSummary>> {
    return this.http.get<Page<PracticeSummary>>(PRACTICES_API_URL, { params: practicesQueryParams(query) });
  }

  /** The tags in use, most used first. */
  tags(): Observable<PracticeTagCount[]> {
    return this.http.get<PracticeTagCount[]>(`${PRACTICES_API_URL}/tags`);
  }

  get(id: string): Observable<Practice> {
    return this.http.get<Practice>(this.url(id));
  }

  create(request: CreatePracticeRequest): Observable<Practice> {
    return this.http.post<Practice>(PRACTICES_API_URL, request);
  }

  /** A versioned change: 409 when someone saved the practice since `request.version`. */
  update(id: string, request: UpdatePracticeRequest): Observable<Practice> {
    return this.http.patch<Practice>(this.url(id), request);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(this.url(id));
  }

  /** The file replaces the one attached, if any: every event, so that the page shows the progress. */
  attach(id: string, file: File): Observable<HttpEvent<Practice>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.put<Practice>(`${this.url(id)}/document`, form, { reportProgress: true, observe: 'events' });
  }

  detach(id: string): Observable<Practice> {
    return this.http.delete<Practice>(`${this.url(id)}/document`);
  }

  /** The attached file, fetched with the session's credentials, which a plain link would not send. */
  document(id: string): Observable<Blob> {
    return this.http.get(`${this.url(id)}/document`, { responseType: 'blob' });
  }

  private url(id: string): string {
    return `${PRACTICES_API_URL}/${encodeURIComponent(id)}`;
  }
}
