import { HttpClient, HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { StoredDocument } from '@coopera/domain';
import { Observable } from 'rxjs';
import { MEETINGS_API_URL } from './meetings-api.service';

/**
 * A meeting's documents, `/api/v1/meetings/:id/documents`: whoever may see the meeting lists and
 * downloads them; `meetings:manage` uploads and deletes. Errors are problem+json.
 */
@Injectable({ providedIn: 'root' })
export class DocumentsApiService {
  private readonly http = inject(HttpClient);

  /** Newest first. */
  list(meetingId: string): Observable<StoredDocument[]> {
    return this.http.get<StoredDocument[]>(this.url(meetingId));
  }

  /**
   * `multipart/form-data`: the title first, then the file (the API reads the fields in order).
   * Every event, so that the form can show how much has been sent.
   */
  upload(meetingId: string, file: File, title: string): Observable<HttpEvent<StoredDocument>> {
    const form = new FormData();
    if (title) form.append('title', title);
    form.append('file', file, file.name);
    return this.http.post<StoredDocument>(this.url(meetingId), form, { reportProgress: true, observe: 'events' });
  }

  /** The file itself: fetched with the session's credentials, which a plain link would not send. */
  content(meetingId: string, documentId: string): Observable<Blob> {
    return this.http.get(`${this.url(meetingId)}/${encodeURIComponent(documentId)}/content`, { responseType: 'blob' });
  }

  remove(meetingId: string, documentId: string): Observable<void> {
    return this.http.delete<void>(`${this.url(meetingId)}/${encodeURIComponent(documentId)}`);
  }

  private url(meetingId: string): string {
    return `${MEETINGS_API_URL}/${encodeURIComponent(meetingId)}/documents`;
  }
}
