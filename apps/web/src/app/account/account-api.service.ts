import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ActivateAccountRequest,
  ChangePasswordRequest,
  CurrentUser,
  TotpEnableRequest,
  TotpEnabled,
  TotpSetup,
  UpdateProfileRequest,
} from '@coopera/domain';
import { Observable, map, tap } from 'rxjs';
import { AUTH_API, AuthService } from '../auth/auth.service';

/** What users do to their own account; same origin as the app. */
export const ACCOUNT_API = {
  activate: AUTH_API.activate,
  password: '/api/v1/auth/password',
  me: AUTH_API.me,
  totpSetup: '/api/v1/auth/totp/setup',
  totpEnable: '/api/v1/auth/totp/enable',
} as const;

/**
 * Typed access to the account endpoints. Changes to the signed-in user (name, second factor)
 * are passed on to `AuthService`, so the header and the guards follow at once.
 */
@Injectable({ providedIn: 'root' })
export class AccountApiService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);

  /** Sets the first password through the activation link's token (no session needed). */
  activate(request: ActivateAccountRequest): Observable<void> {
    return this.http.post<unknown>(ACCOUNT_API.activate, request).pipe(map(() => undefined));
  }

  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<unknown>(ACCOUNT_API.password, request).pipe(map(() => undefined));
  }

  updateProfile(request: UpdateProfileRequest): Observable<CurrentUser> {
    return this.http.patch<CurrentUser>(ACCOUNT_API.me, request).pipe(tap((user) => this.auth.applyUser(user)));
  }

  /** A new pending key (QR code and manual key); it takes effect once a code confirms it. */
  setUpTotp(): Observable<TotpSetup> {
    return this.http.post<TotpSetup>(ACCOUNT_API.totpSetup, null);
  }

  /** Confirms the key with a first code; answers the recovery codes (shown once). */
  enableTotp(request: TotpEnableRequest): Observable<TotpEnabled> {
    return this.http.post<TotpEnabled>(ACCOUNT_API.totpEnable, request);
  }
}
