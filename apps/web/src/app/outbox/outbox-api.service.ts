import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { OutboxMessage, OutboxMessageDetail, OutboxOverview, Page } from '@coopera/domain';
import { Observable } from 'rxjs';
import { OutboxApiQuery } from './outbox-query';

export const OUTBOX_API_URL = '/api/v1/outbox';

/**
 * The e-mail outbox (`meetings:manage`): where mail goes and how many messages are in each
 * state, the messages newest first, one message as written, and a new attempt for a failed one.
 */
@Injectable({ providedIn: 'root' })
export class OutboxApiService {
  private readonly http = inject(HttpClient);

  /** Where mail goes and the counts per status: of one meeting's messages, or of all. */
  overview(meetingId?: string): Observable<OutboxOverview> {
    const params = meetingId ? new HttpParams().set('meetingId', meetingId) : undefined;
    return this.http.get<OutboxOverview>(`${OUTBOX_API_URL}/overview`, { params });
  }

  list(query: OutboxApiQuery): Observable<Page<OutboxMessage>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<Page<OutboxMessage>>(OUTBOX_API_URL, { params });
  }

  get(id: string): Observable<OutboxMessageDetail> {
    return this.http.get<OutboxMessageDetail>(`${OUTBOX_API_URL}/${encodeURIComponent(id)}`);
  }

  /** Only a FAILED message: 409 otherwise. */
  retry(id: string): Observable<OutboxMessage> {
    return this.http.post<OutboxMessage>(`${OUTBOX_API_URL}/${encodeURIComponent(id)}/retry`, {});
  }
}
