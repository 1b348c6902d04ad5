import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signIn, withPage } from '../support/browser';
import { call } from './support/http';
import { capture } from './support/pages';
import { startSystem, type System } from './support/system';
import {
  grantOf, grantsWhere, introspect, pushAuthorization, redeemCallback, registerThirdParty, startClientApp,
  type ClientApp, type RegisteredClient,
} from './support/thirdParty';

/**
 * The customer authorization pages of cds-wg3-01 §9 in a real browser against the whole system
 * (legacy simulators, subgraphs, gateway, facade on Redis), with an independent OAuth client
 * (oauth4webapi) playing the third party. Every page state is screenshotted at 1280 and 375 px
 * and checked with axe-core.
 */

const CLIENT_NAME = 'Acme Energy <Auditors> & "Sons"';
const CLIENT_URI = 'https://acme-energy.example/';
const SCOPES = 'cds_accounts cds_service_contracts cds_usage cds_bill_statements cds_aggregation_consent';

interface TestAccount { username: string; password: string; description: string }

let sys: System;
let app: ClientApp;
let reg: RegisteredClient;
let browser: Browser;
let accounts: TestAccount[];

beforeAll(async () => {
  sys = await startSystem({ redisUrl: inject('redisUrl') });
  app = await startClientApp();
  reg = await registerThirdParty(sys.url, { scope: SCOPES, client_name: CLIENT_NAME, client_uri: CLIENT_URI, redirectUri: app.callback });
  accounts = (await call('GET', `${sys.url}/test-accounts`, { headers: { accept: 'application/json' } })).json;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sys?.close();
});

const customer = (key: string) => {
  const found = accounts.find((a) => a.username === `demo.${key.replace(/_/g, '-')}`);
  if (!found) throw new Error(`no test customer ${key} among ${accounts.map((a) => a.username).join(', ')}`);
  return found;
};

/** Waits for the browser to come back to the third party and returns that URL. */
async function backAtClient(page: Page): Promise<URL> {
  await page.waitForURL((u) => u.href.startsWith(app.callback));
  return new URL(page.url());
}

function push(scope: string, details: Record<string, unknown>[] | undefined, extra: Record<string, string> = {}) {
  return pushAuthorization(reg, {
    redirect_uri: app.callback, scope,
    ...(details ? { authorization_details: JSON.stringify(details) } : {}),
    ...extra,
  });
}

const withContext = <T>(fn: (page: Page, context: BrowserContext) => Promise<T>, options: { javaScriptEnabled?: boolean } = {}) => withPage(browser, fn, options);

/** The Customer Data API for service contracts (cds-wg3-01 §10.2). */
async function serviceContractsApi(token: string) {
  return call('GET', `${sys.url}/cds-customerdata-api/v1/service-contracts`, { bearer: token });
}

describe('customer authorization (cds-wg3-01 §9)', () => {
  it('publishes the test accounts at the ASM\'s cds_test_accounts URL, as HTML and as JSON', async () => {
    const published = (reg.as as Record<string, unknown>).cds_test_accounts as string;
    expect(published).toBe(`${sys.url}/test-accounts`);
    expect((await call('GET', published, { headers: { accept: 'application/json' } })).json).toEqual(accounts);
    expect(accounts.length).toBeGreaterThanOrEqual(5);
    for (const a of accounts) expect(a).toEqual({ username: expect.any(String), password: expect.any(String), description: expect.any(String) });
    await withContext(async (page) => {
      await page.goto(published);
      expect(await page.locator('tbody tr').count()).toBe(accounts.length);
      await capture(page, 'test-accounts');
    });
  });

  it('runs PAR → sign-in → merged form → approve → code → token, then revocation from the receipt', async () => {
    const details = [
      { type: 'cds_service_contracts', contract_numbers: ['_all'], merge_selection_with: 'cds_usage', purpose: 'default-01' },
      { type: 'cds_usage', contract_numbers: ['_all'], merge_selection_with: 'cds_service_contracts', purpose: 'default-01' },
    ];
    const auth = await push('cds_service_contracts cds_usage', details);
    await withContext(async (page, context) => {
      await page.goto(auth.url);
      expect(new URL(page.url()).pathname).toBe('/consent/login');
      expect(await page.locator('h1').textContent()).toBe('Sign in');
      await capture(page, 'login');

      await signIn(page, { username: customer('multi').username, password: 'not-the-password' });
      await page.waitForSelector('.errors');
      expect(await page.locator('.errors').textContent()).toContain('not correct');
      await capture(page, 'login-error');

      await signIn(page, customer('multi'));
      await page.waitForSelector('form.consent-form');
      // Requester (§9.2.1.2): the client name as text, linked to client_uri in a new window with noopener.
      const requester = page.locator('.requester a');
      expect(await requester.textContent()).toContain(CLIENT_NAME);
      expect(await requester.getAttribute('href')).toBe(CLIENT_URI);
      expect(await requester.getAttribute('target')).toBe('_blank');
      expect(await requester.getAttribute('rel')).toContain('noopener');
      // merge_selection_with (§7.4.2): one Request Section, both scopes listed, one Selection.
      expect(await page.locator('.request-section').count()).toBe(1);
      expect(await page.locator('.data-component > ul > li').count()).toBe(2);
      // "_all" preselects every service (§7.1.3).
      const boxes = page.locator('[data-entry] input[type="checkbox"]');
      const n = await boxes.count();
      expect(n).toBeGreaterThanOrEqual(2);
      expect(await page.locator('[data-entry] input:checked').count()).toBe(n);
      // The Purpose (§9.2.2.4): a Server default, text only, in a block that scrolls after 10 lines.
      const purpose = page.locator('.purpose-content');
      expect(await purpose.evaluate((el) => {
        const css = getComputedStyle(el);
        return [css.whiteSpace, css.wordBreak, css.overflowY];
      })).toEqual(['pre-wrap', 'break-word', 'scroll']);
      expect(await page.locator('.purpose-author').count()).toBe(0);
      await capture(page, 'form');

      // Nothing selected → inline error, the form stays (§9.2.1.6).
      await page.getByRole('button', { name: 'Deselect all services' }).click();
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForSelector('.errors');
      expect(await page.locator('.field-error').textContent()).toContain('Select at least one');
      expect(await page.locator('fieldset.has-error').count()).toBe(1);
      await capture(page, 'form-errors');

      const first = page.locator('[data-entry]').first();
      const chosenTitle = (await first.locator('.entry-title').textContent())!;
      await first.locator('input').check();
      await page.getByRole('button', { name: 'Approve' }).click();
      const callback = await backAtClient(page);
      expect(callback.searchParams.get('state')).toBe(auth.state);

      const tokens = await redeemCallback(reg, callback, auth, app.callback);
      expect(tokens.scope).toBe('cds_service_contracts cds_usage');
      const grantIds = tokens.cds_grant_ids as string[];
      expect(grantIds).toHaveLength(1);
      // Consent scopes echo no preselection fields (§6.1) and carry absolute durations (§7.3).
      const echoed = tokens.authorization_details as Record<string, unknown>[];
      expect(echoed.map((e) => e.type).sort()).toEqual(['cds_service_contracts', 'cds_usage']);
      for (const e of echoed) expect(e.contract_numbers).toBeUndefined();
      const usage = echoed.find((e) => e.type === 'cds_usage')!;
      expect(usage.segment_start).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect((await introspect(reg, tokens.access_token)).active).toBe(true);

      const grant = await grantOf(reg, grantIds[0]);
      expect(grant).toMatchObject({ status: 'active', scope: 'cds_service_contracts cds_usage', states: [auth.state] });
      expect(grant.receipt_confirmations).toHaveLength(1);
      expect((await grantsWhere(reg, { receipt_confirmations: grant.receipt_confirmations[0] })).grants.map((g: { grant_id: string }) => g.grant_id)).toEqual([grantIds[0]]);

      // The granted data through the Customer Data API: exactly the service the customer chose.
      const data = await serviceContractsApi(tokens.access_token);
      expect(data.status, data.text).toBe(200);
      expect(data.json.service_contracts.map((sc: { contract_number?: string }) => `Service ${sc.contract_number}`)).toEqual([chosenTitle]);

      // The receipt, reachable from the customer's own list (§9.1.1).
      await page.goto(`${sys.url}/consent/authorizations`);
      await capture(page, 'my-authorizations');
      await page.getByRole('link', { name: grant.receipt_confirmations[0] }).click();
      await page.waitForSelector('.confirmation-number');
      const receiptUrl = page.url();
      expect(receiptUrl).toMatch(/\/receipts\/[0-9a-f]{32}$/);
      expect(receiptUrl).not.toContain(grant.receipt_confirmations[0]);
      expect(await page.locator('.confirmation-number').textContent()).toBe(grant.receipt_confirmations[0]);
      // The receipt went to the email address of the customer's online profile (§9.4), with the
      // brand, the confirmation number and the link; the Purpose only because it is a Server default.
      const mail = JSON.parse((await sys.store!.get(`consent:outbox:${grant.receipt_confirmations[0]}`))!);
      expect(mail.to).toMatch(/^[^@\s]+@[^@\s]+$/);
      expect(mail.receipt_url).toBe(receiptUrl);
      expect(mail.text).toContain(grant.receipt_confirmations[0]);
      expect(mail.text).toContain(receiptUrl);
      expect(mail.text).toContain('Example Gas & Electric');
      expect(mail.text).toContain(chosenTitle);
      expect(mail.text).toContain('For this purpose: The requester may use the shared data');
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
      expect(await page.locator('.receipt-facts a').getAttribute('rel')).toBe('noopener nofollow');
      expect(await page.textContent('main')).toContain(chosenTitle);
      await capture(page, 'receipt-owner');
      const headers = await call('GET', receiptUrl);
      expect(headers.headers.get('x-robots-tag')).toContain('noindex');

      // Anyone with the link (not signed in) sees the receipt but not the customer's data (§9.4)…
      await withContext(async (anon) => {
        await anon.goto(receiptUrl);
        expect(await anon.textContent('main')).not.toContain(chosenTitle);
        expect(await anon.getByRole('link', { name: 'Sign in to see them' }).count()).toBeGreaterThan(0);
        await capture(anon, 'receipt-anonymous');
        // …and can revoke without signing in, after a confirmation step.
        await anon.getByRole('link', { name: 'Revoke access' }).click();
        await anon.waitForSelector('text=Yes, revoke access');
        await capture(anon, 'revoke-confirm');
        await anon.getByRole('button', { name: 'Yes, revoke access' }).click();
        await anon.waitForSelector('[data-status="revoked"]');
        expect(await anon.getByRole('link', { name: 'Revoke access' }).count()).toBe(0);
        await capture(anon, 'receipt-revoked');
      });

      // The third party loses access at once.
      expect((await introspect(reg, tokens.access_token)).active).toBe(false);
      expect((await grantOf(reg, grantIds[0])).status).toBe('revoked');
      expect([401, 403]).toContain((await serviceContractsApi(tokens.access_token)).status);
      await context.clearCookies();
    });
  });

  it('sends access_denied with the state when the customer declines', async () => {
    const auth = await push('cds_accounts', [{ type: 'cds_accounts' }]);
    await withContext(async (page) => {
      await page.goto(auth.url);
      await signIn(page, customer('solar'));
      await page.getByRole('button', { name: 'Decline' }).click();
      const callback = await backAtClient(page);
      expect(Object.fromEntries(callback.searchParams)).toMatchObject({ error: 'access_denied', state: auth.state });
      expect(() => oauth.validateAuthResponse(reg.as, { client_id: reg.app.client_id }, callback, auth.state)).toThrow();
      expect((await grantsWhere(reg, { states: auth.state })).grants).toEqual([]);
    });
  });

  it('reports a cancelled sign-in to the third party as access_denied (§9.1.2)', async () => {
    const auth = await push('cds_accounts', [{ type: 'cds_accounts' }]);
    await withContext(async (page) => {
      await page.goto(auth.url);
      await page.getByRole('button', { name: 'Cancel and go back' }).click();
      const callback = await backAtClient(page);
      expect(Object.fromEntries(callback.searchParams)).toMatchObject({ error: 'access_denied', state: auth.state });
    });
  });

  it('refuses a test customer on a production Client (cds-wg1-02 §5.2)', async () => {
    // The operator approves the app for production: a new Client Object with its own Credential (§4.2).
    const production = await call('POST', `${sys.url}/admin/clients/${reg.app.client_id}/production`, { bearer: sys.config.ADMIN_API_TOKEN, json: {} });
    expect(production.status).toBe(201);
    const credentialsApi = (reg.as as Record<string, unknown>).cds_credentials_api as string;
    const credentials = await call('GET', `${credentialsApi}?client_ids=${production.json.client_id}`, { bearer: await reg.adminToken() });
    const secret = credentials.json.credentials[0].client_secret as string;
    const auth = await pushAuthorization(reg, {
      redirect_uri: app.callback, scope: 'cds_accounts', authorization_details: JSON.stringify([{ type: 'cds_accounts', account_numbers: ['_all'] }]),
    }, { client_id: production.json.client_id, secret });
    await withContext(async (page) => {
      await page.goto(auth.url);
      await signIn(page, customer('multi'));
      const callback = await backAtClient(page);
      expect(Object.fromEntries(callback.searchParams)).toMatchObject({ error: 'access_denied', state: auth.state });
      expect(callback.searchParams.get('error_description')).toContain('production');
    });
  });

  it('shows the Preselection Error, lets the customer switch accounts, and declines with invalid_authorization_details', async () => {
    const auth = await push('cds_accounts', [{ type: 'cds_accounts', account_numbers: ['0000000000'], error_if_no_preselections: true }]);
    await withContext(async (page) => {
      await page.goto(auth.url);
      await signIn(page, customer('multi'));
      await page.waitForSelector('body.page-preselection-error');
      const text = await page.textContent('main');
      expect(text).toContain(CLIENT_NAME);
      expect(text).toContain('Accounts: 0000000000');
      await capture(page, 'preselection-error');
      await page.getByRole('button', { name: 'Sign in as a different account' }).click();
      expect(new URL(page.url()).pathname).toBe('/consent/login');
      await signIn(page, customer('solar'));
      await page.getByRole('button', { name: 'Decline the request' }).click();
      const callback = await backAtClient(page);
      expect(Object.fromEntries(callback.searchParams)).toMatchObject({ error: 'invalid_authorization_details', state: auth.state });
    });
  });

  it('lets the customer remove a Request Section only when allow_scope_modifications is true', async () => {
    const allowed = await push('cds_accounts cds_bill_statements', [
      { type: 'cds_accounts', account_numbers: ['_all'], allow_scope_modifications: true },
      { type: 'cds_bill_statements', account_numbers: ['_all'], allow_scope_modifications: true },
    ]);
    await withContext(async (page) => {
      await page.goto(allowed.url);
      await signIn(page, customer('multi'));
      expect(await page.locator('.request-section').count()).toBe(2);
      await page.locator('.request-section').nth(1).getByRole('button', { name: "Don't share this part" }).click();
      expect(await page.locator('.request-section.is-removed').count()).toBe(1);
      // The last section left cannot be removed too (§9.2.1.3).
      await capture(page, 'form-section-removed');
      await page.getByRole('button', { name: 'Approve' }).click();
      const tokens = await redeemCallback(reg, await backAtClient(page), allowed, app.callback);
      expect(tokens.scope).toBe('cds_accounts');
      expect((await grantOf(reg, (tokens.cds_grant_ids as string[])[0])).scope).toBe('cds_accounts');
    });

    const refused = await push('cds_accounts cds_bill_statements', [
      { type: 'cds_accounts', account_numbers: ['_all'], allow_scope_modifications: false },
      { type: 'cds_bill_statements', account_numbers: ['_all'], allow_scope_modifications: false },
    ]);
    await withContext(async (page) => {
      await page.goto(refused.url);
      await signIn(page, customer('multi'));
      expect(await page.getByRole('button', { name: "Don't share this part" }).count()).toBe(0);
      // A forged removal is ignored: the request is approved or declined as a whole (§7.4.5).
      await page.evaluate(() => {
        const input = document.createElement('input');
        input.type = 'hidden'; input.name = 'removed:s1'; input.value = '1';
        document.querySelector('form.consent-form')!.appendChild(input);
      });
      await page.getByRole('button', { name: 'Approve' }).click();
      const tokens = await redeemCallback(reg, await backAtClient(page), refused, app.callback);
      expect(tokens.scope).toBe('cds_accounts cds_bill_statements');
    });
  });

  it('forces a fresh sign-in for prompt=login, and reuses the session otherwise', async () => {
    await withContext(async (page) => {
      const first = await push('cds_accounts', [{ type: 'cds_accounts' }]);
      await page.goto(first.url);
      await signIn(page, customer('gas_electric_water'));
      await page.getByRole('button', { name: 'Decline' }).click();
      await backAtClient(page);

      const again = await push('cds_accounts', [{ type: 'cds_accounts' }]);
      await page.goto(again.url);
      expect(new URL(page.url()).pathname).toMatch(/^\/authorize\//); // session reused (§9.1.2)
      await page.getByRole('button', { name: 'Decline' }).click();
      await backAtClient(page);

      const forced = await push('cds_accounts', [{ type: 'cds_accounts', account_numbers: ['_all'] }], { prompt: 'login' });
      await page.goto(forced.url);
      expect(new URL(page.url()).pathname).toBe('/consent/login'); // cds-wg1-02 §8.3 h
      await signIn(page, customer('gas_electric_water'));
      await page.waitForSelector('form.consent-form');
      await page.getByRole('button', { name: 'Approve' }).click();
      expect((await backAtClient(page)).searchParams.get('code')).toBeTruthy();
    });
  });

  it('updates the Grant of a Grant Authorization Request (cds_grant_id) with a new receipt that supersedes the old one', async () => {
    await withContext(async (page) => {
      const initial = await push('cds_accounts', [{ type: 'cds_accounts', account_numbers: ['_all'], sync_until: 'P1Y' }]);
      await page.goto(initial.url);
      await signIn(page, customer('enterprise'));
      await page.getByRole('button', { name: 'Approve' }).click();
      const first = await redeemCallback(reg, await backAtClient(page), initial, app.callback);
      const grantId = (first.cds_grant_ids as string[])[0];
      const [oldConfirmation] = (await grantOf(reg, grantId)).receipt_confirmations;

      const renewal = await push('cds_accounts', [{ type: 'cds_accounts', account_numbers: ['_all'], sync_until: 'infinite' }], { cds_grant_id: grantId });
      await page.goto(renewal.url);
      await page.waitForSelector('form.consent-form');
      await page.getByRole('button', { name: 'Approve' }).click();
      const second = await redeemCallback(reg, await backAtClient(page), renewal, app.callback);
      expect(second.cds_grant_ids).toEqual([grantId]);
      const grant = await grantOf(reg, grantId);
      expect(grant.receipt_confirmations).toHaveLength(2);
      expect(grant.receipt_confirmations[0]).toBe(oldConfirmation);
      expect(grant.authorization_details[0].sync_until).toBe('infinite');
      expect(grant.states).toEqual([initial.state, renewal.state]);

      await page.goto(`${sys.url}/consent/authorizations`);
      await page.getByRole('link', { name: oldConfirmation }).click();
      await page.waitForSelector('text=replaced by a newer one');
      // §9.4: what changed since this receipt — the access is now "until you revoke".
      expect(await page.locator('#changes-heading').textContent()).toBe('Changes since you approved');
      expect(await page.locator('.changed').textContent()).toContain('until you revoke access');
      await capture(page, 'receipt-superseded');
      await page.getByRole('link', { name: `receipt ${grant.receipt_confirmations[1]}` }).click();
      expect(await page.locator('.confirmation-number').textContent()).toBe(grant.receipt_confirmations[1]);
    });
  });

  it('ends on the receipt, or on the Default Redirect Error, when the redirect_uri is the Server\'s own (§9.1.1, §9.3.3)', async () => {
    await withContext(async (page) => {
      const approveIt = await push('cds_accounts', [{ type: 'cds_accounts', account_numbers: ['_all'] }], { redirect_uri: reg.app.default_redirect_uri });
      await page.goto(approveIt.url);
      await signIn(page, customer('cca'));
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForURL(/\/receipts\/[0-9a-f]{32}$/);
      const confirmation = await page.locator('.confirmation-number').textContent();
      // The third party finds the Grant by its state or the confirmation number (WG1 §8.5).
      const byState = (await grantsWhere(reg, { states: approveIt.state })).grants;
      expect(byState).toHaveLength(1);
      expect(byState[0].receipt_confirmations).toEqual([confirmation]);
      expect(app.hits.some((u) => u.searchParams.get('state') === approveIt.state)).toBe(false);
      // Knowing the Grant (as the Client does) never reveals the receipt's URL; its customer is led there.
      const viaGrant = `${reg.app.default_redirect_uri}?grant_id=${byState[0].grant_id}`;
      const receiptUrl = page.url();
      const stranger = await call('GET', viaGrant);
      expect(stranger.status).toBe(200);
      expect(stranger.text).not.toContain(new URL(receiptUrl).pathname);
      await page.goto(viaGrant);
      expect(page.url()).toBe(receiptUrl);

      const declineIt = await push('cds_accounts', [{ type: 'cds_accounts' }], { redirect_uri: reg.app.default_redirect_uri });
      await page.goto(declineIt.url);
      await page.getByRole('button', { name: 'Decline' }).click();
      await page.waitForSelector('text=You declined the request');
      await capture(page, 'default-redirect-declined');

      const failIt = await push('cds_accounts', [{ type: 'cds_accounts', account_numbers: ['0000000000'], error_if_no_preselections: true }], { redirect_uri: reg.app.default_redirect_uri });
      await page.goto(failIt.url);
      await page.getByRole('button', { name: 'Decline the request' }).click();
      await page.waitForSelector('text=The request could not be completed');
      expect(await page.textContent('main')).toContain('contact the website or app');
      await capture(page, 'default-redirect-error');
    });
  });

  it('shows the Invalid Request Error for a bad client_id or an unknown hand-off, without redirecting', async () => {
    await withContext(async (page) => {
      const reply = await page.goto(`${sys.url}/oauth/authorize?response_type=code&client_id=not-a-client&redirect_uri=${encodeURIComponent(app.callback)}`);
      expect(reply?.status()).toBe(400);
      expect(new URL(page.url()).host).toBe(new URL(sys.url).host);
      expect(await page.textContent('main')).toContain('contact the website or app');
      await capture(page, 'invalid-request');
      const unknown = await page.goto(`${sys.url}/authorize/no-such-request`);
      expect(unknown?.status()).toBe(400);
    });
  });

  it('shows the aggregation consent as a fixed list with only the customer\'s own resources (§9.2.3.5)', async () => {
    // The buildings of the demo utility and their premises, as the utility's internal teams see them.
    const graph = await call('POST', `${sys.url}/graphql`, {
      bearer: sys.config.INTERNAL_API_TOKEN,
      json: { query: '{ aggregations(filter: { aggregationTypes: [building] }, first: 100) { nodes { aggregationNumber groupedServicePoints { premises { premiseNumber } } } } }' },
    });
    const buildings = (graph.json.data.aggregations.nodes as { aggregationNumber: string | null; groupedServicePoints: { premises: { premiseNumber: string }[] }[] }[])
      .filter((b) => b.aggregationNumber);
    expect(buildings.length).toBeGreaterThan(0);
    const premises = [...new Set(buildings.flatMap((b) => b.groupedServicePoints.flatMap((sp) => sp.premises.map((p) => p.premiseNumber))))];
    const auth = await push('cds_aggregation_consent', [{
      type: 'cds_aggregation_consent', aggregation_numbers: buildings.map((b) => b.aggregationNumber), premise_numbers: premises,
    }]);
    await withContext(async (page) => {
      await page.goto(auth.url);
      await signIn(page, customer('building_tenant'));
      await page.waitForSelector('form.consent-form');
      const list = page.locator('.selection-component');
      expect(await list.locator('input[type="checkbox"]').count()).toBe(0);
      const entries = list.locator('.entry-static');
      expect(await entries.count()).toBe(1);
      const text = (await entries.textContent())!;
      expect(text).toMatch(/Group \S+/);
      expect(text).toContain('Your service location');
      await capture(page, 'form-aggregation-consent');
      await page.getByRole('button', { name: 'Approve' }).click();
      const tokens = await redeemCallback(reg, await backAtClient(page), auth, app.callback);
      expect(tokens.scope).toBe('cds_aggregation_consent');
      // §7.3.8: the consent's `expires` (relative in the request) is absolute in the Grant and ends its access.
      const grant = await grantOf(reg, (tokens.cds_grant_ids as string[])[0]);
      const expires = grant.authorization_details[0].expires as string;
      expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(grant.expires).toBe(expires);
      expect(grant.not_after).toBe(expires);
    });
  });

  it('completes an approval with JavaScript disabled', async () => {
    const auth = await push('cds_service_contracts', [{ type: 'cds_service_contracts', contract_numbers: ['_all', '_include_future'] }]);
    await withContext(async (page) => {
      await page.goto(auth.url);
      await signIn(page, customer('gas_electric_water'));
      await page.waitForSelector('form.consent-form');
      expect(await page.getByLabel(/Any services you add in the future/).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Deselect all services' }).click();
      expect(await page.locator('[data-entry] input:checked').count()).toBe(0);
      await page.getByRole('button', { name: 'Select all services' , exact: true }).click();
      await capture(page, 'form-no-javascript', { javaScript: false });
      await page.getByRole('button', { name: 'Approve' }).click();
      const tokens = await redeemCallback(reg, await backAtClient(page), auth, app.callback);
      expect(tokens.scope).toBe('cds_service_contracts');
    }, { javaScriptEnabled: false });
  });

  it('refuses a form posted with a wrong CSRF token and changes nothing', async () => {
    const auth = await push('cds_accounts', [{ type: 'cds_accounts' }]);
    await withContext(async (page) => {
      await page.goto(auth.url);
      await signIn(page, customer('moved_out'));
      await page.waitForSelector('form.consent-form');
      await page.evaluate(() => { (document.querySelector('form.consent-form input[name="csrf_token"]') as HTMLInputElement).value = 'forged'; });
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForSelector('text=This page has expired');
      await capture(page, 'csrf-expired');
      expect((await grantsWhere(reg, { states: auth.state })).grants).toEqual([]);
      await page.goBack();
      await page.reload();
      await page.getByRole('button', { name: 'Decline' }).click();
      expect((await backAtClient(page)).searchParams.get('error')).toBe('access_denied');
    });
  });

  it('signs out at once', async () => {
    await withContext(async (page) => {
      const auth = await push('cds_accounts', [{ type: 'cds_accounts' }]);
      await page.goto(auth.url);
      await signIn(page, customer('suspended'));
      await page.goto(`${sys.url}/consent/authorizations`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForSelector('text=You are signed out');
      await capture(page, 'signed-out');
      await page.goto(`${sys.url}/consent/authorizations`);
      expect(new URL(page.url()).pathname).toBe('/consent/login');
    });
  });
});
