import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { AUTH_API, AuthService } from './auth.service';
import { SIGN_IN_PATH, signInQueryParams } from './return-url';

/** The session endpoints authenticate with the refresh cookie (or credentials), never a Bearer token. */
const SESSION_ENDPOINTS: readonly string[] = [AUTH_API.login, AUTH_API.refresh, AUTH_API.logout];

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
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!needsBearer(request.url)) return next(request);
  const auth = inject(AuthService);
  const router = inject(Router);

  return next(withBearer(request, auth.accessToken())).pipe(
    catchError((error: unknown) => {
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
