import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousAxeViolations } from '../../support/browser';
import { samePicture } from './png';

/** Written by the test run and committed: every page state at desktop and phone width. */
export const SCREENSHOTS_DIR = resolve(import.meta.dirname, '../../../docs/screenshots');
export const WIDTHS = { desktop: 1280, mobile: 375 } as const;

/**
 * What differs on every run (random confirmation numbers, the moment of approval) gets a fixed
 * stand-in of the same shape while the screenshots are taken, so an unchanged page gives an
 * unchanged file and a second test run leaves the working tree clean.
 */
const STAND_INS: Record<string, string> = {
  '.confirmation-number': 'K7Q2F-M9XDA',
  time: 'May 1, 2026 at 10:00 AM PDT',
};

/** Replaces the run-specific texts; returns how to put them back (the test goes on using them). */
async function standIns(page: Page): Promise<() => Promise<void>> {
  const originals = await page.evaluate((standIns) => Object.entries(standIns).map(([selector, text]) =>
    [...document.querySelectorAll(selector)].map((el) => {
      const original = el.textContent ?? '';
      el.textContent = text;
      return original;
    })), STAND_INS);
  return async () => {
    await page.evaluate(([standIns, texts]) => Object.keys(standIns).forEach((selector, i) =>
      document.querySelectorAll(selector).forEach((el, j) => { el.textContent = texts[i][j]; })), [STAND_INS, originals] as const);
  };
}

/**
 * Writes a screenshot only when it shows something new (anti-aliasing noise is not new), in one
 * rename so a reader never sees half a file.
 */
function keep(file: string, shot: Buffer): void {
  if (existsSync(file) && samePicture(readFileSync(file), shot)) return;
  writeFileSync(`${file}.part`, shot);
  renameSync(`${file}.part`, file);
}

/**
 * Records one page state: a full-page screenshot at 1280 px and at 375 px, no horizontal
 * scrolling at 375 px, and no serious or critical axe-core violation. In a context without
 * JavaScript only the screenshots are taken (the same page states are checked with JavaScript on
 * elsewhere).
 */
export async function capture(page: Page, name: string, o: { javaScript?: boolean } = {}): Promise<void> {
  const checks = o.javaScript !== false;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const original = page.viewportSize() ?? { width: WIDTHS.desktop, height: 900 };
  const restore = await standIns(page);
  try {
    for (const [label, width] of Object.entries(WIDTHS)) {
      await page.setViewportSize({ width, height: 900 });
      keep(resolve(SCREENSHOTS_DIR, `${name}-${label}.png`), await page.screenshot({ fullPage: true, animations: 'disabled' }));
      if (checks && width === WIDTHS.mobile) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name}: page is wider than a 375 px screen`).toBeLessThanOrEqual(0);
      }
    }
    if (!checks) return;
    const violations = await seriousAxeViolations(page);
    expect(violations.map((v) => `${name}: ${v.id} (${v.impact}) ${v.description} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  } finally {
    await restore();
    await page.setViewportSize(original);
  }
}
