import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultScopeSettings } from '../../rest-facade/scopes';
import { launchBrowser, signIn } from '../support/browser';
import { Customer } from './support/customer';
import { call, hiddenValue } from './support/http';
import { capture } from './support/pages';
import { startSystem, type System } from './support/system';
import {
  clientMetadata, grantOf, grantsWhere, pushAuthorization, pushRaw, redeemCallback, registerThirdParty, startClientApp,
  type ClientApp, type RegisteredClient,
} from './support/thirdParty';

/**
 * Client-written Purposes end to end (cds-wg3-01 §5.1, §7.4.4, §8, §9.2.2.4, §9.4) on the whole
 * system: registered with the app, offered only in that Client's own metadata, accepted in its
 * authorization requests only, shown on the form as written by the app (text only), snapshotted
 * on the receipt, and quoted in the receipt email only once the Server has reviewed it.
 */

const AUDIT = {
  id: '', name: 'Energy audit', scopes_supported: [],
  content: 'We use your usage only for your home energy audit.\n  <b>Deleted</b> 30 days after the report. <script>alert(1)</script>',
  related_uri: 'https://audit.example/how-we-use-data', related_name: 'How we use your data',
};
const OTHER = { ...AUDIT, name: 'Marketing', content: 'We may use your data for offers.', related_uri: null, related_name: null };
const CHANGED = 'We use your usage for your audit and for newsletters.';

type TestAccount = { username: string; password: string };

const ownPurposeId = (reg: RegisteredClient) =>
  Object.keys(reg.app.client.cds_purposes as Record<string, unknown>).find((id) => id !== 'default-01')!;

const purposeChoices = (asm: any, scope: string): { id: string; description: string }[] =>
  asm.cds_scope_descriptions[scope].authorization_details_fields_supported.find((f: { id: string }) => f.id === 'purpose')?.choices ?? [];

async function testAccount(sys: System, username: string): Promise<TestAccount> {
  const accounts: TestAccount[] = (await call('GET', `${sys.url}/test-accounts`, { headers: { accept: 'application/json' } })).json;
  return accounts.find((a) => a.username === username)!;
}

async function mailFor(sys: System, reg: RegisteredClient, grantId: string): Promise<{ text: string }> {
  const [confirmation] = (await grantOf(reg, grantId)).receipt_confirmations;
  return JSON.parse((await sys.store!.get(`consent:outbox:${confirmation}`))!);
}

describe('a Client-written Purpose, from registration to the receipt', () => {
  let sys: System;
  let app: ClientApp;
  let audit: RegisteredClient;
  let other: RegisteredClient;
  let browser: Browser;
  let customer: TestAccount;
  /** The Grant approved with the app's own Purpose (closed once the Purpose is gone). */
  let approvedGrantId: string;

  beforeAll(async () => {
    sys = await startSystem({ redisUrl: inject('redisUrl') });
    app = await startClientApp();
    audit = await registerThirdParty(sys.url, { scope: 'cds_usage cds_accounts', client_name: 'Audit & Co', redirectUri: app.callback, cds_purposes: [AUDIT] });
    other = await registerThirdParty(sys.url, { scope: 'cds_usage cds_accounts', client_name: 'Other App', redirectUri: app.callback, cds_purposes: [OTHER] });
    customer = await testAccount(sys, 'demo.multi');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sys?.close();
  });

  it('offers the Purpose as a `purpose` choice in that Client\'s own metadata only', async () => {
    const ownId = ownPurposeId(audit);
    expect(ownId).toMatch(/^[0-9a-f]{16}$/);
    const own = await clientMetadata(audit);
    for (const scope of ['cds_usage', 'cds_accounts']) {
      expect(purposeChoices(own, scope)).toEqual([
        expect.objectContaining({ id: 'default-01' }),
        expect.objectContaining({ id: ownId, name: AUDIT.name, description: AUDIT.content }),
      ]);
    }
    // Public metadata lists the Server defaults (§7.4.4); the other app's metadata its own Purposes.
    expect(purposeChoices(audit.as, 'cds_usage').map((c) => c.id)).toEqual(['default-01']);
    expect(purposeChoices(await clientMetadata(other), 'cds_usage').map((c) => c.id)).toEqual(['default-01', ownPurposeId(other)]);
  });

  it('refuses another Client\'s Purpose at PAR and at the authorization endpoint, with invalid_authorization_details', async () => {
    const foreign = [{ type: 'cds_usage', purpose: ownPurposeId(other) }];
    const par = await pushRaw(audit, { redirect_uri: app.callback, scope: 'cds_usage', state: 's1', authorization_details: JSON.stringify(foreign) });
    expect(par.status, par.text).toBe(400);
    expect(par.json).toMatchObject({ error: 'invalid_authorization_details', error_description: expect.stringContaining('purpose') });

    const url = new URL(audit.as.authorization_endpoint!);
    for (const [k, v] of Object.entries({
      response_type: 'code', client_id: audit.app.client_id, redirect_uri: app.callback, scope: 'cds_usage', state: 's2', authorization_details: JSON.stringify(foreign),
    })) url.searchParams.set(k, v);
    const reply = await call('GET', url.toString());
    expect(reply.status).toBe(303);
    const back = new URL(reply.headers.get('location')!);
    expect(back.href.startsWith(app.callback)).toBe(true);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'invalid_authorization_details', state: 's2' });
    // The same Purpose is fine for the app that wrote it.
    expect((await pushRaw(other, { redirect_uri: app.callback, scope: 'cds_usage', authorization_details: JSON.stringify(foreign) })).status).toBe(201);
  });

  it('shows it on the form as written by the app, snapshots it on the receipt, and keeps it out of the email', async () => {
    const ownId = ownPurposeId(audit);
    const auth = await pushAuthorization(audit, {
      redirect_uri: app.callback, scope: 'cds_usage',
      authorization_details: JSON.stringify([{ type: 'cds_usage', contract_numbers: ['_all'], purpose: ownId }]),
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page: Page = await context.newPage();
    try {
      await page.goto(auth.url);
      await signIn(page, customer);
      await page.waitForSelector('form.consent-form');
      // §9.2.2.4: said to be the app's own words, rendered as text only, its link in a new window.
      expect(await page.locator('.purpose-author').textContent()).toBe('Written by Audit & Co:');
      const block = page.locator('.purpose-content');
      expect(await block.textContent()).toContain(AUDIT.content);
      expect(await block.locator('b, script').count()).toBe(0);
      const link = block.getByRole('link', { name: AUDIT.related_name });
      expect(await link.getAttribute('href')).toBe(AUDIT.related_uri);
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toContain('noopener');
      await capture(page, 'form-client-purpose');

      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForURL((u) => u.href.startsWith(app.callback));
      const tokens = await redeemCallback(audit, new URL(page.url()), auth, app.callback);
      const grantId = (tokens.cds_grant_ids as string[])[0];
      expect((await grantOf(audit, grantId)).authorization_details[0].purpose).toBe(ownId);
      // §9.4: the Server did not review this Purpose, so the email must not quote it.
      const mail = await mailFor(sys, audit, grantId);
      expect(mail.text).not.toContain('For this purpose');
      expect(mail.text).not.toContain('home energy audit');

      const [confirmation] = (await grantOf(audit, grantId)).receipt_confirmations;
      await page.goto(`${sys.url}/consent/authorizations`);
      await page.getByRole('link', { name: confirmation }).click();
      await page.waitForSelector('.confirmation-number');
      const receiptUrl = page.url();
      expect(await page.locator('.purpose-author').textContent()).toBe('Written by Audit & Co:');
      expect(await page.locator('.purpose-content').textContent()).toContain(AUDIT.content);
      await capture(page, 'receipt-client-purpose');

      // The app rewrites its Purpose (§8.2): its metadata and the next form say so, the receipt does not.
      const current = (await call('GET', audit.app.client.cds_client_uri, { bearer: await audit.adminToken() })).json;
      const put = await call('PUT', current.cds_client_uri, {
        bearer: await audit.adminToken(),
        json: { ...current, cds_purposes: { ...current.cds_purposes, [ownId]: { ...current.cds_purposes[ownId], content: CHANGED } } },
      });
      expect(put.status, put.text).toBe(200);
      expect(purposeChoices(await clientMetadata(audit), 'cds_usage').find((c) => c.id === ownId)?.description).toBe(CHANGED);
      await page.goto(receiptUrl);
      expect(await page.locator('.purpose-content').textContent()).toContain(AUDIT.content);
      expect(await page.textContent('main')).not.toContain(CHANGED);

      const next = await pushAuthorization(audit, {
        redirect_uri: app.callback, scope: 'cds_usage', authorization_details: JSON.stringify([{ type: 'cds_usage', purpose: ownId }]),
      });
      await page.goto(next.url);
      await page.waitForSelector('form.consent-form');
      expect(await page.locator('.purpose-content').textContent()).toContain(CHANGED);
      await page.getByRole('button', { name: 'Decline' }).click();
      await page.waitForURL((u) => u.href.startsWith(app.callback));
      approvedGrantId = grantId;
    } finally {
      await context.close();
    }
  });

  it('refuses a Purpose the app removed, and accepts its own Purposes in cds_default_authorization_details only', async () => {
    const ownId = ownPurposeId(audit);
    const token = await audit.adminToken();
    const current = (await call('GET', audit.app.client.cds_client_uri, { bearer: token })).json;
    const withDefaults = (purpose: string) => ({ ...current, cds_default_authorization_details: [{ type: 'cds_usage', purpose }] });
    const foreign = await call('PUT', current.cds_client_uri, { bearer: token, json: withDefaults(ownPurposeId(other)) });
    expect(foreign.status, foreign.text).toBe(400);
    expect(foreign.json).toMatchObject({ error: 'invalid_client_metadata', error_description: expect.stringContaining('purpose') });
    const own = await call('PUT', current.cds_client_uri, { bearer: token, json: withDefaults(ownId) });
    expect(own.status, own.text).toBe(200);
    expect(own.json.cds_default_authorization_details).toEqual([{ type: 'cds_usage', purpose: ownId }]);

    // Removing the Purpose while the defaults still name it is refused; removing both works.
    const { [ownId]: _removed, ...rest } = own.json.cds_purposes;
    const dangling = await call('PUT', current.cds_client_uri, { bearer: token, json: { ...own.json, cds_purposes: rest } });
    expect(dangling.status, dangling.text).toBe(400);
    const removed = await call('PUT', current.cds_client_uri, { bearer: token, json: { ...own.json, cds_purposes: rest, cds_default_authorization_details: [] } });
    expect(removed.status, removed.text).toBe(200);
    const par = await pushRaw(audit, { redirect_uri: app.callback, scope: 'cds_usage', authorization_details: JSON.stringify([{ type: 'cds_usage', purpose: ownId }]) });
    expect(par.status).toBe(400);
    expect(par.json.error).toBe('invalid_authorization_details');

    // The Grant approved with that Purpose can still be closed on the Grants API.
    const grantsApi = (audit.as as Record<string, any>).cds_grants_api as string;
    const closed = await call('PATCH', `${grantsApi}/${approvedGrantId}`, { bearer: token, json: { status: 'closed' } });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json.status).toBe('closed');
  });
});

describe('a Client-written Purpose under the Server\'s review (§8.2, §9.4)', () => {
  let sys: System;
  let app: ClientApp;
  let reg: RegisteredClient;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cds-purposes-'));
    const settings = join(dir, 'settings.json');
    writeFileSync(settings, JSON.stringify({ scopes: { ...defaultScopeSettings, reviewClientPurposes: true } }));
    sys = await startSystem({ redisUrl: inject('redisUrl'), env: { CDS_SETTINGS_FILE: settings } });
    app = await startClientApp();
    reg = await registerThirdParty(sys.url, { scope: 'cds_accounts', client_name: 'Reviewed App', redirectUri: app.callback, cds_purposes: [AUDIT] });
  });
  afterAll(async () => {
    await app?.close();
    await sys?.close();
  });

  it('holds the registered Purpose until approved, then quotes it in the receipt email', async () => {
    // Registration holds the Purpose in a field_changes Message; the Client has the defaults alone.
    expect(Object.keys(reg.app.client.cds_purposes)).toEqual(['default-01']);
    const messages = (await call('GET', (reg.as as Record<string, any>).cds_messages_api, { bearer: await reg.adminToken() })).json;
    const review = messages.outstanding.find((m: any) => m.type === 'field_changes');
    expect(review).toMatchObject({ status: 'pending', related_uri: reg.app.client.cds_client_uri });
    const held = Object.values<any>(review.updates_requested[0].new_value).find((p) => p.name === AUDIT.name);
    expect(held).toMatchObject({ content: AUDIT.content, id: expect.stringMatching(/^[0-9a-f]{16}$/), scopes_supported: ['cds_accounts'] });
    const details = JSON.stringify([{ type: 'cds_accounts', account_numbers: ['_all'], purpose: held.id }]);
    const early = await pushRaw(reg, { redirect_uri: app.callback, scope: 'cds_accounts', authorization_details: details });
    expect(early.status, early.text).toBe(400);
    expect(early.json.error).toBe('invalid_authorization_details');

    const approved = await call('POST', `${sys.url}/admin/messages/${review.message_id}/resolve`, { bearer: sys.config.ADMIN_API_TOKEN, json: { status: 'complete' } });
    expect(approved.status, approved.text).toBe(200);
    expect(purposeChoices(await clientMetadata(reg), 'cds_accounts').map((c) => c.id)).toEqual(['default-01', held.id]);

    const auth = await pushAuthorization(reg, { redirect_uri: app.callback, scope: 'cds_accounts', authorization_details: details });
    const customer = new Customer(sys.url);
    const { requestPath } = await customer.signIn(auth.url, await testAccount(sys, 'demo.solar'));
    const form = await customer.get(requestPath);
    expect(form.text).toContain('Written by Reviewed App:');
    const ids = [...form.text.matchAll(/name="select:s0" value="([^"]+)"/g)].map((m) => m[1]);
    const approve = await customer.post(requestPath, { csrf_token: hiddenValue(form.text, 'csrf_token')!, action: 'approve', 'select:s0': ids });
    expect(approve.status).toBe(303);
    const [grant] = (await grantsWhere(reg, { states: auth.state })).grants;
    const mail = await mailFor(sys, reg, grant.grant_id);
    expect(mail.text).toContain(`For this purpose: ${AUDIT.content}`);
  });
});
