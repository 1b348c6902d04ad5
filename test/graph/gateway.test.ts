import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphStack, TOKEN, type GraphStack } from './stack';

// The gateway's own surface: internal-token auth, GraphiQL without any CDN, and legacy failures
// turned into clean GraphQL errors (never a hang, never a 500).

let stack: GraphStack;
beforeAll(async () => {
  stack = await startGraphStack({ accounts: 40, legacyTimeoutMs: 1500 });
});
afterAll(() => stack?.close());

const post = (headers: Record<string, string>, body: unknown = { query: '{ __typename }' }) =>
  fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('gateway authentication', () => {
  it('refuses a request without a token with a 401 JSON error', async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ error: 'unauthorized', error_description: expect.any(String) });
  });

  it('refuses a wrong or malformed token', async () => {
    for (const authorization of [`Bearer ${TOKEN}x`, `Basic ${Buffer.from(`a:${TOKEN}`).toString('base64')}`, 'Bearer', TOKEN]) {
      const res = await post({ authorization });
      expect(res.status, authorization).toBe(401);
      expect((await res.json()).error).toMatch(/invalid_token|unauthorized/);
    }
  });

  it('refuses GET queries without the token too', async () => {
    const res = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(401);
  });

  it('answers with the token', async () => {
    const res = await post({ authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves GraphiQL with every asset inline (no CDN on machines without internet)', async () => {
    const res = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('YogaGraphiQL');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/i);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
  });
});

describe('legacy failures', () => {
  const ACCOUNTS = '{ accounts(first: 2) { nodes { id } } }';

  async function failing(knobs: Record<string, unknown>) {
    Object.assign(stack.legacy.cis.knobs, knobs);
    try {
      const res = await post({ authorization: `Bearer ${TOKEN}` }, { query: ACCOUNTS });
      expect(res.status).toBe(200);
      return await res.json();
    } finally {
      Object.assign(stack.legacy.cis.knobs, { outage: false, errorRate: 0, latencyMs: 0 });
    }
  }

  it('an outage (connection reset) is LEGACY_UNAVAILABLE naming the system', async () => {
    const body = await failing({ outage: 'reset' });
    expect(body.data?.accounts ?? null).toBeNull();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'LEGACY_UNAVAILABLE', system: 'CIS' } });
  });

  it('a system that never answers is LEGACY_TIMEOUT after the timeout, not a hang', async () => {
    const body = await failing({ outage: 'hang' });
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'LEGACY_TIMEOUT', system: 'CIS' } });
  });

  it('a 5xx answer is LEGACY_ERROR with the status', async () => {
    const body = await failing({ errorRate: 1 });
    expect(body.errors[0].extensions).toMatchObject({ code: 'LEGACY_ERROR', system: 'CIS' });
    expect([500, 503]).toContain(body.errors[0].extensions.status);
  });

  it('recovers once the system is back', async () => {
    const res = await post({ authorization: `Bearer ${TOKEN}` }, { query: ACCOUNTS });
    expect((await res.json()).data.accounts.nodes).toHaveLength(2);
  });

  it('bad input is a GraphQL validation error, not a legacy call', async () => {
    stack.resetCalls();
    const body = await (await post({ authorization: `Bearer ${TOKEN}` }, { query: '{ accounts(first: 500) { nodes { id } } }' })).json();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const bad = await (await post({ authorization: `Bearer ${TOKEN}` }, { query: '{ accounts(after: "forged") { nodes { id } } }' })).json();
    expect(bad.errors[0]).toMatchObject({ message: 'invalid cursor', extensions: { code: 'BAD_USER_INPUT' } });
    expect(stack.calls()).toEqual({});
  });

  it('refuses malformed listing input with BAD_USER_INPUT and no legacy call', async () => {
    stack.resetCalls();
    const cases = [
      ['{ usageSegments(filter: { meterDeviceIds: ["M1"], windowStart: "yesterday" }) { nodes { id } } }', /DateTime|date-time/],
      ['{ billStatements(filter: { before: "2026-02-30" }) { nodes { id } } }', /full-date/],
      ['{ billStatements(filter: { after: "2026-01-01" }) { nodes { id } } }', /needs at least one/],
      ['{ usageSegments(filter: { meterDeviceIds: ["M1"] }, first: 2, last: 2) { nodes { id } } }', /either first\/after/],
      ['{ accounts(last: 5) { nodes { id } } }', /last needs before/],
    ] as const;
    for (const [query, message] of cases) {
      const body = await (await post({ authorization: `Bearer ${TOKEN}` }, { query })).json();
      expect(body.errors?.[0]?.message, query).toMatch(message);
      expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(body.errors[0].extensions.code);
    }
    const many = Array.from({ length: 1001 }, (_, i) => `M${i}`);
    const body = await stack.query('query($ids: [ID!]!) { usageSegments(filter: { meterDeviceIds: $ids }) { nodes { id } } }', { ids: many });
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(stack.calls()).toEqual({});
  });
});
