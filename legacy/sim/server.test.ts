import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCisSimulator } from '../cis/server';
import { generateUtility } from '../generator/generate';
import { startEacSimulator } from '../eac/server';
import { getJson, postJson } from '../testing';
import type { RunningSimulator } from './server';

/** Fault knobs and call counters, over real HTTP (no timing assertions: outcomes and counts). */

const u = generateUtility({ seed: 'knobs-test', accounts: 40, asOf: '2026-01-10', timezone: 'America/Los_Angeles' });
let cis: RunningSimulator;
const accounts = () => `${cis.url}/cis/v1/accounts?limit=1`;

beforeAll(async () => {
  cis = await startCisSimulator(u);
});
afterAll(() => cis?.close());

async function reset() {
  await postJson(`${cis.url}/_sim/knobs`, { latencyMs: 0, errorRate: 0, outage: false });
  await postJson(`${cis.url}/_sim/counters/reset`, {});
}

describe('call counters', () => {
  beforeAll(reset);

  it('count calls per endpoint and in total, over HTTP and in-process; control calls are not counted', async () => {
    await getJson(accounts());
    await getJson(accounts());
    await postJson(`${cis.url}/cis/v1/accounts/lookup`, { BY: 'ACCT_ID', KEYS: ['x'] });
    await getJson(`${cis.url}/cis/v1/nowhere`);
    const counters = (await getJson(`${cis.url}/_sim/counters`)).body;
    expect(counters).toEqual({
      total: 4,
      byEndpoint: { 'GET /cis/v1/accounts': 2, 'POST /cis/v1/accounts/lookup': 1, unmatched: 1 },
    });
    expect(cis.counters.snapshot()).toEqual(counters);
    await postJson(`${cis.url}/_sim/counters/reset`, {});
    expect(cis.counters.total).toBe(0);
  });
});

describe('fault knobs', () => {
  beforeAll(reset);
  afterAll(reset);

  it('error rate 1 answers every call with 500 or 503 in the CIS error style, and counts them', async () => {
    expect((await postJson(`${cis.url}/_sim/knobs`, { errorRate: 1 })).body).toEqual({ latencyMs: 0, errorRate: 1, outage: false });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const r = await getJson(accounts());
      statuses.add(r.status);
      expect(r.body.ERROR.MSG_NBR).toBe(r.status);
      expect(r.body.ERROR.MSG_TEXT).toMatch(/injected fault/);
    }
    expect(statuses).toEqual(new Set([500, 503]));
    expect(cis.counters.byEndpoint['GET /cis/v1/accounts']).toBe(12);
  });

  it('a partial error rate fails some calls and answers the others (seeded, reproducible)', async () => {
    await postJson(`${cis.url}/_sim/knobs`, { errorRate: 0.5 });
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await getJson(accounts())).status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(3);
    expect(statuses.filter((s) => s >= 500).length).toBeGreaterThan(3);
  });

  it('outage "reset" drops the connection without an answer; lifting it restores service', async () => {
    await postJson(`${cis.url}/_sim/knobs`, { errorRate: 0, outage: true });
    await expect(fetch(accounts())).rejects.toThrow();
    expect((await getJson(`${cis.url}/_sim/knobs`)).body.outage).toBe('reset');
    await postJson(`${cis.url}/_sim/knobs`, { outage: false });
    expect((await getJson(accounts())).status).toBe(200);
  });

  it('outage "hang" never answers (the client gives up)', async () => {
    cis.knobs.outage = 'hang';
    await expect(fetch(accounts(), { signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted|timeout/i);
    cis.knobs.outage = false;
    expect((await getJson(accounts())).status).toBe(200);
  });

  it('latency holds the answer back (a short client timeout fails; without latency the same call succeeds)', async () => {
    await postJson(`${cis.url}/_sim/knobs`, { latencyMs: 30_000 });
    await expect(fetch(accounts(), { signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted|timeout/i);
    await postJson(`${cis.url}/_sim/knobs`, { latencyMs: 0 });
    const ok = await fetch(accounts(), { signal: AbortSignal.timeout(20_000) });
    expect(ok.status).toBe(200);
  });

  it('rejects bad knob values with a 400 in the system style and keeps the knobs unchanged', async () => {
    for (const body of [{ errorRate: 2 }, { latencyMs: -1 }, { outage: 'sometimes' }, { surprise: 1 }, '{"errorRate":']) {
      const r = await postJson(`${cis.url}/_sim/knobs`, body);
      expect(r.status).toBe(400);
      expect(r.body.ERROR.MSG_NBR).toBe(400);
    }
    expect((await getJson(`${cis.url}/_sim/knobs`)).body).toEqual({ latencyMs: 0, errorRate: 0, outage: false });
  });

  it('takes knobs as start options too, rendering faults in each system\'s own style', async () => {
    const eac = await startEacSimulator(u, { knobs: { errorRate: 1 } });
    try {
      const r = await getJson(`${eac.url}/registry/v1/certificates`);
      expect([500, 503]).toContain(r.status);
      expect(r.body.errors[0].status).toBe(String(r.status));
    } finally {
      await eac.close();
    }
    await expect(startEacSimulator(u, { knobs: { errorRate: 7 } })).rejects.toThrow(/errorRate/);
  });
});

describe('changes endpoint', () => {
  it('rejects unknown kinds (400) and impossible targets (409)', async () => {
    expect((await postJson(`${cis.url}/_sim/changes`, { kind: 'earthquake' })).status).toBe(400);
    const r = await postJson(`${cis.url}/_sim/changes`, { kind: 'move_out', target: 'no-such-account' });
    expect(r.status).toBe(409);
    expect(r.body.ERROR.MSG_TEXT).toMatch(/no active residential account/);
  });
});
