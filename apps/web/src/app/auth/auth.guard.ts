import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router } from '@angular/router';
import { Permission } from '@coopera/domain';
import { map } from 'rxjs';
import { AuthService, TOTP_ENROLLMENT_PATH } from './auth.service';
import { SIGN_IN_PATH, signInQueryParams } from './return-url';

/**
 * For pages that need a signed-in user: waits for the start-up session check, then lets the
 * user in or sends them to the sign-in page, which brings them back here afterwards. A user
 * whose role must use a second factor and has none yet goes to the profile page to set it up.
 */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return auth.restore().pipe(
    map(() => {
      const user = auth.user();
      if (!user) return router.createUrlTree([SIGN_IN_PATH], { queryParams: signInQueryParams(state.url) });
      if (user.totpEnrollmentRequired && state.url.split(/[?#]/)[0] !== TOTP_ENROLLMENT_PATH) {
        return router.createUrlTree([TOTP_ENROLLMENT_PATH]);
      }
      return true;
    }),
  );
};

/**
 * Matches a route only for a signed-in user whose role grants `permission` (after the start-up
 * session check). Followed by a route of the same path showing the "not allowed" page, so that
 * a user without it gets an explanation at that address rather than a blank or "not found".
 */
export function permissionMatch(permission: Permission): CanMatchFn {
  return () => {
    const auth = inject(AuthService);
    return auth.restore().pipe(map(() => auth.can(permission)));
  };
}
