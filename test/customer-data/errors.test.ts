import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Utility } from '../../legacy/generator/utility';
import { get } from './support/api';
import { startSystem, type System } from '../support/system';
import { adminToken, allIncludes, directToken, seedClients, type Clients } from './support/tokens';

/**
 * Every refusal is a JSON error the published document describes, never a 500 or a hang:
 * missing, invalid, revoked tokens and Grants (401), a token without the API's scope (403), bad
 * parameters and cursors (400), a legacy system down or failing (503/502).
 */

let system: System;
let u: Utility;
let clients: Clients;
let token: string;

beforeAll(async () => {
  system = await startSystem({ seed: 'customer-data-errors', accounts: 40 });
  u = system.legacy.utility;
  clients = await seedClients(system);
  token = (await directToken(system, clients, 'cds_query_accounts', allIncludes(system, 'cds_query_accounts'))).access_token;
}, 120_000);

afterAll(async () => { await system?.close(); });

afterEach(() => {
  for (const s of system.simulators) Object.assign(s.knobs, { outage: false, errorRate: 0, latencyMs: 0 });
});

const error = (body: Record<string, unknown>) => [body.error, typeof body.error_description];

describe('authentication and scope', () => {
  it('401 without a token, with a malformed or unknown one, with a challenge and no data', async () => {
    const none = await get(system, null, 'accounts');
    expect([none.status, none.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="cds"']);
    for (const bad of ['not-a-jwt', 'eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJl']) {
      const answer = await get(system, bad, 'accounts');
      expect([answer.status, ...error(answer.body)]).toEqual([401, 'invalid_token', 'string']);
      expect(answer.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    }
  });

  it('401 as soon as the token is revoked, or its Grant is closed', async () => {
    const revoked = await directToken(system, clients, 'cds_query_accounts', {});
    expect((await get(system, revoked.access_token, 'accounts?limit=1')).status).toBe(200);
    const res = await fetch(`${system.url}/oauth/token/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clients.direct.client_id}:${clients.direct.secret}`).toString('base64')}` },
      body: new URLSearchParams({ token: revoked.access_token }),
    });
    expect(res.status).toBe(200);
    expect((await get(system, revoked.access_token, 'accounts?limit=1')).status).toBe(401);

    const other = await directToken(system, clients, 'cds_query_accounts', { include_account_details: true });
    const admin = await adminToken(system, clients);
    const patch = await fetch(`${system.url}/cds-api/v1/grants/${other.grant_id}`, {
      method: 'PATCH', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'closed' }),
    });
    expect(patch.status).toBe(200);
    const after = await get(system, other.access_token, 'accounts?limit=1');
    expect([after.status, after.body.error]).toEqual([401, 'invalid_token']);
  });

  it('403 insufficient_scope for an API the Grant does not reach', async () => {
    for (const path of ['usage-segments?cds_meterdevice_ids=M1', 'bill-statements?cds_account_ids=1', 'eacs']) {
      const answer = await get(system, token, path);
      expect([answer.status, ...error(answer.body)], path).toEqual([403, 'insufficient_scope', 'string']);
      expect(answer.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
    }
  });
});

describe('bad requests', () => {
  it.each([
    ['accounts?account_statuses=open', /account_statuses/],
    ['accounts?page=2', /unknown parameter page/],
    ['accounts?account_numbers=1&account_numbers=2', /account_numbers must be given once/],
    ['accounts?account_numbers=', /lists no values/],
    ['accounts?limit=0', /limit/],
    ['accounts?limit=101', /limit/],
    ['accounts?cursor=abc', /invalid cursor/],
    ['accounts?q=' + 'x'.repeat(300), /q/],
    ['service-contracts?service_types=gas', /service_types/],
    ['aggregations?aggregation_types=huge', /aggregation_types/],
  ])('%s → 400', async (path, why) => {
    const answer = await get(system, token, path);
    expect([answer.status, answer.body.error]).toEqual([400, 'invalid_request']);
    expect(answer.body.error_description).toMatch(why);
  });

  it('400 for dates that are not RFC 3339 and listings too broad for the billing system', async () => {
    const bills = (await directToken(system, clients, 'cds_query_bill_statements', { statement_date_start: 'infinite' })).access_token;
    for (const path of ['bill-statements?before=yesterday', 'bill-statements?after=2026-13-01', 'bill-statements']) {
      const answer = await get(system, bills, path);
      expect([answer.status, answer.body.error], path).toEqual([400, 'invalid_request']);
    }
  });

  it('never answers a 500, whatever the parameter values', async () => {
    const names = ['cds_account_ids', 'account_numbers', 'customer_numbers', 'account_statuses', 'q', 'limit', 'cursor'];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...names), fc.string({ maxLength: 60 }), async (name, value) => {
      const answer = await get(system, token, `accounts?${new URLSearchParams({ [name]: value })}`);
      expect([200, 400]).toContain(answer.status);
    }), { numRuns: 60 });
  });
});

describe('a legacy system down', () => {
  it('answers 503 temporarily_unavailable with Retry-After when the CIS refuses connections', async () => {
    Object.assign(system.legacy.cis!.knobs, { outage: 'reset' });
    const answer = await get(system, token, 'accounts?account_numbers=NEVER-CACHED-1');
    expect([answer.status, answer.body.error]).toEqual([503, 'temporarily_unavailable']);
    expect(answer.headers.get('retry-after')).toBeTruthy();
  });

  it('answers 502/503 JSON when the CIS fails every call, and recovers once it is back', async () => {
    Object.assign(system.legacy.cis!.knobs, { errorRate: 1 });
    const failing = await get(system, token, 'accounts?account_numbers=NEVER-CACHED-2');
    expect([502, 503]).toContain(failing.status);
    expect(typeof failing.body.error).toBe('string');
    Object.assign(system.legacy.cis!.knobs, { errorRate: 0 });
    expect((await get(system, token, `accounts?account_numbers=${u.cis.accounts[0].ACCT_NO}`)).status).toBe(200);
  });

  it('still answers pages it has in its cache', async () => {
    const path = 'accounts?limit=4&account_statuses=active';
    const before = await get(system, token, path);
    Object.assign(system.legacy.cis!.knobs, { outage: 'reset' });
    const during = await get(system, token, path);
    expect([during.status, during.text]).toEqual([200, before.text]);
  });
});
