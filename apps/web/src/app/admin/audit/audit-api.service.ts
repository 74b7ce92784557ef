import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AuditActor, AuditEventView, Page } from '@coopera/domain';
import { Observable } from 'rxjs';

/** The audit trail endpoint, same origin as the app. */
export const AUDIT_API_URL = '/api/v1/audit-events';

export interface ListAuditEventsQuery {
  page: number;
  pageSize: number;
  /** An exact action (`auth.login.failed`) or a prefix ending with a dot (`auth.`). */
  action?: string;
  actorId?: string;
  comuneId?: string;
  entityType?: string;
  entityId?: string;
  /** RFC 3339 instant, inclusive. */
  from?: string;
  /** RFC 3339 instant, exclusive. */
  to?: string;
}

const OPTIONAL_PARAMS = ['action', 'actorId', 'comuneId', 'entityType', 'entityId', 'from', 'to'] as const;

/** The accounts to filter by: those matching `search` (2 characters or more), or the one with `id`. */
export type AuditActorsQuery = { search: string } | { id: string };

/** Typed access to `/api/v1/audit-events` (permission `audit:read`); errors are problem+json. */
@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);

  list(query: ListAuditEventsQuery): Observable<Page<AuditEventView>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    for (const name of OPTIONAL_PARAMS) {
      const value = query[name]?.trim();
      if (value) params = params.set(name, value);
    }
    return this.http.get<Page<AuditEventView>>(AUDIT_API_URL, { params });
  }

  actors(query: AuditActorsQuery): Observable<AuditActor[]> {
    const params = 'id' in query ? new HttpParams().set('id', query.id) : new HttpParams().set('search', query.search.trim());
    return this.http.get<AuditActor[]>(`${AUDIT_API_URL}/actors`, { params });
  }
}
