import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';

test.describe('home page', () => {
  test('presents the coordination, in Italian, with header and data attribution', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/Coopera/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Il coordinamento dei Comuni siciliani nella rete SAI');
    await expect(page.getByRole('banner')).toContainText('Coopera — Coordinamento SAI Sicilia');
    await expect(page.getByRole('contentinfo')).toContainText('Fonte: ISTAT');
    await expectAccessible(page);
    // Change detection without zone.js (app.config.ts): the bundle does not ship it.
    expect(await page.evaluate(() => 'Zone' in window)).toBe(false);
  });

  test('switches to English and remembers the choice', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'The coordination of Sicilian municipalities in the SAI network',
    );
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'The coordination of Sicilian municipalities in the SAI network',
    );
    await page.getByRole('button', { name: 'Italiano' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  });

  test('answers an unknown address with a not-found page', async ({ page }) => {
    await page.goto('/pagina-che-non-esiste');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina non trovata');
    await expectAccessible(page);
  });
});
