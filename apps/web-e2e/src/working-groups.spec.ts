import { APIRequestContext, expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn } from './session';

// The server runs in demo mode (see playwright.config.ts): one account per role, one password.
const PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';

const accountButton = (page: Page): Locator => page.getByRole('banner').locator('button[aria-controls="user-menu-panel"]');
const memberLinks = (page: Page): Locator => page.locator('.member-list a');
const chips = (page: Page): Locator => page.locator('.member-chip .chip-label');

async function openWorkingGroups(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Gruppi di lavoro', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/gruppi-di-lavoro');
  await expect(page).toHaveTitle(/^Gruppi di lavoro — Coopera/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gruppi di lavoro');
}

async function addComune(page: Page, typed: string, option: string): Promise<void> {
  const chooser = page.getByRole('combobox', { name: 'Aggiungi un Comune' });
  await chooser.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(chooser).toHaveValue('');
}

/** The secretariat's API session, to arrange data the test needs. */
async function secretariatHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const login = await request.post('/api/v1/auth/login', { data: { email: 'segreteria@coopera.example', password: PASSWORD } });
  expect(login.status()).toBe(200);
  return { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
}

async function comuneId(request: APIRequestContext, headers: Record<string, string>, name: string): Promise<string> {
  const answer = await request.get('/api/v1/comuni', { params: { q: name, pageSize: 20 }, headers });
  const found = ((await answer.json()) as { items: { id: string; name: string }[] }).items.find((c) => c.name === name);
  if (!found) throw new Error(`no Comune ${name}`);
  return found.id;
}

test.describe('working groups', () => {
  test('the secretariat creates a group with two member Comuni, edits it and deletes it', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const name = `Tavolo abitare ${Date.now()} ${testInfo.project.name}`;
    await signIn(page, 'segreteria@coopera.example');
    await openWorkingGroups(page);
    await expect(page.locator('.group-card').filter({ hasText: 'MSNA' })).toContainText('4 Comuni aderenti');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Nuovo gruppo' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/gruppi-di-lavoro/nuovo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nuovo gruppo di lavoro');
    await page.getByRole('button', { name: 'Crea il gruppo' }).click();
    await expect(page.locator('#group-name-error')).toHaveText('Inserisci il nome del gruppo (almeno 2 caratteri).');
    await expect(page.getByLabel('Nome del gruppo')).toBeFocused();
    await expectAccessible(page);

    await page.getByLabel('Nome del gruppo').fill(name);
    await page.getByLabel('Descrizione (facoltativa)').fill("Tavolo tecnico sull'inserimento abitativo dei beneficiari usciti dall'accoglienza.");
    await addComune(page, 'Noto', 'Noto (SR)');
    await addComune(page, 'Siracusa', 'Siracusa (SR)');
    await expect(chips(page)).toHaveText(['Noto', 'Siracusa']);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Crea il gruppo' }).click();

    await expect(page).toHaveURL(/\/gruppi-di-lavoro\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByRole('status').filter({ hasText: 'Gruppo di lavoro creato.' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '2 Comuni aderenti' })).toBeVisible();
    await expect(memberLinks(page)).toHaveText(['Noto', 'Siracusa']);
    await expect(memberLinks(page).first()).toHaveAttribute('href', /^\/comuni\/[0-9a-f-]{36}$/);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Modifica' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Modifica «${name}»`);
    await expect(chips(page)).toHaveText(['Noto', 'Siracusa']);
    await page.getByLabel('Nome del gruppo').fill(`${name} (casa)`);
    await page.getByRole('button', { name: 'Rimuovi Noto' }).click();
    await expect(page.getByRole('button', { name: 'Rimuovi Siracusa' })).toBeFocused();
    await addComune(page, 'Ragusa', 'Ragusa (RG)');
    await expect(chips(page)).toHaveText(['Siracusa', 'Ragusa']);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} (casa)`);
    await expect(page.getByRole('status').filter({ hasText: 'Modifiche salvate.' })).toBeVisible();
    await expect(memberLinks(page)).toHaveText(['Ragusa', 'Siracusa']);

    await page.getByRole('button', { name: 'Elimina', exact: true }).click();
    await expect(page.getByRole('heading', { name: `Eliminare il gruppo «${name} (casa)»?` })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Elimina definitivamente' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/gruppi-di-lavoro');
    await expect(page.getByRole('status').filter({ hasText: `Gruppo «${name} (casa)» eliminato.` })).toBeVisible();
    await expect(page.getByRole('link', { name: `${name} (casa)` })).toHaveCount(0);
  });

  test('the Palermo referent sees the groups of Palermo only, and cannot change them', async ({ page, request }, testInfo) => {
    // A group Palermo is not a member of.
    const headers = await secretariatHeaders(request);
    const other = `Tavolo Catania ${Date.now()} ${testInfo.project.name}`;
    const created = await request.post('/api/v1/working-groups', {
      data: { name: other, memberComuneIds: [await comuneId(request, headers, 'Catania')] },
      headers,
    });
    expect(created.status()).toBe(201);
    const otherId = ((await created.json()) as { id: string }).id;

    try {
      await signIn(page, 'referente.palermo@coopera.example');
      await expect(accountButton(page)).toContainText('Palermo');
      await openWorkingGroups(page);
      await expect(page.getByText('Vedi i gruppi di cui fa parte il Comune di Palermo.')).toBeVisible();
      await expect(page.getByRole('link', { name: 'MSNA', exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Inserimento lavorativo', exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: other })).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Nuovo gruppo' })).toHaveCount(0);
      await expectAccessible(page);

      await page.getByRole('link', { name: 'MSNA', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('MSNA');
      await expect(memberLinks(page).filter({ hasText: 'Palermo' })).toHaveCount(1);
      await expect(page.getByRole('link', { name: 'Modifica' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Elimina' })).toHaveCount(0);
      await expectAccessible(page);

      // Nor by its address.
      await page.goto(`/gruppi-di-lavoro/${otherId}`);
      await expect(page.getByRole('alert')).toContainText('Gruppo di lavoro non trovato');
      await page.goto('/gruppi-di-lavoro/nuovo');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accesso non consentito');
    } finally {
      await request.delete(`/api/v1/working-groups/${otherId}`, { headers });
    }
  });
});
