import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCustomers } from '../../legacy/generator';
import { Customer } from '../consent/support/customer';
import { hiddenValue } from '../consent/support/http';
import { pushAuthorization, registerThirdParty, startClientApp, type ClientApp, type RegisteredClient } from '../consent/support/thirdParty';
import { startRedis, type RedisServer } from '../support/redis';
import { startSystem, type System } from '../support/system';
import { exchange, expectHandled } from './support/expectations';
import { formBody, send, type RawRequest, type RawResponse } from './support/http';
import { MARKUP, RAW_BODIES, TRAVERSAL, hostileString } from './support/hostile';
import { encode } from './support/operations';
import { changedKeys, snapshot, type Snapshot } from './support/state';
import { RUNS } from './support/runs';

/**
 * The HTML pages (sign-in, the Authorization Form, receipts, the default redirect, test accounts,
 * developer docs and registration) fed garbage by an anonymous visitor and by a signed-in
 * customer: never a 5xx or a hang, garbage forms get a 4xx page (or the form again), anything
 * echoed is escaped, and nothing is granted, revoked or registered by a refused form.
 * FUZZ_RUNS raises the number of generated cases, FUZZ_SEED picks them (support/runs.ts).
 */

const PAGE = /text\/html/;

let redis: RedisServer;
let system: System;
let app: ClientApp;
let reg: RegisteredClient;
let who: { username: string; password: string };

beforeAll(async () => {
  redis = await startRedis();
  system = await startSystem({ seed: 'fuzz-pages', accounts: 40, redisUrl: redis.url });
  app = await startClientApp();
  reg = await registerThirdParty(system.url, { scope: 'cds_accounts', client_name: 'Fuzzed <fz9> App', redirectUri: app.callback });
  const t = testCustomers(system.utility)[0];
  who = { username: t.USER_NAME, password: t.PASSWORD };
});
afterAll(async () => {
  await app?.close();
  await system?.close();
  await redis?.stop();
});

const authorize = () => pushAuthorization(reg, {
  redirect_uri: app.callback, scope: 'cds_accounts', authorization_details: JSON.stringify([{ type: 'cds_accounts', account_numbers: ['_all'] }]),
});

/** Keys a page may touch for any visitor: the session it keeps, the sign-in throttle. */
const BOOKKEEPING = /^(consent:session:|throttle:|consent:login)/;

/** Store keys that changed other than bookkeeping: what a refused form must never leave behind. */
const changedState = (before: Snapshot, after: Snapshot) => changedKeys(before, after).filter((k) => !BOOKKEEPING.test(k));

async function page(req: RawRequest): Promise<RawResponse> {
  const res = await send(system.url, req);
  expectHandled(req, res);
  return res;
}

const hostile = hostileString(MARKUP);
const segment = fc.oneof(hostile.map(encode), fc.constantFrom(...TRAVERSAL, '%', '%zz', '%C0%AF', '%ED%A0%80')).filter((s) => s !== '');

describe('anonymous visitors', () => {
  const GETS = [
    (_s: string, q: string) => `/consent/login?request=${q}&return=${q}`,
    (s: string) => `/authorize/${s}`,
    (s: string) => `/receipts/${s}`,
    (s: string) => `/receipts/${s}/revoke`,
    (_s: string, q: string) => `/consent/authorizations?return=${q}`,
    (_s: string, q: string) => `/oauth/default-redirect?error=${q}&error_description=${q}&state=${q}`,
    (_s: string, q: string) => `/oauth/default-redirect?grant_id=${q}`,
    (_s: string, q: string) => `/test-accounts?${q}=${q}`,
    (s: string) => `/docs/${s}`,
    (_s: string, q: string) => `/developers/register?client_name=${q}`,
    (s: string) => `/consent/assets/${s}`,
  ];

  it.each(GETS.map((make, i) => [make('{seg}', '{q}'), i] as const))('GET %s', async (_name, i) => {
    await fc.assert(fc.asyncProperty(segment, hostile.map(encode), async (s, q) => {
      await page({ method: 'GET', path: GETS[i](s, q) });
    }), { numRuns: RUNS * 2 });
  });

  const POSTS = ['/consent/login', '/consent/logout', '/authorize/not-a-request', '/receipts/00000000000000000000000000000000/revoke'];
  const form = fc.dictionary(fc.oneof(fc.constantFrom('csrf_token', 'request', 'username', 'password', 'action', 'return', 'scope', 'client_name', 'contacts', 'select:s0'), hostile), fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })), { maxKeys: 6 });

  it.each(POSTS)('POST %s with garbage changes nothing', async (path) => {
    await fc.assert(fc.asyncProperty(fc.oneof(form.map((f) => formBody(f as Record<string, string | string[]>)), fc.constantFrom(...RAW_BODIES)), async (body) => {
      const before = await snapshot(system.store);
      const res = await page({ method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      const req = { method: 'POST', path, body };
      expect(res.status, exchange(req, res)).toBeGreaterThanOrEqual(400);
      expect(changedState(before, await snapshot(system.store)), exchange(req, res)).toEqual([]);
    }), { numRuns: RUNS * 2 });
  });

  it('POST /developers/register with garbage registers (open registration, unknown fields ignored) or shows the form with the problem', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(form.map((f) => formBody(f as Record<string, string | string[]>)), fc.constantFrom(...RAW_BODIES)), async (body) => {
      const req = { method: 'POST', path: '/developers/register', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
      const before = await snapshot(system.store);
      const res = await page(req);
      expect([201, 400, 413], exchange(req, res)).toContain(res.status);
      if (res.status !== 201) expect(changedState(before, await snapshot(system.store)), exchange(req, res)).toEqual([]);
    }), { numRuns: RUNS * 2 });
  });
});

describe('a signed-in customer with garbage', () => {
  let customer: Customer;
  let requestPath: string;
  let csrf: string;

  beforeAll(async () => {
    customer = new Customer(system.url);
    ({ requestPath } = await customer.signIn((await authorize()).url, who));
    const formPage = await customer.get(requestPath);
    expect(formPage.status).toBe(200);
    csrf = hiddenValue(formPage.text, 'csrf_token')!;
    expect(csrf).toBeTruthy();
  });

  const post = async (path: string, fields: Record<string, string | string[]>) => {
    const body = formBody(fields);
    const req: RawRequest = {
      method: 'POST', path, body, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: customer.cookie! },
    };
    return { req, res: await page(req) };
  };

  it('posting garbage to the Authorization Form answers the form again or a 4xx page, and grants nothing', async () => {
    const action = fc.oneof(
      fc.constantFrom('approve', 'refresh', 'search:s0', 'select_all:s0', 'deselect_all:s0', 'toggle_hidden:s0', 'remove:s0', 'restore:s0', 'search:s999', 'approve:s0'),
      hostile,
    );
    const field = fc.oneof(
      fc.constantFrom('select:s0', 'search:s0', 'future:s0', 'removed:s0', 'hide:s0', 'select:s1000', 'select:x', 'bogus:s0', 'select:s0:s1'),
      hostile,
    );
    const fields = fc.dictionary(field, fc.oneof(hostile, fc.array(hostile, { maxLength: 4 })), { maxKeys: 5 });
    await fc.assert(fc.asyncProperty(action, fields, async (a, f) => {
      const before = await snapshot(system.store);
      const { req, res } = await post(requestPath, { ...(f as Record<string, string | string[]>), csrf_token: csrf, action: a });
      expect([200, 400, 403, 422], exchange(req, res)).toContain(res.status);
      expect(res.headers['content-type'], exchange(req, res)).toMatch(PAGE);
      expect(changedState(before, await snapshot(system.store)), exchange(req, res)).toEqual([]);
    }), { numRuns: RUNS * 4 });
    // The request is still open and the form still renders.
    expect((await customer.get(requestPath)).status).toBe(200);
  });

  it('a search echoes what was typed, escaped', async () => {
    for (const typed of MARKUP) {
      const { req, res } = await post(requestPath, { csrf_token: csrf, action: 'search:s0', 'search:s0': typed });
      expect(res.status, exchange(req, res)).toBe(200);
      // It is on the page (so the escaping check above means something), as text.
      expect(res.text, exchange(req, res)).toMatch(/&lt;fz\d/);
    }
  });

  it('signing in with garbage answers the sign-in page with an error, escaped', async () => {
    const login = await customer.get(`/consent/login?request=${requestPath.split('/').pop()}`);
    const loginCsrf = hiddenValue(login.text, 'csrf_token') ?? csrf;
    await fc.assert(fc.asyncProperty(hostile, hostile, async (username, password) => {
      const { req, res } = await post('/consent/login', {
        csrf_token: loginCsrf, request: requestPath.split('/').pop()!, username, password, action: 'login',
      });
      expect([400, 401, 403, 429], exchange(req, res)).toContain(res.status);
    }), { numRuns: RUNS * 2 });
  });
});
