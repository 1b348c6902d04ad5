import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange } from '../fuzz/support/expectations';
import { basic, bearer, formBody, send, type RawRequest, type RawResponse } from '../fuzz/support/http';
import { snapshot } from '../fuzz/support/state';
import { buildWorld, type World } from '../fuzz/support/world';
import { startRedis, type RedisServer } from '../support/redis';
import { startSystem, type System } from '../support/system';
import { callApi, customerDataCalls, type ApiCall } from './support/customerData';
import { internalQuery, PROBES } from './support/graph';

/**
 * Redis killed (SIGKILL) under the running system, then started again on the same port and data
 * directory (append-only, fsync always: what it acknowledged survives). While it is gone every
 * request that needs state answers 503 JSON (a 503 page on the customer pages), none hangs, the
 * process and its pending-Grant worker keep running, and the internal graph (which keeps no state)
 * still answers. Once it is back the same processes serve again without a restart: tokens issued
 * before still work, and a registration cut off by the crash is there whole or not at all.
 */

let dir: string;
let redis: RedisServer;
let system: System;
let world: World;
let accounts: ApiCall;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cds-faults-redis-'));
  redis = await startRedis({ dir, durable: true });
  // The worker runs on its timer as in a deployment: it must live through the outage too.
  system = await startSystem({ seed: 'faults-redis', accounts: 40, redisUrl: redis.url, workerIntervalMs: 100 });
  world = await buildWorld(system, () => {});
  accounts = (await customerDataCalls(system)).accounts;
});
afterAll(async () => {
  await system?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };
const registration = (name: string): RawRequest => ({
  method: 'POST', path: '/oauth/register', headers: json, body: JSON.stringify({ scope: 'cds_client_admin cds_accounts', client_name: name }),
});
const call = (req: RawRequest) => send(system.url, req).then((res) => ({ req, res }));

function expectStoreOutage({ req, res }: { req: RawRequest; res: RawResponse }) {
  const what = exchange(req, res);
  expect(res.status, what).toBe(503);
  expect(res.headers['retry-after'], what).toBeTruthy();
  if (/json/.test(res.headers['content-type'] ?? '')) {
    expect((res.json as { error?: string }).error, what).toBe('temporarily_unavailable');
  } else {
    expect(res.headers['content-type'], what).toMatch(/text\/html/);
    expect(res.text, what).toContain('Please try again in a moment');
  }
}

/** Registrations as the store holds them, each checked whole: its admin Client and that Client's Credential are there. */
async function registrationsAreWhole(): Promise<number> {
  const { values } = await snapshot(system.store);
  const records = (prefix: string) => [...values].filter(([k]) => new RegExp(`^wg1:${prefix}:[^:]+$`).test(k)).map(([, v]) => JSON.parse(v));
  const registrations = records('registration');
  const clients = new Map(records('client').map((c) => [c.client_id, c]));
  const credentials = records('credential');
  for (const r of registrations) {
    expect(clients.get(r.admin_client_id)?.registration_id, `registration ${r.registration_id} without its admin Client`).toBe(r.registration_id);
    expect(credentials.some((c) => c.client_id === r.admin_client_id), `admin Client ${r.admin_client_id} without a Credential`).toBe(true);
  }
  for (const c of clients.values()) expect(registrations.some((r) => r.registration_id === c.registration_id), `Client ${c.client_id} of no registration`).toBe(true);
  return registrations.length;
}

describe('Redis killed and started again', () => {
  const cutOff: { name: string; status: number; clientId?: string; secret?: string }[] = [];

  it('answers every request with 503 (JSON, or a page for customers) while it is gone, never a hang or a 500', async () => {
    expect((await callApi(system, accounts)).res.status).toBe(200);
    // Registrations racing the crash: each is answered, 201 or 503.
    const racing = Array.from({ length: 12 }, (_, i) => call(registration(`Racing ${i}`)));
    await redis.kill();
    for (const [i, { req, res }] of (await Promise.all(racing)).entries()) {
      expect([201, 503], exchange(req, res)).toContain(res.status);
      const body = res.json as { client_id?: string; client_secret?: string };
      cutOff.push({ name: `Racing ${i}`, status: res.status, clientId: body.client_id, secret: body.client_secret });
    }

    const requests: RawRequest[] = [
      { method: 'GET', path: '/cds-api/v1/clients', headers: bearer(world.a.adminToken) },
      { method: 'GET', path: `/cds-api/v1/grants/${world.a.filesGrantId}`, headers: bearer(world.a.adminToken) },
      { method: 'POST', path: '/cds-api/v1/messages', headers: { ...bearer(world.a.adminToken), ...json }, body: JSON.stringify({ type: 'support_request', name: 'Q', description: 'during the outage' }) },
      { method: 'POST', path: '/oauth/token', headers: { ...basic(world.a.admin.id, world.a.admin.secret), 'content-type': 'application/x-www-form-urlencoded' }, body: formBody({ grant_type: 'client_credentials', scope: 'cds_client_admin' }) },
      { method: 'POST', path: '/oauth/token/info', headers: { ...basic(world.a.admin.id, world.a.admin.secret), 'content-type': 'application/x-www-form-urlencoded' }, body: formBody({ token: world.a.adminToken }) },
      registration('During the outage'),
      { method: 'GET', path: '/admin/registrations', headers: bearer(system.adminApiToken) },
      { method: 'GET', path: '/.well-known/oauth-authorization-server' },
      { method: 'GET', path: '/consent/login?request=x' },
      { method: 'GET', path: '/healthz' },
    ];
    for (const req of requests) {
      const answer = await call(req);
      if (req.path === '/healthz') expect([answer.res.status, (answer.res.json as { status: string }).status]).toEqual([503, 'degraded']);
      else expectStoreOutage(answer);
    }
    const data = await callApi(system, accounts);
    expectStoreOutage(data);

    // The internal graph keeps no state: it still answers.
    const graph = await internalQuery(system, PROBES.accounts);
    expect(graph.status).toBe(200);
    expect((graph.data as { accounts: { nodes: unknown[] } }).accounts.nodes).toHaveLength(1);
  });

  it('serves again, without a restart, once Redis is back on its port', async () => {
    redis = await startRedis({ dir, durable: true, port: redis.port });
    let healthy = false;
    for (let attempt = 0; attempt < 100 && !healthy; attempt++) {
      healthy = (await send(system.url, { method: 'GET', path: '/healthz' })).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy).toBe(true);
    // Issued before the crash, still good.
    expect((await call({ method: 'GET', path: '/cds-api/v1/clients', headers: bearer(world.a.adminToken) })).res.status).toBe(200);
    expect((await callApi(system, accounts)).res.status).toBe(200);
    expect((await call(registration('After the outage'))).res.status).toBe(201);
  });

  it('left no half-done registration: each racing one is whole (its secret works) or absent', async () => {
    await registrationsAreWhole();
    const listed = JSON.stringify((await call({ method: 'GET', path: '/admin/registrations', headers: bearer(system.adminApiToken) })).res.json);
    for (const r of cutOff.filter((x) => x.status === 201)) {
      const token = await call({
        method: 'POST', path: '/oauth/token', headers: { ...basic(r.clientId!, r.secret!), 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody({ grant_type: 'client_credentials', scope: 'cds_client_admin' }),
      });
      expect(token.res.status, `${r.name} was acknowledged: ${token.res.text}`).toBe(200);
      expect(listed).toContain(r.clientId);
    }
  });
});
