import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type LegacyName, type System } from '../support/system';
import { APIS, callApi, customerDataCalls, expectUnavailable, type Api, type ApiCall } from './support/customerData';
import { internalQuery, PROBES, SUBGRAPH_OF } from './support/graph';

/**
 * Each legacy system refusing connections, hanging, slower than the subgraphs wait, and failing
 * half its calls, under the whole system over real HTTP: the Customer Data APIs that need it answer
 * 503 (or 502 for a broken answer) JSON as documented, in time; the others keep answering; the
 * internal graph names the system; and everything answers again once the system is back.
 */

/** The APIs each system's data reaches (usage needs the customer records and the bills' sections too). */
const NEEDS: Record<LegacyName, readonly Api[]> = {
  cis: ['accounts', 'service-contracts', 'service-points', 'aggregations', 'usage-segments'],
  mdm: ['meter-devices', 'aggregations', 'usage-segments'],
  billing: ['bill-statements', 'bill-sections', 'usage-segments'],
  eac: ['eacs'],
};


const LEGACY_TIMEOUT_MS = 1_500;
let system: System;
let calls: Record<Api, ApiCall>;

beforeAll(async () => {
  // Every call reads through (no cached page may answer for a dead system), and a silent system is given up on quickly.
  system = await startSystem({ seed: 'faults-legacy', accounts: 40, legacyTimeoutMs: LEGACY_TIMEOUT_MS, env: { CUSTOMER_DATA_CACHE: 'off' } });
  calls = await customerDataCalls(system);
});
afterEach(() => system.resetFaults());
afterAll(async () => { await system?.close(); });

/** Every API once: those that need the system fail as `expect` says, the others answer 200. */
async function everyApi(down: LegacyName, expectFailure: (api: Api, req: Parameters<typeof expectUnavailable>[0], res: Parameters<typeof expectUnavailable>[1]) => void) {
  for (const api of APIS) {
    const { req, res } = await callApi(system, calls[api]);
    if (NEEDS[down].includes(api)) expectFailure(api, req, res);
    else expect(res.status, `${api} does not need ${down}: ${res.text.slice(0, 200)}`).toBe(200);
  }
}

async function expectRecovered() {
  for (const api of APIS) {
    const { res } = await callApi(system, calls[api]);
    expect(res.status, `${api} after recovery: ${res.text.slice(0, 200)}`).toBe(200);
  }
}

async function internal(name: LegacyName) {
  const answer = await internalQuery(system, PROBES[SUBGRAPH_OF[name]]);
  expect(answer.status).toBe(200);
  return answer;
}

it('answers every API while every system is up', expectRecovered);

describe.each(['cis', 'mdm', 'billing', 'eac'] as const)('%s', (name) => {
  it('refusing connections: 503 Retry-After for the APIs that need it, the others answer, the graph names it; back when it is', async () => {
    await system.stop(name);
    try {
      await everyApi(name, (_api, req, res) => expectUnavailable(req, res, [503]));
      const answer = await internal(name);
      expect(answer.errors?.[0]?.extensions?.code).toBe('LEGACY_UNAVAILABLE');
    } finally {
      await system.start(name);
    }
    await expectRecovered();
  });

  it('hanging: 503 once the subgraph stops waiting, not a hang', async () => {
    system[name].knobs.outage = 'hang';
    await everyApi(name, (_api, req, res) => expectUnavailable(req, res, [503]));
    expect((await internal(name)).errors?.[0]?.extensions?.code).toBe('LEGACY_TIMEOUT');
    system.resetFaults();
    await expectRecovered();
  });

  it('slower than the subgraphs wait: 503; slow but within it: answered', async () => {
    system[name].knobs.latencyMs = LEGACY_TIMEOUT_MS * 2;
    await everyApi(name, (_api, req, res) => expectUnavailable(req, res, [503]));
    // Usage reads the meter data day by day: each call's latency adds up, so "slow" here is a twentieth of the wait.
    system[name].knobs.latencyMs = LEGACY_TIMEOUT_MS / 20;
    await expectRecovered();
  });

  it('failing half its calls: each answer is a page or a 502/503, some fail, none after', async () => {
    system[name].knobs.errorRate = 0.5;
    let failed = 0;
    for (let round = 0; round < 4; round++) {
      for (const api of NEEDS[name]) {
        const { req, res } = await callApi(system, calls[api]);
        if (res.status === 200) continue;
        expectUnavailable(req, res);
        failed += 1;
      }
    }
    expect(failed).toBeGreaterThan(0);
    system.resetFaults();
    await expectRecovered();
  });
});

describe('a page read before the outage', () => {
  let cached: System;
  let call: ApiCall;
  beforeAll(async () => {
    cached = await startSystem({ seed: 'faults-legacy', accounts: 40, legacyTimeoutMs: LEGACY_TIMEOUT_MS });
    call = (await customerDataCalls(cached)).accounts;
  });
  afterAll(async () => { await cached?.close(); });

  it('is still served from the cache while the system is down; a page not read before is a 503', async () => {
    const before = await callApi(cached, call, false);
    expect(before.res.status).toBe(200);
    await cached.stop('cis');
    try {
      const during = await callApi(cached, call, false);
      expect([during.res.status, during.res.text]).toEqual([200, before.res.text]);
      const uncached = await callApi(cached, call);
      expectUnavailable(uncached.req, uncached.res, [503]);
    } finally {
      await cached.start('cis');
    }
  });
});
