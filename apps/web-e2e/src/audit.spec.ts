import { expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { submitSignIn } from './session';

// The server runs in demo mode (see playwright.config.ts): one account per role, one password.
const PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';

const accountButton = (page: Page): Locator => page.getByRole('banner').locator('button[aria-controls="user-menu-panel"]');
/** The navigation's link to the audit log, shown or not (on phones the menu is collapsed). */
const auditNavLink = (page: Page): Locator => page.locator('.navbar-nav a[href="/amministrazione/registro"]');

test.describe('activity log', () => {
  test('the secretariat opens "Registro", sees its own sign-in and filters the sign-ins', async ({ page, isMobile }) => {
    await page.goto('/accedi');
    await submitSignIn(page, 'segreteria@coopera.example', PASSWORD);
    await expect(page).toHaveURL((url) => url.pathname === '/');

    await expect(auditNavLink(page)).toHaveCount(1);
    if (isMobile) await page.getByRole('button', { name: 'Mostra/Nascondi la navigazione' }).click();
    await page.getByRole('link', { name: 'Registro', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/amministrazione/registro');
    await expect(page).toHaveTitle(/^Registro delle attività — Coopera/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registro delle attività');

    const signInRow = page
      .getByRole('row')
      .filter({ hasText: 'Accesso riuscito' })
      .filter({ hasText: 'segreteria@coopera.example' })
      .first();
    await expect(signInRow).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('Tipo di attività').selectOption({ label: 'Accessi' });
    await expect(page).toHaveURL((url) => url.searchParams.get('action') === 'auth.');
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(signInRow).toBeVisible();
    const actions = await page.locator('tbody tr th[scope="row"]').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action.trim()).toMatch(/^(Accesso|Sessione|Verifica|auth\.)/);
    await expectAccessible(page);
  });

  test('a referent does not see "Registro", and gets the not-allowed page at its address', async ({ page }) => {
    await page.goto('/accedi');
    await submitSignIn(page, 'referente.palermo@coopera.example', PASSWORD);
    await expect(accountButton(page)).toContainText('Referente del Comune – Palermo');
    await expect(page.locator('.navbar-nav a[href="/comuni"]')).toHaveCount(1);
    await expect(auditNavLink(page)).toHaveCount(0);

    await page.goto('/amministrazione/registro');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accesso non consentito');
    await expectAccessible(page);
  });
});
