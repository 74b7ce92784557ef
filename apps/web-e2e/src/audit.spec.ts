import { expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { accountButton, DEMO_PASSWORD as PASSWORD, signIn } from './session';

/** The navigation's link to the audit log, shown or not (on phones the menu is collapsed). */
const auditNavLink = (page: Page): Locator => page.locator('.navbar-nav a[href="/amministrazione/registro"]');

test.describe('activity log', () => {
  test('the secretariat opens "Registro", sees its own sign-in and filters the sign-ins', async ({ page, isMobile }) => {
    await signIn(page, 'segreteria@coopera.example');

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
    await expect(page).toHaveURL((url) => url.searchParams.get('action') === 'auth');
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(signInRow).toBeVisible();
    const actions = await page.locator('tbody tr th[scope="row"]').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action.trim()).toMatch(/^(Accesso|Sessione|Verifica|auth\.)/);
    await expectAccessible(page);
  });

  test("the secretariat follows a practice's history: by who, by Comune, then the record alone", async ({ page, request }) => {
    test.setTimeout(90_000);
    // The Palermo referent shares a practice and renames it (through the API: the library's
    // screens have a test of their own).
    const login = await request.post('/api/v1/auth/login', { data: { email: 'referente.palermo@coopera.example', password: PASSWORD } });
    expect(login.status()).toBe(200);
    const headers = { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    const stamp = Date.now();
    const before = `Scheda di accoglienza ${stamp}`;
    const after = `Scheda di primo colloquio ${stamp}`;
    const created = await request.post('/api/v1/practices', { headers, data: { title: before, summary: 'Una scheda comune per il primo colloquio.', kind: 'STRUMENTO' } });
    expect(created.status()).toBe(201);
    const practice = (await created.json()) as { id: string; version: number };
    const renamed = await request.patch(`/api/v1/practices/${practice.id}`, { headers, data: { version: practice.version, title: after } });
    expect(renamed.status()).toBe(200);

    await signIn(page, 'segreteria@coopera.example', '/amministrazione/registro');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registro delle attività');

    // Who: two letters are enough to be offered the person.
    const who = page.getByRole('combobox', { name: 'Chi' });
    await who.fill('referente.pal');
    await page.locator('#audit-actor-listbox').getByRole('option', { name: /referente\.palermo@coopera\.example/ }).click();
    await expect(page).toHaveURL((url) => url.searchParams.has('actorId'));
    await expect(who).toHaveValue(/referente\.palermo@coopera\.example/);
    await page.getByLabel('Tipo di attività').selectOption({ label: 'Buone pratiche' });
    await expect(page).toHaveURL((url) => url.searchParams.get('action') === 'practice');
    const comune = page.getByRole('combobox', { name: 'Comune' });
    await comune.fill('Palermo');
    await page.locator('#audit-comune-listbox').getByRole('option', { name: /^Palermo/ }).click();
    await expect(page).toHaveURL((url) => url.searchParams.has('comuneId') && url.searchParams.has('actorId'));
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

    // The rename, with the title before and after.
    const renameRow = page.getByRole('row').filter({ hasText: 'Buona pratica modificata' }).filter({ hasText: after });
    await expect(renameRow).toHaveCount(1);
    await renameRow.locator('summary').click();
    await expect(renameRow.locator('.change .before')).toHaveText(before);
    await expect(renameRow.locator('.change .after')).toHaveText(after);
    await expect(renameRow.locator('.actor-cell')).toContainText('Referente del Comune');
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath('audit-filtered.png'), fullPage: true });

    // Its whole history, whoever made it: the other filters go.
    await renameRow.getByRole('button', { name: "Cronologia dell'elemento (Buona pratica)" }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('entityId') === practice.id && !url.searchParams.has('actorId'));
    await expect(page.locator('.record-filter')).toContainText('Stai vedendo la cronologia di un elemento (Buona pratica)');
    await expect(page.locator('tbody tr th[scope="row"]')).toHaveText([/^\s*Buona pratica modificata/, /^\s*Buona pratica pubblicata/]);
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath('audit-history.png'), fullPage: true });

    await page.locator('.record-filter').getByRole('link', { name: 'Apri' }).click();
    await expect(page).toHaveURL(`/buone-pratiche/${practice.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(after);
  });

  test('a referent does not see "Registro", and gets the not-allowed page at its address', async ({ page }) => {
    await signIn(page, 'referente.palermo@coopera.example');
    await expect(accountButton(page)).toContainText('Referente del Comune – Palermo');
    await expect(page.locator('.navbar-nav a[href="/comuni"]')).toHaveCount(1);
    await expect(auditNavLink(page)).toHaveCount(0);

    await page.goto('/amministrazione/registro');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accesso non consentito');
    await expectAccessible(page);
  });
});
