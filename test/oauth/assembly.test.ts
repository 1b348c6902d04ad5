import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisStore } from '../../rest-facade/store';
import { makeStore, startFacade, type RunningFacade, type StoreKind } from './support/facade';

describe.each<StoreKind>(['memory', 'redis'])('facade assembly (%s store)', (kind) => {
  let f: RunningFacade;
  beforeAll(async () => {
    f = await startFacade({ store: makeStore(kind, inject('redisUrl')), config: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(async () => {
    await f.close();
    await f.store.close();
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const given = await fetch(`${f.url}/cds-api/v1/nothing`, { headers: { 'X-Request-Id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const forged = await fetch(`${f.url}/cds-api/v1/nothing`, { headers: { 'X-Request-Id': 'a b\tc' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(f.log.text).toContain('"reqId":"abc-123"');
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await fetch(`${f.url}/cds-api/v1/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('rejects malformed JSON with a 400 JSON error, never a 500', async () => {
    for (const body of ['{"a":', '{"a":1,}', 'nope', '"just a string"']) {
      const res = await fetch(`${f.url}/cds-api/v1/anything`, {
        method: 'POST', body, headers: { 'Content-Type': 'application/json' },
      });
      expect(res.status, body).toBe(400);
      const json = await res.json();
      expect(json.error).toBe('invalid_request');
      expect(typeof json.error_description).toBe('string');
    }
  });

  it('parses JSON bodies that come without a Content-Type (cds-wg1-02 §12 examples)', async () => {
    const res = await fetch(`${f.url}/cds-api/v1/anything`, { method: 'POST', body: '{"a":', headers: { 'Content-Type': '' } });
    expect(res.status).toBe(400);
  });

  it('rejects oversized bodies with a 413 JSON error', async () => {
    const res = await fetch(`${f.url}/cds-api/v1/anything`, {
      method: 'POST', body: JSON.stringify({ blob: 'x'.repeat(4096) }), headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('serves Prometheus metrics that count requests by route template', async () => {
    const res = await fetch(`${f.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/cds_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('rate limiting of anonymous requests (cds-wg1-02 §11.3)', () => {
  it('answers 429 with Retry-After once an IP spends its budget, across two facades sharing a store', async () => {
    const store = makeStore('redis', inject('redisUrl'));
    const a = await startFacade({ store, config: { RATE_LIMIT_ANONYMOUS: '3' } });
    const b = await startFacade({ store, config: { RATE_LIMIT_ANONYMOUS: '3' } });
    try {
      const statuses = [];
      for (const f of [a, b, a, b]) statuses.push((await fetch(`${f.url}/cds-api/v1/nothing`)).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      const res = await fetch(`${a.url}/cds-api/v1/nothing`);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ error: 'too_many_requests' });
    } finally {
      await a.close();
      await b.close();
      await store.close();
    }
  });
});

describe('store outage', () => {
  it('answers 503 JSON with Retry-After, not 500, while Redis is unreachable', async () => {
    const store = new RedisStore('redis://127.0.0.1:1', { keyPrefix: 'gone:' });
    const f = await startFacade({ store });
    try {
      const res = await fetch(`${f.url}/cds-api/v1/nothing`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toMatchObject({ error: 'temporarily_unavailable' });
    } finally {
      await f.close();
      await store.close();
    }
  });
});
