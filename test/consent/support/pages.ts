import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousAxeViolations } from '../../support/browser';

/** Written by the test run and committed: every page state at desktop and phone width. */
export const SCREENSHOTS_DIR = resolve(import.meta.dirname, '../../../docs/screenshots');
export const WIDTHS = { desktop: 1280, mobile: 375 } as const;

/**
 * Records one page state: a full-page screenshot at 1280 px and at 375 px, no horizontal
 * scrolling at 375 px, and no serious or critical axe-core violation. In a context without
 * JavaScript nothing can be evaluated in the page: only the screenshots are taken (the same
 * page states are checked with JavaScript on elsewhere).
 */
export async function capture(page: Page, name: string, o: { javaScript?: boolean } = {}): Promise<void> {
  const checks = o.javaScript !== false;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const original = page.viewportSize() ?? { width: WIDTHS.desktop, height: 900 };
  try {
    for (const [label, width] of Object.entries(WIDTHS)) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: resolve(SCREENSHOTS_DIR, `${name}-${label}.png`), fullPage: true });
      if (checks && width === WIDTHS.mobile) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name}: page is wider than a 375 px screen`).toBeLessThanOrEqual(0);
      }
    }
    if (!checks) return;
    const violations = await seriousAxeViolations(page);
    expect(violations.map((v) => `${name}: ${v.id} (${v.impact}) ${v.description} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  } finally {
    await page.setViewportSize(original);
  }
}
