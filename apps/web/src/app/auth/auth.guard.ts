import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from './auth.service';
import { SIGN_IN_PATH, signInQueryParams } from './return-url';

/**
 * For pages that need a signed-in user: waits for the start-up session check, then lets the
 * user in or sends them to the sign-in page, which brings them back here afterwards.
 */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return auth
    .restore()
    .pipe(map(() => auth.signedIn() || router.createUrlTree([SIGN_IN_PATH], { queryParams: signInQueryParams(state.url) })));
};
