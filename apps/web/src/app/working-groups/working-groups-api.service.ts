import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CreateWorkingGroupRequest, Page, UpdateWorkingGroupRequest, WorkingGroup, WorkingGroupDetail } from '@coopera/domain';
import { Observable, map } from 'rxjs';

/** The working groups endpoint, same origin as the app. */
export const WORKING_GROUPS_API_URL = '/api/v1/working-groups';

export interface ListWorkingGroupsQuery {
  page: number;
  pageSize: number;
}

/**
 * Typed access to `/api/v1/working-groups`: everyone signed in reads (a referent only the groups
 * of their Comune), `working-groups:manage` writes; errors are problem+json.
 */
@Injectable({ providedIn: 'root' })
export class WorkingGroupsApiService {
  private readonly http = inject(HttpClient);

  list(query: ListWorkingGroupsQuery): Observable<Page<WorkingGroup>> {
    const params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    return this.http.get<Page<WorkingGroup>>(WORKING_GROUPS_API_URL, { params });
  }

  get(id: string): Observable<WorkingGroupDetail> {
    return this.http.get<WorkingGroupDetail>(this.url(id));
  }

  create(request: CreateWorkingGroupRequest): Observable<WorkingGroupDetail> {
    return this.http.post<WorkingGroupDetail>(WORKING_GROUPS_API_URL, request);
  }

  /** A versioned change: 409 when someone changed the group since `request.version`. */
  update(id: string, request: UpdateWorkingGroupRequest): Observable<WorkingGroupDetail> {
    return this.http.patch<WorkingGroupDetail>(this.url(id), request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete(this.url(id)).pipe(map(() => undefined));
  }

  private url(id: string): string {
    return `${WORKING_GROUPS_API_URL}/${encodeURIComponent(id)}`;
  }
}
