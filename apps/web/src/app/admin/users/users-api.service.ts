import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CreateUserRequest, CreateUserResponse, Page, Role, UpdateUserRequest, UserSummary } from '@coopera/domain';
import { Observable } from 'rxjs';

/** The administrators' accounts endpoint, same origin as the app. */
export const USERS_API_URL = '/api/v1/users';

export interface ListUsersQuery {
  page: number;
  pageSize: number;
  role?: Role;
  q?: string;
}

/** Typed access to `/api/v1/users` (permission `users:manage`); errors are problem+json. */
@Injectable({ providedIn: 'root' })
export class UsersApiService {
  private readonly http = inject(HttpClient);

  list(query: ListUsersQuery): Observable<Page<UserSummary>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    if (query.role) params = params.set('role', query.role);
    const q = query.q?.trim();
    if (q) params = params.set('q', q);
    return this.http.get<Page<UserSummary>>(USERS_API_URL, { params });
  }

  get(id: string): Observable<UserSummary> {
    return this.http.get<UserSummary>(`${USERS_API_URL}/${encodeURIComponent(id)}`);
  }

  /** Answers the account and its one-time activation link. */
  create(request: CreateUserRequest): Observable<CreateUserResponse> {
    return this.http.post<CreateUserResponse>(USERS_API_URL, request);
  }

  /** A versioned change: 409 when someone else changed the account since `request.version`. */
  update(id: string, request: UpdateUserRequest): Observable<UserSummary> {
    return this.http.patch<UserSummary>(`${USERS_API_URL}/${encodeURIComponent(id)}`, request);
  }
}
