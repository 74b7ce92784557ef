import { expect, Locator, Page, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectAccessible } from './axe';
import { signIn } from './session';

const SERVIZIO_CENTRALE = 'servizio.centrale@coopera.example';

/** A totals card's figure ("Posti finanziati" → "64"). */
const card = (page: Page, label: string): Locator => page.locator('.stat-card').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd');
/** The page is not waiting for figures. */
const settled = (page: Page) => expect(page.locator('.dashboard-body')).toHaveAttribute('aria-busy', 'false');

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test('the Servizio Centrale opens the dashboard, filters it to MSNA in Catania and downloads the XLSX', async ({ page }) => {
  // A journey of several steps (two downloads, two axe runs): each is quick, together they pass 30 s on a busy machine.
  test.setTimeout(90_000);
  await signIn(page, SERVIZIO_CENTRALE);
  await page.locator('.navbar-nav').getByRole('link', { name: 'Cruscotto', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/cruscotto');
  await expect(page).toHaveTitle(/^Cruscotto — Coopera/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cruscotto della rete');
  await settled(page);
  await expect(page.locator('.stat-card')).toHaveCount(6);
  // Chart.js arrives with the page, not with the app: each chart is an image with its figures.
  await expect(page.locator('canvas[role="img"]')).toHaveCount(4);
  await expect(page.locator('canvas[role="img"]').first()).toHaveAttribute('aria-label', /^Grafico a barre degli aderenti e dei Comuni per provincia\. Agrigento: Aderenti \d+, Comuni \d+/);
  await shot(page, 'dashboard-network');

  await page.getByLabel('Provincia', { exact: true }).selectOption({ label: 'Catania (CT)' });
  await page.getByLabel('Categoria dei progetti').selectOption({ label: 'MSNA' });
  await expect(page).toHaveURL((url) => url.searchParams.get('province') === 'CT' && url.searchParams.get('category') === 'MSNA');
  await settled(page);
  await expect(page.locator('#totals-heading')).toHaveText('In sintesi — Catania (CT), MSNA');

  // The demo's MSNA projects in the province of Catania: the Comune's (40 posti) and the Città metropolitana's (24).
  await expect(card(page, 'Progetti SAI')).toHaveText('2');
  await expect(card(page, 'Posti finanziati')).toHaveText('64');
  const projects = page.getByRole('table', { name: 'Progetti SAI e posti per provincia e categoria' });
  await expect(projects.locator('tbody tr')).toHaveCount(1);
  await expect(projects.locator('tbody tr').first().locator('th, td')).toHaveText(['Catania (CT)', '2', '64']);
  await expect(page.getByRole('table', { name: 'Comuni aderenti per provincia' }).locator('tbody th')).toHaveText(['Catania (CT)']);
  await expect(page.locator('canvas[role="img"]').nth(2)).toHaveAttribute('aria-label', 'Grafico a barre raggruppate dei posti per provincia e categoria. Catania: MSNA 64.');
  await expectAccessible(page);
  await shot(page, 'dashboard-msna-catania');

  // The projects of the filter as Excel: rows announced, then the file under the API's name.
  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Progetti e posti per categoria e provincia' }) });
  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Esporta Excel: progetti' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^progetti-sai-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = await readFile(await file.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(section.locator('.export-done')).toHaveText(`File «${file.suggestedFilename()}» scaricato: 2 righe.`);
  await expectAccessible(page);
  await section.screenshot({ path: test.info().outputPath('dashboard-projects-exported.png') });

  // The attendance of the province's Comuni, with the dashboard's province and period.
  const attendance = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Partecipazione agli incontri per Comune' }) });
  const attendanceDownload = page.waitForEvent('download');
  const request = page.waitForRequest((r) => r.url().includes('/api/v1/exports/attendance.xlsx'));
  await attendance.getByRole('button', { name: 'Esporta Excel: partecipazione agli incontri' }).click();
  expect(new URL((await request).url()).searchParams.get('province')).toBe('CT');
  const attendanceFile = await attendanceDownload;
  expect(attendanceFile.suggestedFilename()).toMatch(/^presenze-incontri-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect((await readFile(await attendanceFile.path())).subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(attendance.locator('.export-done')).toContainText('scaricato');
});

test('the exports of the directory and of the memberships follow the screens’ filters', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, SERVIZIO_CENTRALE, '/comuni?province=SR');
  await expect(page.locator('.results-count')).toHaveText('22 risultati');
  const csv = page.waitForEvent('download');
  const request = page.waitForRequest((r) => r.url().includes('/api/v1/exports/directory.csv'));
  await page.getByRole('button', { name: 'Esporta CSV: Comuni della rete con i filtri scelti' }).click();
  expect(new URL((await request).url()).searchParams.get('province')).toBe('SR');
  const file = await csv;
  expect(file.suggestedFilename()).toMatch(/^rete-dei-comuni-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await readFile(await file.path())).toString('utf8');
  // UTF-8 with BOM, ';'-separated: a header and one line per Comune of the screen.
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.trim().split('\r\n')).toHaveLength(23);
  await expect(page.locator('.export-done')).toHaveText(`File «${file.suggestedFilename()}» scaricato: 22 righe.`);
  await expectAccessible(page);
  await page.locator('.results-toolbar').screenshot({ path: test.info().outputPath('directory-exported.png') });

  await page.goto('/adesioni?status=ALL');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adesioni al coordinamento');
  const xlsx = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Esporta Excel: adesioni con la loro storia' }).click();
  const memberships = await xlsx;
  expect(memberships.suggestedFilename()).toMatch(/^adesioni-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect((await readFile(await memberships.path())).subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(page.locator('.export-done')).toContainText('scaricato');
  await expectAccessible(page);
  await shot(page, 'memberships-exported');
});
