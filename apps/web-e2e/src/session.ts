import { expect, Page } from '@playwright/test';

// The server runs in demo mode (see playwright.config.ts): one account per role, one password.
export const DEMO_PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';

/** Fills in and sends the sign-in form that is on screen. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Indirizzo e-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
}

/** Signs in from the sign-in page and waits to land on `path` (the home page by default). */
export async function signIn(page: Page, email: string, path = '/'): Promise<void> {
  await page.goto(path === '/' ? '/accedi' : `/accedi?returnUrl=${encodeURIComponent(path)}`);
  await submitSignIn(page, email);
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === path);
}
