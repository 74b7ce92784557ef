import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ListMembershipsQuery,
  Membership,
  MembershipDecision,
  MembershipDecisionRequest,
  MembershipDetail,
  Page,
  RequestMembershipRequest,
} from '@coopera/domain';
import { Observable } from 'rxjs';

/** The memberships endpoint, same origin as the app. */
export const MEMBERSHIPS_API_URL = '/api/v1/memberships';

/** Query-string parameters of a list request: only the fields that are set, in a stable order. */
export function membershipsQueryParams(query: ListMembershipsQuery): HttpParams {
  let params = new HttpParams();
  const entries: [keyof ListMembershipsQuery, string | number | undefined][] = [
    ['page', query.page],
    ['pageSize', query.pageSize],
    ['sort', query.sort],
    ['q', query.q?.trim() || undefined],
    ['status', query.status],
    ['province', query.province],
    ['comuneId', query.comuneId],
  ];
  for (const [name, value] of entries) {
    if (value !== undefined && value !== '') params = params.set(name, String(value));
  }
  return params;
}

/**
 * Typed access to `/api/v1/memberships`: a referent sees and requests their own Comune's, the
 * secretariat decides (`memberships:decide`); errors are problem+json.
 */
@Injectable({ providedIn: 'root' })
export class MembershipsApiService {
  private readonly http = inject(HttpClient);

  list(query: ListMembershipsQuery): Observable<Page<Membership>> {
    return this.http.get<Page<Membership>>(MEMBERSHIPS_API_URL, { params: membershipsQueryParams(query) });
  }

  /** With the whole history, oldest first. */
  get(id: string): Observable<MembershipDetail> {
    return this.http.get<MembershipDetail>(`${MEMBERSHIPS_API_URL}/${encodeURIComponent(id)}`);
  }

  /** 409 when the Comune's membership is already requested, active or suspended. */
  request(request: RequestMembershipRequest): Observable<MembershipDetail> {
    return this.http.post<MembershipDetail>(MEMBERSHIPS_API_URL, request);
  }

  /** 409 (illegal transition) when the status changed meanwhile and no longer allows `decision`. */
  decide(id: string, decision: MembershipDecision, request: MembershipDecisionRequest): Observable<MembershipDetail> {
    return this.http.post<MembershipDetail>(`${MEMBERSHIPS_API_URL}/${encodeURIComponent(id)}/${decision}`, request);
  }
}
