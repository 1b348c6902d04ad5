import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Utility } from '../../legacy/generator/utility';
import { parseExact } from '../../rest-facade/json';
import type { RedisStore } from '../../rest-facade/store';
import { expectValidResponse } from '../openapi/expectValidResponse';
import { recipientKeyPair } from '../jwe/keys';
import { cdsDecrypt } from '../support/cdsDecrypt';
import { api } from './support/api';
import { startSystem, type System } from '../support/system';
import { adminToken, allIncludes, consentToken, directToken, seedClients, type Clients } from './support/tokens';

/**
 * Encrypted responses on the Customer Data APIs (cds-wg3-01 §7.4.6, the overview's scheme): a
 * token whose Grant carries a `jwk` gets every response encrypted to it — pages, errors after
 * authentication, linked files — and the independent decryptor (test/support/cdsDecrypt.ts)
 * recovers exactly the headers and body a token without a key gets; tampering fails, identical
 * requests differ, the cache holds plaintext only, and the Grants API shows the key.
 */

let system: System;
let u: Utility;
let clients: Clients;
const device = recipientKeyPair();
let keyed: string;
let plain: string;
let keyedGrant: string;

beforeAll(async () => {
  system = await startSystem({ seed: 'customer-data-jwe', accounts: 40, redisUrl: inject('redisUrl') });
  u = system.legacy.utility;
  clients = await seedClients(system);
  const entry = allIncludes(system, 'cds_query_accounts');
  const withKey = await directToken(system, clients, 'cds_query_accounts', { ...entry, jwk: device.publicJwk });
  keyed = withKey.access_token;
  keyedGrant = withKey.grant_id;
  plain = (await directToken(system, clients, 'cds_query_accounts', entry)).access_token;
}, 120_000);

afterAll(async () => { await system?.close(); });

async function raw(token: string | null, path: string) {
  const res = await fetch(`${system.url}${api(path)}`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
}

/** The decrypted response: its status, its headers (`Name: value` lines) and its JSON. */
function open(response: Awaited<ReturnType<typeof raw>>) {
  const { headers, body } = cdsDecrypt(device.privateJwk, response);
  return { headers, text: body.toString('utf8') };
}

describe('a token whose Grant carries a jwk', () => {
  it('gets the page encrypted: the decryptor recovers exactly the headers and body of a clear response', async () => {
    const path = 'accounts?limit=5';
    const encrypted = await raw(keyed, path);
    expect(encrypted.status).toBe(200);
    expect(encrypted.headers.get('content-type')).toBe('application/octet-stream');
    expect(encrypted.headers.get('x-request-id')).toBeNull();
    const decrypted = open(encrypted);
    const clear = await fetch(`${system.url}${api(path)}`, { headers: { authorization: `Bearer ${plain}` } });
    const clearText = await clear.text();
    // Same access, same cache entry, same cursor secret: the plaintext is the clear response.
    expect(decrypted.text).toBe(clearText);
    expectValidResponse('GET', api(path), 200, decrypted.text);
    const lines = decrypted.headers.split('\n');
    expect(lines).toContain(`Content-Type: ${clear.headers.get('content-type')}`);
    expect(lines.some((l) => /^X-Request-Id: [\w.:-]+$/.test(l))).toBe(true);
    expect(encrypted.body.length).toBe(Buffer.byteLength(clearText) + 16);
  });

  it('walks every page encrypted, each link leading to the next', async () => {
    const seen: string[] = [];
    let next: string | null = `${system.url}${api('accounts?limit=7')}`;
    while (next) {
      const res = await fetch(next, { headers: { authorization: `Bearer ${keyed}` } });
      const page = parseExact(open({ status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) }).text) as Record<string, unknown>;
      seen.push(...(page.accounts as { cds_account_id: string }[]).map((a) => a.cds_account_id));
      next = page.next as string | null;
    }
    expect(seen.sort()).toEqual(u.cis.accounts.map((a) => a.ACCT_ID).sort());
  });

  it('gives different ciphertexts for identical requests (fresh ephemeral keys and IVs)', async () => {
    const [a, b] = [await raw(keyed, 'accounts?limit=2'), await raw(keyed, 'accounts?limit=2')];
    expect(Buffer.from(a.body).equals(Buffer.from(b.body))).toBe(false);
    expect(a.headers.get('x-cds-body-jwe-protected-header')).not.toBe(b.headers.get('x-cds-body-jwe-protected-header'));
    expect(open(a).text).toBe(open(b).text);
  });

  it('fails to decrypt once a byte of the body, the tag or a header part is changed', async () => {
    const response = await raw(keyed, 'accounts?limit=2');
    for (const at of [0, Math.floor(response.body.length / 2), response.body.length - 1]) {
      const body = Uint8Array.from(response.body);
      body[at] ^= 1;
      expect(() => cdsDecrypt(device.privateJwk, { headers: response.headers, body }), `byte ${at}`).toThrow();
    }
    for (const name of ['x-cds-header-jwe-ciphertext', 'x-cds-body-jwe-initialization-vector', 'x-cds-body-jwe-protected-header']) {
      const headers = new Headers(response.headers);
      const value = headers.get(name)!;
      // A different first character always changes the decoded bytes (unlike the last one's spare bits).
      headers.set(name, (value[0] === 'A' ? 'B' : 'A') + value.slice(1));
      expect(() => cdsDecrypt(device.privateJwk, { headers, body: response.body }), name).toThrow();
    }
  });

  it('gets errors after authentication encrypted too (status and challenge in clear), but not a 401', async () => {
    const denied = await raw(keyed, 'bill-statements?cds_account_ids=1');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    expect(JSON.parse(open(denied).text).error).toBe('insufficient_scope');
    const bad = await raw(keyed, 'accounts?limit=1000');
    expect(bad.status).toBe(400);
    expect(JSON.parse(open(bad).text).error).toBe('invalid_request');
    const unknown = await raw('not-a-token', 'accounts');
    expect(unknown.status).toBe(401);
    expect(JSON.parse(Buffer.from(unknown.body).toString('utf8')).error).toBe('invalid_token');
  });

  it('caches plaintext graph results only, never a response or ciphertext', async () => {
    await raw(keyed, 'accounts?limit=3');
    const prefix = (system.facade.context.store as RedisStore).redis.options.keyPrefix!;
    const reader = new Redis(inject('redisUrl'));
    try {
      const keys = await reader.keys(`${prefix}customer-data:operation:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const value of await reader.mget(keys)) {
        const entry = JSON.parse(value!) as { data: Record<string, unknown> };
        expect(Object.keys(entry)).toEqual(['data']);
        expect(value).not.toMatch(/X-CDS|ECDH-ES/);
      }
    } finally {
      reader.disconnect();
    }
  });

  it('is shown in the Grant\'s authorization details by the Grants API', async () => {
    const token = await adminToken(system, clients);
    const res = await fetch(`${system.url}/cds-api/v1/grants/${keyedGrant}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const grant = await res.json() as { authorization_details: Record<string, unknown>[]; enabled_authorization_details: Record<string, unknown>[] };
    const { kty, crv, x, y } = device.publicJwk;
    expect(grant.authorization_details[0].jwk).toMatchObject({ kty, crv, x, y });
    expect(grant.enabled_authorization_details[0].jwk).toMatchObject({ kty, crv, x, y });
  });

  it('gets linked documents encrypted: a consent Grant\'s statement PDF', async () => {
    const customer = u.cis.customers.find((c) => u.index.accountsByCustomer.get(c.CUST_ID).length > 0)!;
    const account = u.index.accountsByCustomer.get(customer.CUST_ID)[0];
    const { access_token } = await consentToken(system, clients, {
      scope: 'cds_bill_statements', customerId: customer.CUST_ID,
      entry: { include_bill_statement_files: true, statement_date_start: 'infinite', jwk: device.publicJwk },
      selection: { type: 'account_selection', selected: [account.ACCT_ID], include_future: false, offered: [account.ACCT_ID] },
    });
    const page = parseExact(open(await raw(access_token, `bill-statements?cds_account_ids=${account.ACCT_ID}&limit=1`)).text) as { bill_statements: { file_uri: string }[] };
    const file = await fetch(page.bill_statements[0].file_uri, { headers: { authorization: `Bearer ${access_token}` } });
    expect(file.status).toBe(200);
    const decrypted = cdsDecrypt(device.privateJwk, { headers: file.headers, body: new Uint8Array(await file.arrayBuffer()) });
    expect(decrypted.headers).toMatch(/^Content-Type: application\/pdf/m);
    expect(decrypted.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

