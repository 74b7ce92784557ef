import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';

// The check every spec relies on: it must fail on a violation, also on the second check of a
// document (axe is injected once per document and must read the DOM as it is then).
test('the accessibility check fails on a WCAG violation, also after a change to a checked page', async ({ page }) => {
  await page.setContent('<!doctype html><html lang="it"><head><title>Prova</title></head><body><main><h1>Prova</h1></main></body></html>');
  await expectAccessible(page);

  await page.evaluate(() => {
    const image = document.createElement('img');
    image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.querySelector('main')?.append(image); // no alt text: WCAG 1.1.1
  });
  const failure = await expectAccessible(page).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toContain('image-alt (critical): img');
});

test('the accessibility check reads the colours a transition ends on, not those it starts from', async ({ page }) => {
  // The text turns from black to light grey (1.9:1 on white) and back; the way back takes a second,
  // all of it in light grey.
  await page.setContent(`<!doctype html><html lang="it"><head><title>Prova</title>
    <style>p { color: #000; } p.faded { color: #bbb; } p.back { transition: color 1s steps(1, end); }</style></head>
    <body><main><h1>Prova</h1><p>Testo che diventa leggibile.</p></main></body></html>`);
  await expectAccessible(page); // axe is in the page now: the next check starts at once
  await page.locator('p').evaluate((p) => {
    p.classList.add('faded');
    void getComputedStyle(p).color; // applies the grey before the transition back is declared
    p.classList.add('back');
    p.classList.remove('faded');
  });
  await expectAccessible(page);
  await expect(page.locator('p')).toHaveCSS('color', 'rgb(0, 0, 0)');
});

test('the accessibility check waits for a busy region to settle', async ({ page }) => {
  // A list being reloaded, as the app's lists do: dimmed under aria-busy (the grey text fails
  // contrast), then the new rows arrive and it is busy no more.
  await page.setContent(`<!doctype html><html lang="it"><head><title>Prova</title>
    <style>[aria-busy="true"] p { color: #bbb; }</style></head>
    <body><main><h1>Prova</h1><section aria-label="Risultati" aria-busy="true"><p>Righe precedenti</p></section></main></body></html>`);
  await page.evaluate(() => {
    setTimeout(() => document.querySelector('section')?.setAttribute('aria-busy', 'false'), 500);
  });
  await expectAccessible(page);
  await expect(page.locator('section')).toHaveAttribute('aria-busy', 'false');
});
