import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { TOTP_ENROLLMENT_REQUIRED_PROBLEM_TYPE } from '@coopera/domain';
import { catchError, switchMap, throwError } from 'rxjs';
import { problemFrom } from '../http/problem-details';
import { AUTH_API, AuthService, TOTP_ENROLLMENT_PATH } from './auth.service';
import { SIGN_IN_PATH, signInQueryParams } from './return-url';

/**
 * The session endpoints authenticate with the refresh cookie (or credentials), and the activation
 * with its one-time token: never a Bearer token, and their 401 is an answer, not an expired session.
 */
const SESSION_ENDPOINTS: readonly string[] = [AUTH_API.login, AUTH_API.refresh, AUTH_API.logout, AUTH_API.activate];

function needsBearer(url: string): boolean {
  const path = url.split(/[?#]/)[0];
  return path.startsWith('/api/') && !SESSION_ENDPOINTS.includes(path);
}

function withBearer<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds the access token to our API's requests. When one is answered 401 (token expired), gets a
 * new token once — concurrent failures share the refresh — and retries the request once. When
 * the session cannot be refreshed it is over: the user is sent to the sign-in page, which brings
 * them back to where they were.
 *
 * A 403 saying that the user must first set up the second factor sends them to the profile page,
 * where the set-up is (the caller still gets the error).
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!needsBearer(request.url)) return next(request);
  const auth = inject(AuthService);
  const router = inject(Router);

  return next(withBearer(request, auth.accessToken())).pipe(
    catchError((error: unknown) => {
      if (isEnrollmentRequired(error)) {
        auth.requireTotpEnrollment();
        if (router.url.split(/[?#]/)[0] !== TOTP_ENROLLMENT_PATH) void router.navigateByUrl(TOTP_ENROLLMENT_PATH);
        return throwError(() => error);
      }
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      return auth.refresh().pipe(
        catchError(() => {
          auth.clear();
          const current = router.url.split(/[?#]/)[0];
          if (current !== SIGN_IN_PATH) {
            void router.navigate([SIGN_IN_PATH], { queryParams: signInQueryParams(router.url) });
          }
          return throwError(() => error);
        }),
        // The retry's own failure goes to the caller as it is: one retry, no loop.
        switchMap((session) => next(withBearer(request, session.accessToken))),
      );
    }),
  );
};

function isEnrollmentRequired(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 403 && problemFrom(error)?.type === TOTP_ENROLLMENT_REQUIRED_PROBLEM_TYPE;
}
