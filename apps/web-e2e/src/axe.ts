import { expect, Page } from '@playwright/test';
import { source as axeSource } from 'axe-core';
import type { Result, RunOptions } from 'axe-core';

/**
 * WCAG 2.1 A/AA, violations only: axe still runs every rule of these tags, but does not describe
 * each passing node, which is most of its answer on a full page.
 */
const RUN_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

type AxeWindow = { axe?: { run(context: Document, options: RunOptions): Promise<{ violations: Result[] }> } };

/**
 * Fails on any WCAG 2.1 A/AA violation of the page, once it has settled: nothing loading, no
 * transition running.
 *
 * axe runs in the page itself (as `@axe-core/playwright` does in its legacy mode, without the
 * blank page it opens to merge the results of cross-origin frames: the app has no frames), and is
 * injected once per document: the app navigates without reloading, so one injection serves every
 * check until the next `goto` or reload. Measured on the directory page: about half the CPU of
 * `AxeBuilder.analyze()`, the same violations.
 */
export async function expectAccessible(page: Page): Promise<void> {
  // A list being reloaded keeps its previous rows, dimmed, under aria-busy: check what it settles on.
  await expect(page.locator('[aria-busy="true"]'), 'the page is still loading').toHaveCount(0);
  const injected = await page.evaluate(() => typeof (window as AxeWindow).axe?.run === 'function');
  if (!injected) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (options) => {
    const axe = (window as AxeWindow).axe;
    if (!axe) throw new Error('axe-core is not in the page');
    // Colours mid-transition (a button just clicked, a panel fading in) are not the page's colours:
    // let every finite CSS transition and animation end first.
    const running = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    const results = await axe.run(document, options);
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, RUN_OPTIONS);
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
  expect(summary).toEqual([]);
}
