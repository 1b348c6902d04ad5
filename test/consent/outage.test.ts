import express from 'express';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCisSimulator } from '../../legacy/cis';
import { generateUtility, testCustomers } from '../../legacy/generator';
import type { RunningSimulator } from '../../legacy/sim/server';
import { loadConfig } from '../../lib/config';
import { createLogger } from '../../lib/logger';
import { createFacade } from '../../rest-facade/app';
import { cisIdentityProvider } from '../../rest-facade/consent';
import { createGraphClient } from '../../rest-facade/graph';
import { MemoryStore } from '../../rest-facade/store';
import { launchBrowser, signIn } from '../support/browser';
import { freePort } from '../support/redis';
import { capture } from './support/pages';
import { Customer } from './support/customer';
import { call } from './support/http';
import { pushAuthorization, registerThirdParty, startClientApp, type ClientApp, type RegisteredClient } from './support/thirdParty';

/**
 * When a system behind the pages is down the customer gets a "try again" page (503 with
 * Retry-After), never a JSON error or a 500, and nothing is granted: here the federation gateway is
 * unreachable and the CIS (the identity provider) can be switched off with its outage knob.
 */
let server: Server;
let base: string;
let cis: RunningSimulator;
let app: ClientApp;
let reg: RegisteredClient;
let who: { username: string; password: string };
const store = new MemoryStore();

beforeAll(async () => {
  const utility = generateUtility({ seed: 'consent-outage', accounts: 40, asOf: '2026-04-30', timezone: 'America/Los_Angeles' });
  cis = await startCisSimulator(utility);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const { config } = loadConfig({ PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: 'silent' });
  const facade = createFacade({
    config, store, log: createLogger('silent'),
    consent: {
      // No gateway listens here.
      graph: createGraphClient({ url: 'http://127.0.0.1:1/graphql', token: config.INTERNAL_API_TOKEN, timeoutMs: 2000 }),
      identity: cisIdentityProvider(cis.url),
      testAccounts: { list: async () => testCustomers(utility).map((t) => ({ username: t.USER_NAME, password: t.PASSWORD, description: t.description })) },
    },
  });
  const root = express();
  root.use(facade.app);
  server = root.listen(port, '127.0.0.1');
  await once(server, 'listening');
  app = await startClientApp();
  reg = await registerThirdParty(base, { scope: 'cds_accounts', client_name: 'Outage Test App', redirectUri: app.callback });
  const t = testCustomers(utility)[0];
  who = { username: t.USER_NAME, password: t.PASSWORD };
});
afterAll(async () => {
  await app?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await cis?.close();
  await store.close();
});

const authorize = () => pushAuthorization(reg, {
  redirect_uri: app.callback, scope: 'cds_accounts', authorization_details: JSON.stringify([{ type: 'cds_accounts', account_numbers: ['_all'] }]),
});

describe('customer pages when a system is down', () => {
  it('shows a try-again page when the graph is unreachable, and grants nothing', async () => {
    const customer = new Customer(base);
    const { requestPath, signedIn } = await customer.signIn((await authorize()).url, who);
    expect(signedIn.status).toBe(303);
    const form = await customer.get(requestPath);
    expect(form.status).toBe(503);
    expect(form.headers.get('content-type')).toContain('text/html');
    expect(form.headers.get('retry-after')).toBe('5');
    expect(form.text).toContain('Please try again in a moment');
    expect(form.text).not.toContain('127.0.0.1:1');
    const grants = await call('GET', `${(reg.as as Record<string, unknown>).cds_grants_api}?client_ids=${reg.app.client_id}`, { bearer: await reg.adminToken() });
    expect(grants.json.grants).toEqual([]);

    // The same page in a browser (screenshot and accessibility check of this page state).
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto((await authorize()).url);
      await signIn(page, who);
      await page.waitForSelector('body.page-unavailable');
      await capture(page, 'unavailable');
    } finally {
      await browser.close();
    }
  });

  it('shows a try-again page when the sign-in service is down, and signs in normally once it is back', async () => {
    await call('POST', `${cis.url}/_sim/knobs`, { json: { outage: 'reset' } });
    try {
      const customer = new Customer(base);
      const { signedIn } = await customer.signIn((await authorize()).url, who);
      expect(signedIn.status).toBe(503);
      expect(signedIn.text).toContain('Please try again in a moment');
    } finally {
      await call('POST', `${cis.url}/_sim/knobs`, { json: { outage: false } });
    }
    const customer = new Customer(base);
    expect((await customer.signIn((await authorize()).url, who)).signedIn.status).toBe(303);
  });
});
