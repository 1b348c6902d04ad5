import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system';
import type { SubgraphName } from '../../subgraphs';
import { APIS, callApi, customerDataCalls, expectUnavailable, type Api, type ApiCall } from './support/customerData';
import { internalQuery, PROBES } from './support/graph';

/**
 * The gateway's subgraphs stopped or silent, and parts dying under a request in flight: the
 * Customer Data APIs answer 503 JSON naming nothing internal, the internal graph says which
 * subgraph is down, a request in flight ends with an answer (an error, or its page when the part
 * finished first), and everything answers again once the part is back.
 */

/** The APIs each subgraph's types reach. */
const NEEDS: Record<SubgraphName, readonly Api[]> = {
  accounts: ['accounts', 'service-contracts', 'service-points', 'aggregations', 'bill-sections', 'usage-segments'],
  metering: ['meter-devices', 'aggregations', 'usage-segments'],
  billing: ['bill-statements', 'bill-sections', 'usage-segments'],
  eacs: ['eacs'],
};

let system: System;
let calls: Record<Api, ApiCall>;

beforeAll(async () => {
  system = await startSystem({ seed: 'faults-parts', accounts: 40, env: { CUSTOMER_DATA_CACHE: 'off' } });
  calls = await customerDataCalls(system);
});
afterEach(() => system.resetFaults());
afterAll(async () => { await system?.close(); });

/** An internal query: 200 with errors, or 504 when a subgraph did not answer in time (GraphQL over HTTP). */
async function internal(query: string) {
  const answer = await internalQuery(system, query);
  expect([200, 504]).toContain(answer.status);
  return answer;
}

async function expectRecovered() {
  for (const api of APIS) expect((await callApi(system, calls[api])).res.status, api).toBe(200);
}

const portOf = (url: string) => Number(new URL(url).port);

describe.each(['accounts', 'metering', 'billing', 'eacs'] as const)('the %s subgraph', (name) => {
  it('stopped: 503 for the APIs that need it, SUBGRAPH_UNAVAILABLE naming it on the graph, the rest answer; back when it is', async () => {
    await system.stop(`subgraph-${name}`);
    try {
      for (const api of APIS) {
        const { req, res } = await callApi(system, calls[api]);
        if (NEEDS[name].includes(api)) {
          expectUnavailable(req, res, [503]);
          expect(res.text, 'no internal address in the answer').not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
        } else {
          expect(res.status, `${api} does not need ${name}: ${res.text.slice(0, 200)}`).toBe(200);
        }
      }
      const answer = await internal(PROBES[name]);
      expect(answer.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: name });
    } finally {
      await system.start(`subgraph-${name}`);
    }
    await expectRecovered();
  });
});

it('a subgraph that accepts connections and never answers: the facade gives up with a 503, the graph with SUBGRAPH_UNAVAILABLE', async () => {
  await system.stop('subgraph-metering');
  // A silent process where the subgraph listened: connections are accepted, nothing is ever answered.
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => { sockets.add(socket); socket.on('error', () => {}); });
  silent.listen(portOf(system.subgraphUrl('metering')), '127.0.0.1');
  await once(silent, 'listening');
  try {
    const [api, graph] = await Promise.all([callApi(system, calls['meter-devices']), internal(PROBES.metering)]);
    expectUnavailable(api.req, api.res, [503]);
    expect(graph.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'metering' });
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await system.start('subgraph-metering');
  }
  await expectRecovered();
});

describe('a part dying under a request in flight', () => {
  /** Waits (by counting, not by the clock) until the simulator has received a call. */
  async function reached(sim: () => { counters: { total: number } }, before: number) {
    for (let i = 0; i < 200 && sim().counters.total === before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(sim().counters.total).toBeGreaterThan(before);
  }

  it('the MDM killed mid-call: the request ends with a 503, and the next one is answered once the MDM is back', async () => {
    system.mdm.knobs.latencyMs = 2_000;
    const before = system.mdm.counters.total;
    const inFlight = callApi(system, calls['meter-devices']);
    await reached(() => system.mdm, before);
    await system.stop('mdm');
    const { req, res } = await inFlight;
    expectUnavailable(req, res, [503]);
    await system.start('mdm');
    expect((await callApi(system, calls['meter-devices'])).res.status).toBe(200);
  });

  it('the metering subgraph stopped mid-call: it finishes what it started (or the request fails cleanly), then refuses', async () => {
    system.mdm.knobs.latencyMs = 1_000;
    const before = system.mdm.counters.total;
    const inFlight = callApi(system, calls['meter-devices']);
    await reached(() => system.mdm, before);
    const stopping = system.stop('subgraph-metering');
    const { req, res } = await inFlight;
    if (res.status !== 200) expectUnavailable(req, res, [503]);
    await stopping;
    const after = await callApi(system, calls['meter-devices']);
    expectUnavailable(after.req, after.res, [503]);
    await system.start('subgraph-metering');
    expect((await callApi(system, calls['meter-devices'])).res.status).toBe(200);
  });
});

