import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CalendarFeed } from '@coopera/domain';
import { Observable } from 'rxjs';

/** The signed-in user's personal calendar feed. */
export const CALENDAR_FEED_API_URL = '/api/v1/me/calendar-feed';

/**
 * `/api/v1/me/calendar-feed`: whether the user has a feed address (never the address itself,
 * which is shown only in the answer that creates it), a new one (any older one stops working),
 * or none.
 */
@Injectable({ providedIn: 'root' })
export class CalendarFeedApiService {
  private readonly http = inject(HttpClient);

  get(): Observable<CalendarFeed> {
    return this.http.get<CalendarFeed>(CALENDAR_FEED_API_URL);
  }

  create(): Observable<CalendarFeed> {
    return this.http.post<CalendarFeed>(CALENDAR_FEED_API_URL, {});
  }

  revoke(): Observable<void> {
    return this.http.delete<void>(CALENDAR_FEED_API_URL);
  }
}
