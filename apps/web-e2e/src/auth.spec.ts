import { expect, Locator, Page, Response, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { accountButton, submitSignIn } from './session';

// The server runs in demo mode (see playwright.config.ts): one account per role, one password.
const PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';

/** The demo accounts and how the header must name their role. */
const ACCOUNTS = [
  { email: 'admin@coopera.example', role: 'Amministratore' },
  { email: 'segreteria@coopera.example', role: 'Segreteria del coordinamento' },
  { email: 'servizio.centrale@coopera.example', role: 'Servizio Centrale SAI' },
  { email: 'referente.palermo@coopera.example', role: 'Referente del Comune – Palermo' },
  { email: 'referente.canicattini@coopera.example', role: 'Referente del Comune – Canicattini Bagni' },
] as const;

// Each test signs in at most once: the API rate-limits sign-in attempts.

const signInLink = (page: Page): Locator => page.getByRole('banner').getByRole('link', { name: 'Accedi', exact: true });
/**
 * The answer to the sign-out's revocation. The app forgets the session at once and revokes it in
 * the background: a reload before the answer may still find the refresh cookie valid.
 */
const revocation = (page: Page): Promise<Response> =>
  page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/auth/logout');

test.describe('signing in and out', () => {
  test('the sign-in page is reached from the header and is accessible', async ({ page }) => {
    await page.goto('/');
    await signInLink(page).click();
    await expect(page).toHaveURL((url) => url.pathname === '/accedi');
    await expect(page).toHaveTitle(/^Accedi — Coopera/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accedi a Coopera');
    await expect(page.getByLabel('Indirizzo e-mail')).toHaveAttribute('autocomplete', 'username');
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('autocomplete', 'current-password');
    await expectAccessible(page);
  });

  test('checks the fields before asking the server', async ({ page }) => {
    await page.goto('/accedi');
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await expect(page.getByText("Inserisci l'indirizzo e-mail.")).toBeVisible();
    await expect(page.getByText('Inserisci la password.')).toBeVisible();
    await expect(page.getByLabel('Indirizzo e-mail')).toBeFocused();
    await expect(page.getByLabel('Indirizzo e-mail')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
  });

  test('refuses a wrong password with the reason, and stays signed out', async ({ page }) => {
    await page.goto('/accedi');
    await submitSignIn(page, 'servizio.centrale@coopera.example', 'not-the-demo-password');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Accesso non riuscito');
    await expect(alert.locator('p')).not.toBeEmpty(); // the API's own detail
    await expect(alert).toBeFocused();
    await expect(page).toHaveURL((url) => url.pathname === '/accedi');
    await expect(accountButton(page)).toHaveCount(0);
    await expectAccessible(page);
  });

  for (const account of ACCOUNTS) {
    test(`${account.email}: the header names the role, a reload keeps the session, sign-out ends it`, async ({ page }) => {
      await page.goto('/accedi');
      await submitSignIn(page, account.email, PASSWORD);

      await expect(page).toHaveURL((url) => url.pathname === '/');
      await expect(accountButton(page)).toContainText(account.role);
      await expect(signInLink(page)).toHaveCount(0);

      // The access token lives in memory only: a reload signs in again through the refresh cookie.
      await page.reload();
      await expect(accountButton(page)).toContainText(account.role);
      expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toMatch(/eyJ/);

      if (account.email === 'admin@coopera.example') {
        await expectAccessible(page); // the signed-in home
      }

      await accountButton(page).click();
      await expect(accountButton(page)).toHaveAttribute('aria-expanded', 'true');
      await expect(page.getByRole('link', { name: 'Il mio profilo' })).toBeVisible();
      if (account.email === 'admin@coopera.example') {
        await expectAccessible(page); // with the menu open
      }
      const revoked = revocation(page);
      await page.getByRole('button', { name: 'Esci' }).click();

      await expect(page).toHaveURL((url) => url.pathname === '/');
      await expect(signInLink(page)).toBeVisible();
      await expect(accountButton(page)).toHaveCount(0);

      // The session is over on the server too: a reload does not bring it back.
      expect((await revoked).status()).toBe(204);
      await page.reload();
      await expect(signInLink(page)).toBeVisible();
      await expect(accountButton(page)).toHaveCount(0);
    });
  }

  test('a page that needs sign-in leads to the sign-in page and back', async ({ page }) => {
    await page.goto('/profilo');
    await expect(page).toHaveURL((url) => url.pathname === '/accedi' && url.searchParams.get('returnUrl') === '/profilo');

    await submitSignIn(page, 'referente.canicattini@coopera.example', PASSWORD);
    await expect(page).toHaveURL((url) => url.pathname === '/profilo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Il mio profilo');
    await expect(page.getByRole('main')).toContainText('referente.canicattini@coopera.example');
    await expect(page.getByRole('main')).toContainText('Referente del Comune');
    await expect(page.getByRole('main')).toContainText('Canicattini Bagni');
    await expectAccessible(page);

    await accountButton(page).click();
    const revoked = revocation(page);
    await page.getByRole('button', { name: 'Esci' }).click();
    await expect(signInLink(page)).toBeVisible();
    expect((await revoked).status()).toBe(204);
    await page.goto('/profilo');
    await expect(page).toHaveURL((url) => url.pathname === '/accedi');
  });
});
