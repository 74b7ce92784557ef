import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { DashboardStats, StatsQuery } from '@coopera/domain';
import { Observable } from 'rxjs';

export const STATS_API_URL = '/api/v1/stats';

/** The filters of a dashboard request: only those set, in a stable order. */
export function statsQueryParams(query: StatsQuery): HttpParams {
  let params = new HttpParams();
  for (const name of ['province', 'category', 'from', 'to'] as const) {
    const value = query[name];
    if (value) params = params.set(name, value);
  }
  return params;
}

/** `GET /api/v1/stats/dashboard`: every figure computed by the API over the filtered network. */
@Injectable({ providedIn: 'root' })
export class StatsApiService {
  private readonly http = inject(HttpClient);

  dashboard(query: StatsQuery): Observable<DashboardStats> {
    return this.http.get<DashboardStats>(`${STATS_API_URL}/dashboard`, { params: statsQueryParams(query) });
  }
}
