import express from 'express';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentContext } from '../../rest-facade/consent/context';
import { applyTool, parseFormState } from '../../rest-facade/consent/form/formState';
import { chosen, formView, type RequestModel, type SectionModel } from '../../rest-facade/consent/form/model';
import { brandingFromSettings } from '../../rest-facade/consent/branding';
import { formPage } from '../../rest-facade/consent/views/formPage';
import { launchBrowser } from '../support/browser';
import { capture } from './support/pages';

/**
 * Selections with more than 10 entries (§9.2.3): search, a live "N selected" count, a scrolling
 * list and hide/unhide of unselected entries — with JavaScript and without it — plus a
 * Client-written Purpose (§9.2.2.4) and keyboard-only use. The demo's test customers have fewer
 * than 10 of everything, so this suite renders the real form (views, CSS, script, form-state
 * handling) for a customer with 15 accounts built in the test.
 */
const STREETS = ['Oak Ave', 'Pine St', 'Main St', 'Elm St', 'Cedar Rd'];
const offer = Array.from({ length: 15 }, (_, i) => {
  const number = `7000-${String(100 + i)}`;
  const address = `${10 + i} ${STREETS[i % STREETS.length]}, Springfield`;
  return { id: `acct-${i}`, title: `Account ${number}`, lines: [`Store #${i + 1}`, address], children: [], searchText: `${number} store #${i + 1} ${address}`.toLowerCase() };
});
const section: SectionModel = {
  key: 's0',
  scoped: [{ scopeId: 'cds_accounts', type: 'cds_accounts', sd: undefined, entry: { include_accounts: true, include_account_numbers: true, sync_until: 'infinite' } }],
  entries: [],
  selectionType: 'account_selection',
  fixedList: false,
  allowModifications: false,
  offer,
  preselection: { requested: true, ids: ['acct-0', 'acct-1', 'acct-2'], include_future: false },
  requested: [],
  // A Client-written Purpose (§9.2.2.4): untrusted text, longer than 10 lines.
  purpose: {
    content: `<img src=x onerror="document.title='pwned'"> We compare your stores' usage.\n${Array.from({ length: 14 }, (_, i) => `  ${i + 1}. detail line`).join('\n')}`,
    writtenBy: 'Chain Store Analytics',
    reviewed: false,
    related: { uri: 'https://chain-analytics.example/purpose', name: 'How we use your data' },
  },
};
const model = {
  client: { id: 'c', name: 'Chain Store Analytics', sandbox: true }, sections: [section], at: Date.parse('2026-05-01T17:00:00Z'),
} as unknown as RequestModel;
const ctx = {
  config: { CDS_TIMEZONE: 'America/Los_Angeles' }, branding: brandingFromSettings({ PUBLIC_URL: 'http://127.0.0.1' }),
} as unknown as ConsentContext;
const base = { requestId: 'long', csrf: 'test-token', customer: { customerId: 'c1', username: 'demo.enterprise', isTestCustomer: true } };

let server: Server;
let url: string;
let browser: Browser;
const approvals: { ids: string[]; includeFuture: boolean }[] = [];

beforeAll(async () => {
  const app = express();
  app.use('/consent/assets', express.static(fileURLToPath(new URL('../../rest-facade/consent/static', import.meta.url))));
  app.get('/authorize/long', (_req, res) => res.type('html').send(formPage(formView(ctx, model, null, base), ctx.branding).value));
  app.post('/authorize/long', express.urlencoded({ extended: false }), (req, res) => {
    const state = parseFormState(req.body)!;
    if (state.action.kind === 'approve') {
      approvals.push(chosen(section, state));
      return res.type('html').send('<!doctype html><html lang="en"><head><title>done</title></head><body><main><h1>Approved</h1></main></body></html>');
    }
    applyTool(state, () => offer.map((e) => e.id));
    res.type('html').send(formPage(formView(ctx, model, state, base), ctx.branding).value);
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/authorize/long`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

const visibleTitles = (page: import('playwright-core').Page) =>
  page.locator('[data-entry]:visible .entry-title').allTextContents();

describe('long selection lists (more than 10 entries)', () => {
  it('with JavaScript: live search, live count, hide unselected, select all', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const count = page.locator('[data-count]');
    await expect.poll(() => count.textContent()).toBe('3 of 15 accounts selected');
    expect(await page.locator('.entry-list.scrolling').count()).toBe(1);
    await capture(page, 'form-long-list');

    // The Purpose is shown as text, says who wrote it, and scrolls after 10 lines.
    const purpose = page.locator('.purpose-content');
    expect(await purpose.locator('img').count()).toBe(0);
    expect(await purpose.textContent()).toContain('<img src=x onerror=');
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('.purpose-author').textContent()).toBe('Written by Chain Store Analytics:');
    const box = await purpose.evaluate((el) => {
      const css = getComputedStyle(el);
      return { lines: el.clientHeight / parseFloat(css.lineHeight), scrolls: el.scrollHeight > el.clientHeight, ws: css.whiteSpace, wb: css.wordBreak, ov: css.overflowY };
    });
    expect(box.lines).toBeLessThanOrEqual(10.9);
    expect(box).toMatchObject({ scrolls: true, ws: 'pre-wrap', wb: 'break-word', ov: 'scroll' });
    const related = purpose.getByRole('link', { name: /How we use your data/ });
    expect(await related.getAttribute('target')).toBe('_blank');
    expect(await related.getAttribute('rel')).toContain('noopener');

    await page.getByLabel('Search accounts').fill('oak ave');
    expect(await visibleTitles(page)).toEqual(['Account 7000-100', 'Account 7000-105', 'Account 7000-110']);
    await page.getByLabel(/Account 7000-105/).check();
    await expect.poll(() => count.textContent()).toBe('4 of 15 accounts selected');

    await page.getByLabel('Search accounts').fill('');
    await page.getByRole('button', { name: 'Show selected only' }).click();
    expect(await visibleTitles(page)).toEqual(['Account 7000-100', 'Account 7000-101', 'Account 7000-102', 'Account 7000-105']);
    expect(await page.getByRole('button', { name: 'Show all' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Show all' }).click();
    expect(await visibleTitles(page)).toHaveLength(15);

    await page.getByRole('button', { name: 'Select all accounts', exact: true }).click();
    await expect.poll(() => count.textContent()).toBe('15 of 15 accounts selected');
    await page.getByRole('button', { name: 'Deselect all accounts' }).click();
    await page.getByLabel(/Account 7000-114/).check();
    // A double click sends one decision: the script locks the buttons after the first (§9.2.1.6).
    const before = approvals.length;
    await page.getByRole('button', { name: 'Approve' }).dblclick();
    await page.waitForSelector('text=Approved');
    expect(approvals.length).toBe(before + 1);
    expect(approvals.at(-1)).toEqual({ ids: ['acct-14'], includeFuture: false });
    await page.close();
  });

  it('can be used with the keyboard alone, with a visible focus', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const focusRing = () => page.evaluate(() => {
      const css = getComputedStyle(document.activeElement!);
      return css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) >= 2;
    });
    expect(await focusRing()).toBe(true);
    const reached: string[] = [];
    for (let i = 0; i < 80 && !reached.includes('Approve'); i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el.tagName === 'INPUT' ? (el as HTMLInputElement).type : el.textContent?.trim() ?? '';
      });
      reached.push(label);
      expect(await focusRing(), `focus ring on ${label}`).toBe(true);
    }
    expect(reached).toContain('search');
    expect(reached).toContain('checkbox');
    expect(reached).toContain('Approve');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Approved');
    expect(approvals.at(-1)).toEqual({ ids: ['acct-0', 'acct-1', 'acct-2'], includeFuture: false });
    await page.close();
  });

  it('without JavaScript: the same tools work through the server, and hidden choices are kept', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.locator('[data-count]').textContent()).toBe('3 of 15 accounts selected');

    await page.getByLabel('Search accounts').fill('pine');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    expect(await visibleTitles(page)).toEqual(['Account 7000-101', 'Account 7000-106', 'Account 7000-111']);
    expect(await page.getByLabel('Search accounts').inputValue()).toBe('pine');
    await page.getByLabel(/Account 7000-111/).check();
    // Enter in the search box refreshes the list; it never approves.
    await page.getByLabel('Search accounts').fill('main st');
    await page.getByLabel('Search accounts').press('Enter');
    expect(await visibleTitles(page)).toEqual(['Account 7000-102', 'Account 7000-107', 'Account 7000-112']);
    expect(await page.locator('[data-count]').textContent()).toBe('4 of 15 accounts selected');

    await page.getByLabel('Search accounts').fill('');
    await page.getByRole('button', { name: 'Show selected only' }).click();
    expect(await visibleTitles(page)).toEqual(['Account 7000-100', 'Account 7000-101', 'Account 7000-102', 'Account 7000-111']);
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.getByRole('button', { name: 'Select all accounts', exact: true }).click();
    expect(await page.locator('[data-count]').textContent()).toBe('15 of 15 accounts selected');
    await page.getByLabel(/Any accounts you add in the future/).check();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForSelector('text=Approved');
    expect(approvals.at(-1)).toEqual({ ids: offer.map((e) => e.id), includeFuture: true });
    await context.close();
  });
});
