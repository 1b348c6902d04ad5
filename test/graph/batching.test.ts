import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphStack, type GraphStack } from './stack';

// N+1 is gone: every relationship is one batched legacy call per entity type, whatever the page size.

let stack: GraphStack;
beforeAll(async () => {
  stack = await startGraphStack({ accounts: 150 });
});
afterAll(() => stack?.close());

const TREE = `query($first: Int) {
  accounts(first: $first) {
    nodes {
      id accountNumber accountEntity { entityName } accountPrograms { name }
      serviceContracts {
        id contractNumber contractAddress ratePlanName contractEntity { entityName } servicePrograms { name }
        servicePoints {
          id servicePointNumber
          currentServiceContracts { id contractNumber }
          currentMeterDevices { id meterNumber meterTypes }
        }
      }
    }
  }
}`;

/** Legacy calls per endpoint, without the CIS catalogues (read once per process: catalogues.test.ts). */
function rowCalls() {
  return Object.fromEntries(Object.entries(stack.calls()).filter(([endpoint]) => !/^GET \/cis\/v1\/(entities|programs|rates)$/.test(endpoint)));
}

async function callsFor(first: number) {
  stack.resetCalls();
  const { data, errors } = await stack.query(TREE, { first });
  expect(errors).toBeUndefined();
  return { calls: rowCalls(), accounts: data.accounts.nodes.length, meters: data.accounts.nodes.flatMap((a: any) => a.serviceContracts.flatMap((c: any) => c.servicePoints.flatMap((sp: any) => sp.currentMeterDevices))).length };
}

describe('batched joins', () => {
  it('a page of 100 accounts with contracts, service points and meters costs the same legacy calls as a page of 1', async () => {
    const one = await callsFor(1);
    const hundred = await callsFor(100);
    expect(one.accounts).toBe(1);
    expect(hundred.accounts).toBe(100);
    expect(hundred.meters).toBeGreaterThan(100);
    expect(hundred.calls).toEqual(one.calls);
    // One listing call, then one call per entity type for each level of the tree.
    expect(hundred.calls['GET /cis/v1/accounts']).toBe(1);
    expect(hundred.calls['POST /mdm/v1/meters/lookup']).toBe(1);
    for (const [endpoint, count] of Object.entries(hundred.calls)) expect(count, endpoint).toBeLessThanOrEqual(2);
  });

  it('a page of usage segments with their related accounts, contracts and bill sections costs the same calls for 1 or 60 segments', async () => {
    const meters = stack.utility.mdm.meters
      .filter((m) => m.source === 'SYNTHETIC' && m.installs.length === 1 && m.installs[0].removedAt === null && m.installs[0].installedAt < '2025-01-01')
      .slice(0, 3);
    const query = `query($f: UsageSegmentFilter!, $first: Int) {
      usageSegments(filter: $f, first: $first) {
        nodes { id relatedServicePointIds relatedServiceContractIds relatedAccountIds relatedAggregationIds relatedBillSectionIds relatedMeterDevices { meterNumber } }
      }
    }`;
    const f = { meterDeviceIds: meters.map((m) => m.meterId), windowStart: '2026-05-01T07:00:00Z', windowEnd: '2026-05-31T07:00:00Z' };
    const run = async (first: number) => {
      stack.resetCalls();
      const { data, errors } = await stack.query(query, { f, first });
      expect(errors).toBeUndefined();
      expect(data.usageSegments.nodes).toHaveLength(first);
      return rowCalls();
    };
    const one = await run(1);
    const sixty = await run(60);
    expect(sixty).toEqual(one);
    for (const [endpoint, count] of Object.entries(sixty)) expect(count, endpoint).toBeLessThanOrEqual(2);
  });
});
