/** The sign-in page's route. */
export const SIGN_IN_PATH = '/accedi';

/**
 * Where to go after signing in: `value` when it is a path of this app (starting with a single
 * `/`), otherwise the home page. This keeps `?returnUrl=https://elsewhere.example` (or
 * `//elsewhere.example`) from turning the sign-in page into an open redirect, and never sends
 * the user back to the sign-in page itself.
 */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  const path = value.split(/[?#]/)[0];
  if (path === SIGN_IN_PATH || path.startsWith(`${SIGN_IN_PATH}/`)) return '/';
  return value;
}

/** Query parameters for a link to the sign-in page that comes back to `url` afterwards. */
export function signInQueryParams(url: string): { returnUrl: string } | Record<string, never> {
  const returnUrl = safeReturnUrl(url);
  return returnUrl === '/' ? {} : { returnUrl };
}
