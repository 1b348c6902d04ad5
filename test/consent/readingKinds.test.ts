import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Choice } from '../../rest-facade/scopes';
import { readingKinds } from '../../rest-facade/consent/wording/readings';
import { launchBrowser, signIn, withPage } from '../support/browser';
import { call } from './support/http';
import { capture } from './support/pages';
import { startSystem, type System } from './support/system';
import {
  grantOf, pushAuthorization, redeemCallback, registerThirdParty, startClientApp, type Authorization, type ClientApp, type RegisteredClient,
} from './support/thirdParty';

/**
 * The "Kinds of readings" of a usage request on the real form (cds-wg3-01 §9.2.2.1): the Server's
 * whole Value Format catalogue shown as a few categories a customer can read, every format one
 * disclosure away (with JavaScript and without), the same words frozen on the receipt, and a
 * request for one or two formats shown as just those.
 */

let sys: System;
let app: ClientApp;
let reg: RegisteredClient;
let browser: Browser;
let customer: { username: string; password: string };
/** The published Choices of `include_usage_segment_value_types` (the Server's catalogue). */
let choices: Choice[];

beforeAll(async () => {
  sys = await startSystem({ redisUrl: inject('redisUrl') });
  app = await startClientApp();
  reg = await registerThirdParty(sys.url, { scope: 'cds_usage', client_name: 'Home Energy Report', redirectUri: app.callback });
  const accounts: { username: string; password: string }[] = (await call('GET', `${sys.url}/test-accounts`, { headers: { accept: 'application/json' } })).json;
  customer = accounts.find((a) => a.username === 'demo.multi')!;
  const usage = (reg.as as Record<string, any>).cds_scope_descriptions.cds_usage;
  choices = usage.authorization_details_fields_supported.find((f: { id: string }) => f.id === 'include_usage_segment_value_types').choices;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sys?.close();
});

/**
 * Opens the form for a cds_usage request (all formats unless `formats` names some) in a fresh
 * browser context, signed in, and hands it to `fn`.
 */
async function withForm(o: { formats?: string[]; javaScript?: boolean }, fn: (page: Page, auth: Authorization) => Promise<void>) {
  const details = [{ type: 'cds_usage', contract_numbers: ['_all'], ...(o.formats ? { include_usage_segment_value_types: o.formats } : {}) }];
  const auth = await pushAuthorization(reg, { redirect_uri: app.callback, scope: 'cds_usage', authorization_details: JSON.stringify(details) });
  await withPage(browser, async (page) => {
    await page.goto(auth.url);
    await signIn(page, customer);
    await page.waitForSelector('form.consent-form');
    await fn(page, auth);
  }, { javaScriptEnabled: o.javaScript !== false });
}

/** Each category line as the customer reads it: its phrase and the format names under it. */
async function shownKinds(scope: Locator) {
  return scope.locator('ul.reading-kinds > li').evaluateAll((lis) => lis.map((li) => {
    const label = (li.querySelector('details.reading-kind > summary') ?? li).firstChild!.textContent!.replace(/:\s*$/, '').trim();
    return { label, formats: [...li.querySelectorAll('.reading-format')].map((f) => f.textContent!) };
  }));
}

const format = (page: Page, name: string) => page.locator('.reading-format', { hasText: name });

describe('kinds of readings on the Authorization Form', () => {
  it('groups every published format under a few plain categories, on the form and on the receipt', async () => {
    await withForm({}, async (page, auth) => {
      const expected = readingKinds(choices, choices.map((c) => c.id));
      const kinds = await shownKinds(page.locator('.data-component'));
      expect(kinds).toEqual(expected.map((k) => ({ label: k.label, formats: k.formats.map((f) => f.name) })));
      // Every format of the catalogue once, under far fewer lines than formats, none empty.
      expect(kinds.flatMap((k) => k.formats).sort()).toEqual(choices.map((c) => c.name).sort());
      expect(kinds.length).toBeLessThan(choices.length / 2);
      for (const k of kinds) expect(k.formats.length).toBeGreaterThan(0);
      // A category of one format names it on its line; only larger ones open onto a list.
      expect(await page.locator('details.reading-kind').count()).toBe(kinds.filter((k) => k.formats.length > 1).length);

      // The names stay out of sight until the customer asks for them, category by category.
      const first = expected[0].formats[0];
      expect(expected[0].formats.length).toBeGreaterThan(1);
      expect(await format(page, first.name).isVisible()).toBe(false);
      await page.locator('.data-details > summary').click();
      expect(await page.getByText(expected[0].label).isVisible()).toBe(true);
      expect(await format(page, first.name).isVisible()).toBe(false);
      await page.locator('details.reading-kind > summary').first().click();
      expect(await format(page, first.name).isVisible()).toBe(true);
      expect(await format(page, expected[1].formats[0].name).isVisible()).toBe(false);
      // Each format keeps its own description.
      expect(await page.locator('details.reading-kind[open] .entry-meta').first().textContent()).toBe(first.description);
      await capture(page, 'form-reading-kinds');

      // The receipt keeps the same words (§9.4).
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForURL((u) => u.href.startsWith(app.callback));
      const tokens = await redeemCallback(reg, new URL(page.url()), auth, app.callback);
      const [confirmation] = (await grantOf(reg, (tokens.cds_grant_ids as string[])[0])).receipt_confirmations;
      await page.goto(`${sys.url}/consent/authorizations`);
      await page.getByRole('link', { name: confirmation }).click();
      await page.waitForSelector('.confirmation-number');
      expect(await shownKinds(page.locator('main'))).toEqual(kinds);
    });
  });

  it('opens each category without JavaScript', async () => {
    await withForm({ javaScript: false }, async (page) => {
      const groups = readingKinds(choices, choices.map((c) => c.id)).filter((k) => k.formats.length > 1);
      const last = groups.at(-1)!;
      await page.locator('.data-details > summary').click();
      expect(await format(page, last.formats.at(-1)!.name).isVisible()).toBe(false);
      await page.locator('details.reading-kind > summary', { hasText: last.label }).click();
      for (const f of last.formats) expect(await format(page, f.name).isVisible()).toBe(true);
      expect(await format(page, groups[0].formats[0].name).isVisible()).toBe(false);
    });
  });

  it('shows a request for one or two formats as just those, with no other category', async () => {
    const id = (name: string) => choices.find((c) => c.name === name)!.id;
    await withForm({ formats: [id('Electric intervals, delivered (kWh)')] }, async (page) => {
      await page.locator('.data-details > summary').click();
      expect(await page.locator('ul.reading-kinds > li').allTextContents()).toEqual(['Electricity you used: Electric intervals, delivered (kWh)']);
      // The readings themselves have their line with an example, as every other kind of shared data (§9.2.2.1).
      const details = await page.locator('.data-details').innerText();
      expect(details).toMatch(/Usage readings from your meters\s+For example: \d/);
      expect(details.indexOf('Usage readings from your meters')).toBeLessThan(details.indexOf('Kinds of readings'));
      expect(await page.locator('details.reading-kind').count()).toBe(0);
    });
    await withForm({ formats: [id('Water usage (gallons)'), id('Electric daily peak demand (kW)')] }, async (page) => {
      expect(await shownKinds(page.locator('.data-component'))).toEqual([
        { label: 'How much power you drew at a time (demand)', formats: ['Electric daily peak demand (kW)'] },
        { label: 'Water you used', formats: ['Water usage (gallons)'] },
      ]);
      expect(await page.locator('details.reading-kind').count()).toBe(0);
    });
  });
});
