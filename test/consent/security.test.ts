import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Customer } from './support/customer';
import { call, hiddenValue } from './support/http';
import { startSystem, type System } from './support/system';
import { grantOf, pushAuthorization, registerThirdParty, startClientApp, type ClientApp, type RegisteredClient } from './support/thirdParty';

/**
 * The customer pages at the HTTP level, as an attacker would poke them: CSRF tokens on every POST,
 * failed-login throttling, logout, escaping of client-supplied text, and bad input answered
 * with 4xx pages (never a 500), each leaving the state as it was.
 */

const EVIL_NAME = '<img src=x onerror=alert(1)> Evil "Co" & <b>Sons</b>';

let sys: System;
let app: ClientApp;
let reg: RegisteredClient;
let who: { username: string; password: string };

beforeAll(async () => {
  sys = await startSystem({ redisUrl: inject('redisUrl') });
  app = await startClientApp();
  reg = await registerThirdParty(sys.url, { scope: 'cds_accounts', client_name: EVIL_NAME, redirectUri: app.callback });
  const accounts = (await call('GET', `${sys.url}/test-accounts`, { headers: { accept: 'application/json' } })).json;
  who = accounts.find((a: { username: string }) => a.username === 'demo.multi');
});
afterAll(async () => {
  await app?.close();
  await sys?.close();
});

/** Starts an authorization and signs in; returns the form page and its request id. */
async function signedIn(customer = new Customer(sys.url)) {
  const auth = await pushAuthorization(reg, {
    redirect_uri: app.callback, scope: 'cds_accounts', authorization_details: JSON.stringify([{ type: 'cds_accounts', account_numbers: ['_all'] }]),
  });
  const { requestPath, signedIn: signIn } = await customer.signIn(auth.url, who);
  expect(signIn.status).toBe(303);
  const form = await customer.get(requestPath);
  expect(form.status).toBe(200);
  return { customer, auth, requestPath, form, csrf: hiddenValue(form.text, 'csrf_token')! };
}

describe('customer pages over HTTP', () => {
  it('escapes client-supplied text everywhere it appears', async () => {
    const { form } = await signedIn();
    expect(form.text).not.toContain('<img src=x');
    expect(form.text).not.toContain('<b>Sons</b>');
    expect(form.text).toContain('&lt;img src=x onerror=alert(1)&gt; Evil &quot;Co&quot; &amp; &lt;b&gt;Sons&lt;/b&gt;');
    expect(form.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(form.headers.get('x-frame-options')).toBe('DENY');
    expect(form.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses POSTs without the session\'s CSRF token and changes nothing', async () => {
    const { customer, requestPath, csrf, auth } = await signedIn();
    for (const token of [undefined, '', 'forged', `${csrf}x`]) {
      const reply = await customer.post(requestPath, { ...(token === undefined ? {} : { csrf_token: token }), action: 'approve', 'select:s0': 'x' });
      expect(reply.status).toBe(403);
      expect(reply.text).toContain('This page has expired');
    }
    // From another browser (no session at all) the token does not help either.
    const stranger = new Customer(sys.url);
    expect((await stranger.post(requestPath, { csrf_token: csrf, action: 'decline' })).status).toBe(403);
    // The request is still pending and the real customer can still answer it.
    const decline = await customer.post(requestPath, { csrf_token: csrf, action: 'decline' });
    expect(decline.status).toBe(303);
    const back = new URL(decline.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(auth.state);
  });

  it('answers a repeated decision with the first one (no duplicate Grants)', async () => {
    const { customer, requestPath, csrf, form } = await signedIn();
    const ids = [...form.text.matchAll(/name="select:s0" value="([^"]+)"/g)].map((m) => m[1]);
    const approve = { csrf_token: csrf, action: 'approve', 'select:s0': ids };
    const [a, b] = await Promise.all([customer.post(requestPath, approve), customer.post(requestPath, approve)]);
    const locations = [a, b].filter((r) => r.status === 303).map((r) => r.headers.get('location'));
    expect(locations.length).toBeGreaterThanOrEqual(1);
    expect(new Set(locations).size).toBe(1);
    for (const r of [a, b]) expect([303, 409]).toContain(r.status);
    const again = await customer.post(requestPath, approve);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(locations[0]);
    const code = new URL(locations[0]!).searchParams.get('code');
    expect(code).toBeTruthy();
  });

  it('rejects malformed forms with a 400 page, not a 500', async () => {
    const { customer, requestPath, csrf } = await signedIn();
    const forms: Record<string, string>[] = [
      { csrf_token: csrf, action: 'grant_everything' },
      { csrf_token: csrf, action: 'approve', 'select:../../x': 'a' },
      { csrf_token: csrf, action: 'approve', 'select:s0': 'x'.repeat(500) },
    ];
    for (const form of forms) {
      const reply = await customer.post(requestPath, form);
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toContain('text/html');
    }
    // Ids the form never offered are refused inline, not granted.
    const forged = await customer.post(requestPath, { csrf_token: csrf, action: 'approve', 'select:s0': 'someone-elses-account' });
    expect(forged.status).toBe(422);
  });

  it('throttles failed sign-ins per username and never says which part was wrong', async () => {
    const customer = new Customer(sys.url);
    const page = await customer.get('/consent/login?return=/consent/authorizations');
    const csrf = hiddenValue(page.text, 'csrf_token')!;
    const attempt = (password: string) => customer.post('/consent/login', {
      csrf_token: csrf, return: '/consent/authorizations', username: 'demo.no-such-customer', password, action: 'login',
    });
    for (let i = 0; i < 5; i++) {
      // One of them longer than the customer directory keeps a password: still just a wrong password.
      const reply = await attempt(i === 2 ? '%'.repeat(600) : `wrong-${i}`);
      expect(reply.status).toBe(401);
      expect(reply.text).toContain('The username or password is not correct.');
    }
    const locked = await attempt('wrong-again');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.text).toContain('Too many unsuccessful sign-in attempts');
    expect(locked.text).not.toContain('wrong-again');
  });

  it('logs out at once: the old session cookie no longer signs anyone in', async () => {
    const { customer, requestPath, csrf } = await signedIn();
    const old = customer.cookie;
    expect((await customer.post('/consent/logout', { csrf_token: 'forged' })).status).toBe(403);
    expect((await customer.get(requestPath)).status).toBe(200);
    expect((await customer.post('/consent/logout', { csrf_token: csrf })).status).toBe(200);
    const replay = await call('GET', `${sys.url}${requestPath}`, { cookie: old });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toMatch(/^\/consent\/login\?request=/);
  });

  it('keeps receipts unguessable and revocation CSRF-protected', async () => {
    const { customer, requestPath, csrf, form } = await signedIn();
    const ids = [...form.text.matchAll(/name="select:s0" value="([^"]+)"/g)].map((m) => m[1]);
    const approved = await customer.post(requestPath, { csrf_token: csrf, action: 'approve', 'select:s0': ids });
    expect(approved.status).toBe(303);
    const list = await customer.get('/consent/authorizations');
    const receiptPath = /href="(\/receipts\/[0-9a-f]{32})"/.exec(list.text)![1];
    const confirmation = />([0-9A-Z]{5}-[0-9A-Z]{5})</.exec(list.text)![1];
    expect((await call('GET', `${sys.url}/receipts/${confirmation}`)).status).toBe(404);
    expect((await call('GET', `${sys.url}/receipts/${'0'.repeat(32)}`)).status).toBe(404);

    const visitor = new Customer(sys.url);
    await visitor.get(`${receiptPath}/revoke`);
    expect((await visitor.post(`${receiptPath}/revoke`, { csrf_token: 'forged', action: 'revoke' })).status).toBe(403);
    const grants = (await call('GET', `${(reg.as as Record<string, unknown>).cds_grants_api}?receipt_confirmations=${confirmation}`, { bearer: await reg.adminToken() })).json.grants;
    expect(grants).toHaveLength(1);
    expect((await grantOf(reg, grants[0].grant_id)).status).toBe('active');
  });

  it('serves its assets itself and answers unknown assets with a JSON 404', async () => {
    const css = await call('GET', `${sys.url}/consent/assets/consent.css`);
    expect(css.status).toBe(200);
    expect(css.text).toContain('white-space: pre-wrap');
    expect(css.text).not.toMatch(/https?:\/\//);
    const missing = await call('GET', `${sys.url}/consent/assets/nope.js`);
    expect(missing.status).toBe(404);
  });
});
