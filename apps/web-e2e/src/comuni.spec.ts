import { expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn } from './session';

// The server runs in demo mode (see playwright.config.ts): one account per role, one password.
const PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';

const results = (page: Page): Locator => page.locator('.results-count');
const directoryRow = (page: Page, name: string): Locator =>
  page.locator('.comuni-table tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });
const totalsTable = (page: Page): Locator => page.getByRole('table', { name: 'Comuni, aderenti, progetti e posti per provincia' });

/**
 * Signs in on the sign-in page, which then brings the user back to `path`. Every sign-in counts
 * against the account's brute-force limit (10 per 15 minutes, shared with the other spec files),
 * so the read-only tests share one signed-in page.
 */
const signInAt = (page: Page, path: string, email = 'servizio.centrale@coopera.example') => signIn(page, email, path);

/** Ticks or unticks a checkbox as people do, on its label (Bootstrap Italia draws the box there). */
async function toggle(page: Page, label: string, checked: boolean): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  if ((await box.isChecked()) !== checked) await page.locator('label', { hasText: label }).click();
  await expect(box).toBeChecked({ checked });
}

/** The number a results counter shows ("22 risultati" → 22). */
async function countOf(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

test.describe('Rete dei Comuni', () => {
  test('asks an anonymous visitor to sign in, then shows the directory', async ({ page }) => {
    await page.goto('/comuni?province=SR');
    await expect(page).toHaveURL((url) => url.pathname === '/accedi' && url.searchParams.get('returnUrl') === '/comuni?province=SR');
    await page.getByLabel('Indirizzo e-mail').fill('referente.palermo@coopera.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/comuni' && url.searchParams.get('province') === 'SR');
    await expect(results(page)).toHaveText('22 risultati');
  });

  test('the secretariat edits the profile of a Comune, with checks on the fields', async ({ page, isMobile }) => {
    test.skip(isMobile, 'the form is the same on every screen; one run is enough');
    await signInAt(page, '/comuni?q=Catania&kind=COMUNE', 'segreteria@coopera.example');
    await directoryRow(page, 'Catania').getByRole('link', { name: 'Catania', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Catania');
    await expect(page.getByRole('link', { name: 'Nuovo progetto' })).toHaveAttribute('href', /^\/progetti\/nuovo\?comune=[0-9a-f-]{36}$/);

    await page.getByRole('button', { name: 'Modifica il profilo' }).click();
    await expect(page.getByRole('heading', { name: 'Modifica il profilo SAI' })).toBeFocused();
    await expect(page.getByText('Non inserire dati personali dei beneficiari.')).toBeVisible();
    await page.getByLabel('PEC', { exact: true }).fill('ufficio.sai@pec');
    await page.getByRole('button', { name: 'Salva il profilo' }).click();
    await expect(page.locator('#comune-pec-error')).toContainText('Inserisci un indirizzo PEC valido');
    await expect(page.getByLabel('PEC', { exact: true })).toBeFocused();
    await expectAccessible(page);

    const referent = `Dott.ssa Prova ${Date.now()}`;
    await page.getByLabel('PEC', { exact: true }).fill('sai@pec.comune.catania.example');
    await page.getByLabel('Referente per il coordinamento', { exact: true }).fill(referent);
    await page.getByRole('button', { name: 'Salva il profilo' }).click();
    await expect(page.getByText('Profilo salvato.')).toBeFocused();
    await expect(page.getByRole('main')).toContainText(referent);
  });
});

test.describe('Rete dei Comuni, as the Servizio Centrale reads it', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    // A context of our own (the project's viewport applies): axe needs one made by newContext().
    const context = await browser.newContext();
    page = await context.newPage();
    await signInAt(page, '/');
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  test('is reached from the navigation and lists the enti locali of Sicily with membership and posti', async () => {
    test.skip(test.info().project.name === 'mobile', 'the navigation is collapsed into the menu on small screens');
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Comuni', exact: true }).click();
    await expect(page).toHaveURL(/\/comuni/);
    await expect(page).toHaveTitle(/^Rete dei Comuni — Coopera/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rete dei Comuni');
    await expect(results(page)).toHaveText('400 risultati');
    await expect(page.locator('.comuni-table tbody tr')).toHaveCount(20);
    await expect(page.getByRole('columnheader', { name: 'Posti finanziati' })).toBeVisible();
    await expect(totalsTable(page)).toBeVisible();
    await expectAccessible(page);
  });

  test('searches by name ignoring accents and case', async () => {
    await page.goto('/comuni');
    await page.getByLabel('Cerca per nome').fill('PATERNO');
    await expect(results(page)).toHaveText('1 risultato');
    await expect(page.locator('.comuni-table tbody tr')).toHaveCount(1);
    await expect(page.locator('.comuni-table tbody')).toContainText('Paternò');
    await expect(page).toHaveURL(/q=PATERNO/);
  });

  test('filters by province, keeps the filter on reload, and shows Canicattini Bagni', async () => {
    await page.goto('/comuni');
    await page.getByLabel('Provincia', { exact: true }).selectOption('SR');
    await expect(results(page)).toHaveText('22 risultati');
    await expect(page).toHaveURL(/province=SR/);
    await page.getByLabel('Risultati per pagina').selectOption('50');
    await expect(page.locator('.comuni-table tbody')).toContainText('Canicattini Bagni');
    await page.reload();
    await expect(results(page)).toHaveText('22 risultati');
    await expect(page.getByLabel('Provincia', { exact: true })).toHaveValue('SR');
    await expectAccessible(page);
  });

  test('filters by membership and SAI projects; the province totals follow the filters', async () => {
    await page.goto('/comuni?province=PA');
    await page.getByLabel('Adesione al coordinamento').selectOption({ label: 'Aderente' });
    await expect(page).toHaveURL((url) => url.searchParams.get('membership') === 'ACTIVE' && url.searchParams.get('province') === 'PA');
    await expect(directoryRow(page, 'Palermo')).toContainText('Aderente');

    await toggle(page, 'Solo con progetti SAI', true);
    await expect(page).toHaveURL(/withProjects=true/);
    await expect(directoryRow(page, 'Palermo')).toBeVisible();
    // Palermo holds open ORDINARI and MSNA projects: their posti are in its row.
    const palermoCells = directoryRow(page, 'Palermo').locator('td');
    await expect(palermoCells.nth(3)).not.toHaveText('0'); // Ordinari
    await expect(palermoCells.nth(4)).not.toHaveText('0'); // MSNA

    // The totals cover the whole filtered set: here one province, as many Comuni as results.
    const found = await countOf(results(page));
    const palermoTotals = totalsTable(page).getByRole('row', { name: /Palermo \(PA\)/ });
    await expect(palermoTotals.getByRole('cell').first()).toHaveText(String(found));
    await expect(totalsTable(page).locator('tbody tr')).toHaveCount(1);
    await expectAccessible(page);

    // A Comune that never asked to join, found with "Non aderente".
    await toggle(page, 'Solo con progetti SAI', false);
    await page.getByLabel('Adesione al coordinamento').selectOption({ label: 'Non aderente' });
    await page.getByLabel('Cerca per nome').fill('Partinico');
    await expect(results(page)).toHaveText('1 risultato');
    await expect(directoryRow(page, 'Partinico')).toContainText('Non aderente');
    await expect(page).toHaveURL((url) => url.searchParams.get('membership') === 'NONE');
  });

  test('sorts by total posti', async () => {
    await page.goto('/comuni?withProjects=true');
    await page.getByRole('button', { name: 'Totale', exact: true }).click();
    await expect(page).toHaveURL(/sort=postiTotal/);
    await page.getByRole('button', { name: 'Totale', exact: true }).click();
    await expect(page).toHaveURL(/sort=-postiTotal/);
    await expect(page.getByRole('columnheader', { name: 'Totale' })).toHaveAttribute('aria-sort', 'descending');
    await expect(page.locator('.comuni-table tbody tr').first()).toContainText('Palermo');
  });

  test('pages through the results', async () => {
    await page.goto('/comuni?province=ME&kind=COMUNE');
    await expect(results(page)).toHaveText('108 risultati');
    const firstRow = await page.locator('.comuni-table tbody tr').first().textContent();
    await page.getByRole('link', { name: 'Pagina successiva' }).or(page.getByRole('button', { name: 'Pagina successiva' })).first().click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.locator('.comuni-table tbody tr').first()).not.toHaveText(firstRow ?? '');
    await page.goBack();
    await expect(page).not.toHaveURL(/page=2/);
  });

  test("opens Palermo's page: projects, enti gestori, working groups", async () => {
    await page.goto('/comuni?q=Palermo');
    await directoryRow(page, 'Palermo').getByRole('link', { name: 'Palermo', exact: true }).click();
    await expect(page).toHaveURL(/\/comuni\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Palermo');
    await expect(page).toHaveTitle(/^Palermo — Coopera/);
    const main = page.getByRole('main');
    await expect(main).toContainText('Provincia di Palermo (PA)');
    await expect(main).toContainText('082053');

    const projects = page.getByRole('table', { name: 'Progetti SAI del Comune di Palermo' });
    await expect(projects.getByRole('link', { name: 'PROG-1-PR-2' })).toHaveAttribute('href', /^\/progetti\/[0-9a-f-]{36}$/);
    await expect(projects.getByRole('row').filter({ hasText: 'PROG-2-PR-1' })).toContainText('MSNA');

    const enti = page.getByRole('table', { name: 'Enti gestori dei progetti SAI del Comune di Palermo' });
    await expect(enti).toContainText('Consorzio Sol.E. Società Cooperativa Sociale');
    await expect(enti).toContainText('05432100823');
    await expect(enti).toContainText('Associazione Santa Chiara Onlus');

    await expect(page.locator('.working-groups')).toContainText('MSNA');
    await expect(page.locator('.working-groups')).toContainText('Inserimento lavorativo');
    // The Servizio Centrale reads, never writes.
    await expect(page.getByRole('button', { name: 'Modifica il profilo' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Nuovo progetto' })).toHaveCount(0);
    await expectAccessible(page);

    await enti.getByRole('link', { name: 'Consorzio Sol.E. Società Cooperativa Sociale' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consorzio Sol.E. Società Cooperativa Sociale');
  });

  test('says so when nothing matches', async () => {
    await page.goto('/comuni?q=nessuncomunesichiamacosi');
    await expect(page.getByText('Nessun Comune corrisponde alla ricerca')).toBeVisible();
    await expectAccessible(page);
  });
});
