import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';

const results = (page: import('@playwright/test').Page) => page.locator('.results-count');

test.describe('Comuni directory', () => {
  test('is reached from the navigation and lists the enti locali of Sicily', async ({ page, isMobile }) => {
    test.skip(isMobile, 'the navigation is collapsed into the menu on small screens');
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Comuni' }).click();
    await expect(page).toHaveURL(/\/comuni/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Elenco dei Comuni');
    await expect(results(page)).toHaveText('400 risultati');
    await expect(page.locator('tbody tr')).toHaveCount(20);
    await expectAccessible(page);
  });

  test('searches by name ignoring accents and case', async ({ page }) => {
    await page.goto('/comuni');
    await page.getByLabel('Cerca per nome').fill('PATERNO');
    await expect(results(page)).toHaveText('1 risultato');
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await expect(page.locator('tbody')).toContainText('Paternò');
    await expect(page).toHaveURL(/q=PATERNO/);
  });

  test('filters by province, keeps the filter on reload, and shows Canicattini Bagni', async ({ page }) => {
    await page.goto('/comuni');
    await page.getByLabel('Provincia', { exact: true }).selectOption('SR');
    await expect(results(page)).toHaveText('22 risultati');
    await expect(page).toHaveURL(/province=SR/);
    await page.getByLabel('Risultati per pagina').selectOption('50');
    await expect(page.locator('tbody')).toContainText('Canicattini Bagni');
    await page.reload();
    await expect(results(page)).toHaveText('22 risultati');
    await expect(page.getByLabel('Provincia', { exact: true })).toHaveValue('SR');
    await expectAccessible(page);
  });

  test('pages through the results', async ({ page }) => {
    await page.goto('/comuni?province=ME&kind=COMUNE');
    await expect(results(page)).toHaveText('108 risultati');
    const firstRow = await page.locator('tbody tr').first().textContent();
    await page.getByRole('link', { name: 'Pagina successiva' }).or(page.getByRole('button', { name: 'Pagina successiva' })).first().click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.locator('tbody tr').first()).not.toHaveText(firstRow ?? '');
    await page.goBack();
    await expect(page).not.toHaveURL(/page=2/);
  });

  test('says so when nothing matches', async ({ page }) => {
    await page.goto('/comuni?q=nessuncomunesichiamacosi');
    await expect(page.getByText('Nessun Comune corrisponde alla ricerca')).toBeVisible();
    await expectAccessible(page);
  });
});
