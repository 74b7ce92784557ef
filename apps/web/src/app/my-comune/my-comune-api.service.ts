import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ComuneDetail, UpdateComuneProfileRequest } from '@coopera/domain';
import { Observable } from 'rxjs';
import { COMUNI_API_URL } from '../comuni/comuni-api.service';

/** A Comune's page and its profile: `GET` and `PATCH /api/v1/comuni/:id`. */
@Injectable({ providedIn: 'root' })
export class MyComuneApiService {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<ComuneDetail> {
    return this.http.get<ComuneDetail>(`${COMUNI_API_URL}/${encodeURIComponent(id)}`);
  }

  /** A versioned change of the profile: 409 when someone saved it since `request.version`. */
  updateProfile(id: string, request: UpdateComuneProfileRequest): Observable<ComuneDetail> {
    return this.http.patch<ComuneDetail>(`${COMUNI_API_URL}/${encodeURIComponent(id)}`, request);
  }
}
