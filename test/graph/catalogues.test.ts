import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCisSimulator } from '../../legacy/cis';
import { generateUtility } from '../../legacy/generator';
import type { RunningSimulator } from '../../legacy/sim/server';
import { buildAccountsSubgraph } from '../../subgraphs/accounts';
import { CATALOGUE_TTL_MS, CisClient } from '../../subgraphs/accounts/adapter/cis';
import { createAccountsContext } from '../../subgraphs/accounts/context';
import { LegacyClient, startSubgraph, type RunningSubgraph } from '../../subgraphs/shared';
import { TIMEZONE } from './stack';

// The CIS catalogues (entities, programs, rates) are reference data: the accounts subgraph reads
// each at most once per CATALOGUE_TTL_MS for all its requests, instead of once per request.
// Measured by the CIS's own call counters over the same requests, with and without the reuse.

const QUERY = `{ accounts(first: 20) { nodes { accountEntity { entityName } accountPrograms { name } serviceContracts { ratePlanName contractEntity { entityName } } } } }`;
const CATALOGUES = ['GET /cis/v1/entities', 'GET /cis/v1/programs', 'GET /cis/v1/rates'];
const REQUESTS = 5;

let cis: RunningSimulator;
const started: RunningSubgraph[] = [];

beforeAll(async () => {
  cis = await startCisSimulator(generateUtility({ seed: 'catalogues', accounts: 45, asOf: '2026-08-01', timezone: TIMEZONE }));
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
  await cis?.close();
});

/** An accounts subgraph whose CIS client keeps catalogues for `ttlMs`; the CIS calls of `REQUESTS` identical queries. */
async function catalogueCalls(ttlMs: number): Promise<Record<string, number>> {
  const client = new CisClient(new LegacyClient({ system: 'CIS', baseUrl: cis.url }), ttlMs);
  const subgraph = await startSubgraph(await buildAccountsSubgraph(), {
    createContext: () => createAccountsContext(client, { consentDocumentation: 'http://localhost/docs/aggregations#consent' }),
  });
  started.push(subgraph);
  cis.counters.reset();
  for (let i = 0; i < REQUESTS; i++) {
    const res = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    const body = await res.json() as { data?: { accounts: { nodes: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.accounts.nodes).toHaveLength(20);
  }
  const { byEndpoint } = cis.counters.snapshot();
  return Object.fromEntries(CATALOGUES.map((e) => [e, byEndpoint[e] ?? 0]));
}

describe('CIS catalogues', () => {
  it(`are read once for ${REQUESTS} requests instead of once per request`, async () => {
    const perRequest = await catalogueCalls(0);
    const perProcess = await catalogueCalls(CATALOGUE_TTL_MS);
    expect(perRequest).toEqual(Object.fromEntries(CATALOGUES.map((e) => [e, REQUESTS])));
    expect(perProcess).toEqual(Object.fromEntries(CATALOGUES.map((e) => [e, 1])));
  });
});
