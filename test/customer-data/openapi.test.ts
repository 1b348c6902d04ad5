import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../rest-facade/openapi';
import { expectValidResponse } from '../openapi/expectValidResponse';
import { startSystem, type System } from '../support/system';
import { adminToken, directToken, seedClients, type Clients } from './support/tokens';

/**
 * The published OpenAPI 3.1 document covers every REST endpoint the running facade serves (the
 * routes are read from the express app itself; only browser pages are left out), is a valid 3.1
 * document, and real answers of the management APIs match it.
 */

/** Browser pages: HTML for people, not REST endpoints. */
const PAGES = [/^\/docs/, /^\/developers\//, /^\/authorize\//, /^\/consent/, /^\/receipts?\//, /^\/login/, /^\/logout/, /^\/test-accounts/, /^\/oauth\/default-redirect/, /^\/static\//, /^\/metrics$/];

let system: System;
let clients: Clients;
let document: OpenApiDocument;

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function routes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${layer.route!.path}`);
    }
    return layer.handle?.stack ? routes(layer.handle.stack) : [];
  });
}

beforeAll(async () => {
  system = await startSystem({ seed: 'customer-data-openapi', accounts: 40 });
  clients = await seedClients(system);
  document = await (await fetch(`${system.url}/openapi.json`)).json() as OpenApiDocument;
}, 120_000);

afterAll(async () => { await system?.close(); });

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every REST endpoint the facade serves', () => {
    const served = routes((system.facade.app as unknown as { router: { stack: Layer[] } }).router.stack)
      .filter((r) => !PAGES.some((p) => p.test(r.split(' ')[1])));
    const documented = new Set(Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`)));
    const missing = [...new Set(served)].filter((r) => !documented.has(r.replace(/:([A-Za-z]+)\.geojson$/, ':$1.geojson')));
    expect(missing).toEqual([]);
    expect(served.length).toBeGreaterThan(40);
  });

  it('matches real answers of the discovery and management APIs', async () => {
    for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/cds-server-metadata.json', '/oauth/jwks', '/openapi.json']) {
      const res = await fetch(`${system.url}${path}`);
      expectValidResponse('GET', path, res.status, await res.text());
    }
    const token = await adminToken(system, clients);
    const { grant_id } = await directToken(system, clients, 'cds_query_accounts', {});
    for (const path of ['/cds-api/v1/clients', `/cds-api/v1/clients/${clients.direct.client_id}`, '/cds-api/v1/grants', `/cds-api/v1/grants/${grant_id}`, '/cds-api/v1/credentials', '/cds-api/v1/messages']) {
      const res = await fetch(`${system.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(200);
      expectValidResponse('GET', path, res.status, await res.text());
    }
  });
});
