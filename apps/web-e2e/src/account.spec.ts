import { APIRequestContext, expect, Locator, Page, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { expectAccessible } from './axe';
import { submitSignIn } from './session';

const DEMO_PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';
const PERIOD_MS = 30_000;

const accountButton = (page: Page): Locator => page.getByRole('banner').locator('button[aria-controls="user-menu-panel"]');
const signInLink = (page: Page): Locator => page.getByRole('banner').getByRole('link', { name: 'Accedi', exact: true });

/**
 * A fresh account of our own (the demo accounts are shared by tests running in parallel, and keep
 * their password): created by the demo administrator and activated through the API.
 */
async function createAccount(request: APIRequestContext, email: string, name: string, password: string): Promise<void> {
  const login = await request.post('/api/v1/auth/login', { data: { email: 'admin@coopera.example', password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await request.post('/api/v1/users', {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: { email, name, role: 'SERVIZIO_CENTRALE' },
  });
  expect(created.status()).toBe(201);
  const { activationUrl } = (await created.json()) as { activationUrl: string };
  const token = new URL(activationUrl).searchParams.get('token');
  const activated = await request.post('/api/v1/auth/activate', { data: { token, password } });
  expect(activated.status()).toBe(204);
}

test.describe('my account', () => {
  test('change the name and the password, turn on two-step verification, sign in with a code', async ({ page, request }, testInfo) => {
    test.setTimeout(90_000); // a long journey, with several password hashes on the server
    const stamp = `${Date.now()}.${testInfo.project.name}`;
    const email = `account.${stamp}@coopera.example`;
    const firstPassword = `Primo-${stamp}-agrumeto`;
    const secondPassword = `Secondo-${stamp}-mandorlo`;
    await createAccount(request, email, 'Carmela Prova', firstPassword);

    await page.goto('/profilo');
    await expect(page).toHaveURL((url) => url.pathname === '/accedi');
    await submitSignIn(page, email, firstPassword);
    await expect(page).toHaveURL((url) => url.pathname === '/profilo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Il mio profilo');
    await expect(page.getByRole('main')).toContainText('Servizio Centrale SAI');
    await expect(page.locator('.totp-state')).toContainText('Non attiva');
    await expectAccessible(page);

    // Name: the header follows.
    await page.getByLabel('Nome e cognome').fill('Carmela Prova Russo');
    await page.getByRole('button', { name: 'Salva il nome' }).click();
    await expect(page.getByText('Nome aggiornato.')).toBeVisible();
    await expect(accountButton(page)).toContainText('Carmela Prova Russo');
    await expect(page.locator('.detail-row').first()).toContainText('Carmela Prova Russo');

    // Password: a wrong current one is refused on its field, then the change goes through.
    await page.getByLabel('Password attuale').fill('not-the-password');
    await page.getByLabel('Nuova password', { exact: true }).fill(secondPassword);
    await page.getByLabel('Ripeti la nuova password').fill(secondPassword);
    await page.getByRole('button', { name: 'Cambia la password' }).click();
    await expect(page.locator('#profile-currentPassword-error')).not.toBeEmpty();
    await expect(page.getByLabel('Password attuale')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Password attuale')).toBeFocused();
    await expectAccessible(page);
    await page.getByLabel('Password attuale').fill(firstPassword);
    await page.getByRole('button', { name: 'Cambia la password' }).click();
    await expect(page.getByText('Password cambiata.')).toBeVisible();

    // Second factor: QR code and key, a code computed from the key, then the recovery codes.
    await page.getByRole('button', { name: 'Attiva la verifica in due passaggi' }).click();
    await expect(page.getByRole('img', { name: /Codice QR/ })).toBeVisible();
    const shownKey = (await page.getByTestId('totp-key').innerText()).trim();
    expect(shownKey).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    await expectAccessible(page);
    const totp = new TOTP({ secret: Secret.fromBase32(shownKey.replace(/\s+/g, '')) });
    const enabledAt = Date.now();
    await page.getByLabel('Codice di verifica').fill(totp.generate({ timestamp: enabledAt }));
    await page.getByRole('button', { name: 'Verifica e attiva' }).click();

    const codes = page.getByRole('list', { name: 'Codici di recupero' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    await expect(codes.first()).toHaveText(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    await expect(page.locator('.totp-state')).toContainText('Attiva:');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Fine' }).click();
    await expect(page.getByText('Conferma di aver conservato i codici')).toBeVisible();
    // Bootstrap Italia draws the checkbox on its label.
    await page.locator('label[for="totp-acknowledge"]').click();
    await expect(page.getByLabel('Ho conservato i codici di recupero in un luogo sicuro')).toBeChecked();
    await page.getByRole('button', { name: 'Fine' }).click();
    await expect(codes).toHaveCount(0);

    await accountButton(page).click();
    await page.getByRole('button', { name: 'Esci' }).click();
    await expect(signInLink(page)).toBeVisible();

    // Signing in again asks for the code; the one used to turn it on cannot be replayed, so use the next.
    await page.goto('/accedi');
    await submitSignIn(page, email, secondPassword);
    await expect(page.getByRole('heading', { name: 'Verifica in due passaggi' })).toBeVisible();
    const nextStep = (Math.floor(enabledAt / PERIOD_MS) + 1) * PERIOD_MS;
    await page.getByLabel('Codice di verifica').fill(totp.generate({ timestamp: Math.max(Date.now(), nextStep) }));
    await page.getByRole('button', { name: 'Verifica e accedi' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(accountButton(page)).toContainText('Carmela Prova Russo');
  });
});
