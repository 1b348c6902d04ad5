import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api } from '../customer-data/support/api';
import { allIncludes, directToken, seedClients } from '../customer-data/support/tokens';
import { cdsDecrypt } from '../support/cdsDecrypt';
import { startSystem, type System } from '../support/system';
import { recipientKeyPair } from './keys';

/**
 * The Client rate limit (cds-wg1-02 §11.3) answers 429 after the token is validated, so to a
 * token whose Grant has a `jwk` that 429 is encrypted like every other response to it
 * (cds-wg3-01 §7.4.6, docs/spec-decisions.md), with `Retry-After` in clear; to a token without a
 * key it is plain JSON.
 */

const LIMIT = 4;
let system: System;
const device = recipientKeyPair();
let keyed: string;
let plain: string;

beforeAll(async () => {
  system = await startSystem({ seed: 'jwe-rate-limited', accounts: 40, redisUrl: inject('redisUrl'), env: { RATE_LIMIT_CLIENT: String(LIMIT) } });
  const clients = await seedClients(system);
  const entry = allIncludes(system, 'cds_query_accounts');
  keyed = (await directToken(system, clients, 'cds_query_accounts', { ...entry, jwk: device.publicJwk })).access_token;
  plain = (await directToken(system, clients, 'cds_query_accounts', entry)).access_token;
}, 120_000);

afterAll(async () => { await system?.close(); });

/** Requests with `token` until the Client's limit answers (a few past the limit at most). */
async function untilLimited(token: string) {
  for (let i = 0; i < 3 * LIMIT; i++) {
    const res = await fetch(`${system.url}${api('accounts?limit=1')}`, { headers: { authorization: `Bearer ${token}` } });
    const body = new Uint8Array(await res.arrayBuffer());
    if (res.status === 429) return { headers: res.headers, body };
    expect(res.status).toBe(200);
  }
  throw new Error('the Client limit never answered');
}

describe('a 429 from the Client rate limit', () => {
  it('is encrypted to the Grant\'s key, Retry-After in clear', async () => {
    const limited = await untilLimited(keyed);
    expect(limited.headers.get('content-type')).toBe('application/octet-stream');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-cds-header-jwe-protected-header')).not.toBeNull();
    const { headers, body } = cdsDecrypt(device.privateJwk, limited);
    expect(headers.split('\n')).toContain('Content-Type: application/json; charset=utf-8');
    expect(headers).not.toMatch(/^Retry-After:/mi);
    expect(JSON.parse(body.toString('utf8'))).toEqual({ error: 'too_many_requests', error_description: expect.stringContaining('rate limit') });
  });

  it('is plain JSON to a token without a key (same Client, same limit)', async () => {
    const limited = await untilLimited(plain);
    expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
    expect(limited.headers.get('retry-after')).not.toBeNull();
    expect(JSON.parse(Buffer.from(limited.body).toString('utf8'))).toMatchObject({ error: 'too_many_requests' });
  });
});
