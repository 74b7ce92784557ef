import { Browser, expect, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn } from './session';

const PALERMO = 'referente.palermo@coopera.example';
const SECRETARIAT = 'segreteria@coopera.example';
const DEMO_PRACTICE = 'Tirocini formativi per titolari di protezione';

/** A small but real PDF, made here: one empty page. */
const PDF = Buffer.from(
  ['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'),
  'latin1',
);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** A page of its own (own cookies) for a second role within one test. */
async function pageAs(browser: Browser, email: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, path);
  return page;
}

test('a referent shares a practice and finds the demo one by searching "tirocinio"; the secretariat edits it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `Sportello lavoro con il centro per l'impiego (${Date.now()})`;

  // The Palermo referent shares a practice for their own Comune.
  await signIn(page, PALERMO);
  await page.locator('.navbar-nav').getByRole('link', { name: 'Buone pratiche', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/buone-pratiche');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buone pratiche');
  await page.getByRole('link', { name: 'Condividi una pratica' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Condividi una pratica');
  await expect(page.locator('#practice-summary-hint')).toContainText('Non inserire dati personali dei beneficiari.');
  await expect(page.locator('.shared-by-note')).toHaveText('La pratica sarà condivisa dal Comune di Palermo.');

  await page.getByRole('button', { name: 'Pubblica la pratica' }).click();
  await expect(page.locator('#practice-title-error')).toHaveText('Scrivi il titolo.');
  await expect(page.getByLabel('Titolo', { exact: true })).toBeFocused();
  await expectAccessible(page);

  await page.getByLabel('Titolo', { exact: true }).fill(title);
  await page.getByLabel('Descrizione', { exact: true }).fill('Uno sportello settimanale con il centro per l’impiego.\nSu appuntamento, con la mediatrice.');
  await page.getByLabel('Tipo', { exact: true }).selectOption({ label: 'Metodologia' });
  const tags = page.getByLabel('Etichette', { exact: true });
  await tags.fill('Lavoro');
  await tags.press('Enter');
  await tags.fill('orientamento');
  await tags.press('Enter');
  await expect(page.locator('.chip > span')).toHaveText(['lavoro', 'orientamento']);
  await page.getByLabel('Collegamento (facoltativo)').fill('https://www.comune.palermo.it/');
  await expectAccessible(page);
  await shot(page, 'practice-form-new');
  await page.getByRole('button', { name: 'Pubblica la pratica' }).click();

  // Saved: the edit page, where the file goes.
  await expect(page).toHaveURL(/\/buone-pratiche\/[0-9a-f-]{36}\/modifica$/);
  await expect(page.getByRole('status').filter({ hasText: 'Pratica pubblicata.' })).toBeVisible();
  await page.getByLabel('File da allegare').setInputFiles({ name: 'sportello-lavoro.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Allega il file' }).click();
  await expect(page.locator('#practice-document-done')).toHaveText('File allegato.');
  await expect(page.locator('.attached-name')).toHaveText('sportello-lavoro.pdf');
  await expectAccessible(page);
  await shot(page, 'practice-form-file');
  await page.getByRole('link', { name: `Torna a «${title}»` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const practicePath = new URL(page.url()).pathname;

  // Full-text search in Italian: "tirocinio" finds "Tirocini formativi…", the hit highlighted.
  await page.goto('/buone-pratiche');
  await expect(page.locator('#practices-search-hint')).toHaveText('Cerca nel titolo, nella descrizione e nei tag: «tirocinio» trova anche «tirocini».');
  await page.getByLabel('Cerca', { exact: true }).fill('tirocinio');
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === 'tirocinio');
  const found = page.locator('.practice-card').filter({ has: page.getByRole('link', { name: DEMO_PRACTICE }) });
  await expect(found).toHaveCount(1);
  await expect(found.locator('.practice-kind')).toHaveText('Buona pratica');
  await expect(found.locator('mark').first()).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'practices-search');
  await found.getByRole('link', { name: DEMO_PRACTICE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_PRACTICE);
  await expect(page.locator('.practice-source')).toHaveText('Canicattini Bagni');
  // Another Comune's practice: the Palermo referent reads it, nothing more.
  await expect(page.getByRole('link', { name: 'Modifica' })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'practice-detail-demo');

  // The secretariat edits the referent's practice.
  const secretariat = await pageAs(browser, SECRETARIAT, practicePath);
  await expect(secretariat.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(secretariat.locator('.practice-summary')).toHaveText('Uno sportello settimanale con il centro per l’impiego.\nSu appuntamento, con la mediatrice.');
  await expect(secretariat.locator('.practice-file')).toContainText('sportello-lavoro.pdf');
  await secretariat.getByRole('link', { name: 'Modifica' }).click();
  await expect(secretariat.getByRole('heading', { level: 1 })).toHaveText('Modifica la pratica');
  await expect(secretariat.locator('.shared-by-note')).toHaveText('Condivisa da: Palermo.');
  const edited = `${title} — aggiornata`;
  await secretariat.getByLabel('Titolo', { exact: true }).fill(edited);
  await expectAccessible(secretariat);
  await secretariat.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(secretariat).toHaveURL((url) => url.pathname === practicePath);
  await expect(secretariat.getByRole('status').filter({ hasText: 'Modifiche salvate.' })).toBeVisible();
  await expect(secretariat.getByRole('heading', { level: 1 })).toHaveText(edited);
  await expectAccessible(secretariat);
  await shot(secretariat, 'practice-detail-edited');

  // The referent sees the change, and may still edit their Comune's practice.
  await page.goto(practicePath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(edited);
  await expect(page.getByRole('link', { name: 'Modifica' })).toBeVisible();
  await secretariat.context().close();
});
