import { expect, Locator, Page } from '@playwright/test';

// The server runs in demo mode (see playwright.config.ts): one account per role, one password.
export const DEMO_PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';

/** The signed-in user's button in the header (on phones it shows only an avatar; its name stays). */
export const accountButton = (page: Page): Locator => page.getByRole('banner').locator('button[aria-controls="user-menu-panel"]');

/** The header's sign-in link, shown while no one is signed in. */
export const signInLink = (page: Page): Locator => page.getByRole('banner').getByRole('link', { name: 'Accedi', exact: true });

/**
 * Signs out from the user menu, and waits for the API to have revoked the session: the app
 * forgets it at once and clears the refresh cookie only when the answer comes, so a sign-in sent
 * before that answer would have its new cookie cleared by it.
 */
export async function signOut(page: Page): Promise<void> {
  await accountButton(page).click();
  const revoked = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/logout'));
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(signInLink(page)).toBeVisible();
  expect((await revoked).status()).toBe(204);
}

/** Fills in and sends the sign-in form that is on screen. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Indirizzo e-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
}

/**
 * Signs in and opens `path` (the home page by default), for tests about something else than the
 * sign-in form (auth.spec.ts tests the form): the API's sign-in sets the refresh cookie in the
 * page's context, then the app restores the session from it on load, as after any reload. It
 * saves a page of the app and a form per test; each call is a sign-in of its own, because the
 * refresh cookie rotates at every use and a replayed one revokes the session.
 */
export async function signIn(page: Page, email: string, path = '/'): Promise<void> {
  const response = await page.request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(response.status(), `sign-in of ${email}`).toBe(200);
  await page.goto(path);
  // Signed in (a failed restore would send a guarded page to /accedi), and still at `path`.
  await expect(accountButton(page)).toBeVisible();
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === path);
}
