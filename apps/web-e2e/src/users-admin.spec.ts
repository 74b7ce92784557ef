import { expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { accountButton, signIn, signOut, submitSignIn } from './session';

/** The navigation's link to the users page, shown or not (on phones the menu is collapsed). */
const usersNavLink = (page: Page): Locator => page.locator('.navbar-nav a[href="/amministrazione/utenti"]');

test.describe('administration of users', () => {
  test('an administrator creates a referent of Noto, who activates the account and signs in', async ({ page, isMobile }, testInfo) => {
    test.setTimeout(90_000); // two accounts sign in, one activates
    const email = `referente.noto.${Date.now()}.${testInfo.project.name}@coopera.example`;
    const newPassword = `Noto-${Date.now()}-tramonto-barocco`;

    await signIn(page, 'admin@coopera.example');

    // "Utenti" is in the navigation, inside the menu on phones.
    await expect(usersNavLink(page)).toHaveCount(1);
    if (isMobile) await page.getByRole('button', { name: 'Mostra/Nascondi la navigazione' }).click();
    await page.getByRole('link', { name: 'Utenti', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/amministrazione/utenti');
    await expect(page).toHaveTitle(/^Utenti — Coopera/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Utenti');
    await expect(page.getByRole('row').filter({ hasText: 'admin@coopera.example' })).toContainText('Amministratore');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Nuovo account' }).click();
    await expect(page.getByRole('heading', { name: 'Nuovo account' })).toBeFocused();
    // Our own checks first.
    await page.getByRole('button', { name: "Crea l'account" }).click();
    await expect(page.getByText("Inserisci l'indirizzo e-mail.")).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('Indirizzo e-mail').fill(email);
    await page.getByLabel('Nome e cognome').fill('Salvatore Prova');
    await page.locator('#user-role').selectOption('COMUNE_REFERENT');
    const comune = page.getByRole('combobox', { name: 'Comune' });
    await comune.fill('Noto');
    const option = page.getByRole('option', { name: 'Noto (SR)', exact: true });
    await expect(option).toBeVisible();
    await expect(comune).toHaveAttribute('aria-expanded', 'true');
    await expectAccessible(page); // with the suggestions open
    await option.click();
    await expect(comune).toHaveValue('Noto');
    await expect(comune).toHaveAttribute('aria-expanded', 'false');
    await page.getByRole('button', { name: "Crea l'account" }).click();

    const link = page.getByLabel('Link di attivazione');
    await expect(link).toHaveValue(/\/attiva\?token=[\w-]{43}$/);
    await expect(page.locator('#activation-expiry')).toContainText('Il link è mostrato solo ora.');
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('In attesa di attivazione');
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Noto');
    await expectAccessible(page);
    const activation = new URL(await link.inputValue());

    await signOut(page);

    // The link's host is the server's public URL; open its path on this server.
    await page.goto(`${activation.pathname}${activation.search}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attiva il tuo account');
    await expect(page).toHaveTitle(/^Attiva l'account — Coopera/);
    await expectAccessible(page);
    await page.getByLabel('Nuova password').fill(newPassword);
    await page.getByLabel('Ripeti la password').fill(`${newPassword}!`);
    await page.getByRole('button', { name: "Attiva l'account" }).click();
    await expect(page.getByText('Le due password non coincidono.')).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Ripeti la password').fill(newPassword);
    await page.getByRole('button', { name: "Attiva l'account" }).click();

    await expect(page).toHaveURL((url) => url.pathname === '/accedi');
    await expect(page.getByText('Account attivato.')).toBeVisible();
    await expectAccessible(page);
    await submitSignIn(page, email, newPassword);
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(accountButton(page)).toContainText('Referente del Comune – Noto');
    await expect(usersNavLink(page)).toHaveCount(0);
  });

  test('a referent does not see "Utenti", and gets the not-allowed page at its address', async ({ page }) => {
    await signIn(page, 'referente.palermo@coopera.example');
    await expect(accountButton(page)).toContainText('Referente del Comune – Palermo');
    await expect(page.locator('.navbar-nav a[href="/comuni"]')).toHaveCount(1);
    await expect(usersNavLink(page)).toHaveCount(0);

    await page.goto('/amministrazione/utenti');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accesso non consentito');
    await expect(page).toHaveURL((url) => url.pathname === '/amministrazione/utenti');
    await expect(page).toHaveTitle(/^Accesso non consentito — Coopera/);
    await expect(page.getByRole('main')).toContainText('Il tuo ruolo non permette di aprire questa pagina.');
    await expectAccessible(page);
  });
});
