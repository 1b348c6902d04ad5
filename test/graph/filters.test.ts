import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphStack, type GraphStack } from './stack';

// The listing filters the access resolver looks preselections up with (cds-wg3-01 §7.1) run inside
// the legacy call and agree with the objects' own fields: a filter on a type, program, premise or
// member returns exactly the objects whose field holds it, across the whole utility.

let stack: GraphStack;
beforeAll(async () => {
  stack = await startGraphStack({ accounts: 120 });
});
afterAll(() => stack?.close());

/** Every node of a listing, page by page (100 a page), with the given filter. */
async function all<T>(field: string, filterType: string, filter: Record<string, unknown> | null, selection: string): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  do {
    const { data, errors }: { data?: any; errors?: unknown } = await stack.query(`query($f: ${filterType}, $after: String) {
      page: ${field}(filter: $f, first: 100, after: $after) { nodes { ${selection} } pageInfo { hasNextPage endCursor } }
    }`, { f: filter, after });
    expect(errors).toBeUndefined();
    nodes.push(...data.page.nodes);
    after = data.page.pageInfo.hasNextPage ? data.page.pageInfo.endCursor : null;
  } while (after !== null);
  return nodes;
}

const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id).sort();

/** Checks each value as a filter against the field it filters on; returns how many values matched something. */
async function agrees<T extends { id: string }>(
  values: string[], everything: T[], holds: (node: T) => string[], listing: (value: string) => Promise<{ id: string }[]>,
): Promise<number> {
  let matched = 0;
  for (const value of values) {
    const expected = everything.filter((n) => holds(n).includes(value));
    expect(ids(await listing(value)), value).toEqual(ids(expected));
    if (expected.length > 0 && expected.length < everything.length) matched += 1;
  }
  return matched;
}

describe('listing filters behind preselections', () => {
  it('meterDevices by meterTypes (each type, any-match) and by appNumbers', async () => {
    type M = { id: string; meterTypes: string[]; meterApps: { appNumber: string }[] };
    const meters = await all<M>('meterDevices', 'MeterDeviceFilter', null, 'id meterTypes meterApps { appNumber }');
    const types = [...new Set(meters.flatMap((m) => m.meterTypes))].sort();
    expect(types.length).toBeGreaterThan(8);
    const byType = (t: string) => all<{ id: string }>('meterDevices', 'MeterDeviceFilter', { meterTypes: [t] }, 'id');
    expect(await agrees([...types, 'fuel_oil_usage', 'reverse_only'], meters, (m) => m.meterTypes, byType)).toBeGreaterThan(6);
    // Several values match any of them.
    const pair = await byType('ami_meter').then(async (ami) => [...ami, ...(await byType('water_usage'))]);
    expect(ids(await all('meterDevices', 'MeterDeviceFilter', { meterTypes: ['ami_meter', 'water_usage'] }, 'id'))).toEqual([...new Set(ids(pair))]);
    const apps = [...new Set(meters.flatMap((m) => m.meterApps.map((a) => a.appNumber)))];
    expect(apps.length).toBeGreaterThan(0);
    const byApp = (a: string) => all<{ id: string }>('meterDevices', 'MeterDeviceFilter', { appNumbers: [a] }, 'id');
    expect(await agrees(apps, meters, (m) => m.meterApps.map((a) => a.appNumber), byApp)).toBeGreaterThan(0);
  });

  it('servicePoints by servicePointTypes and premiseNumbers', async () => {
    type P = { id: string; servicePointTypes: string[]; premises: { premiseNumber: string }[] };
    const points = await all<P>('servicePoints', 'ServicePointFilter', null, 'id servicePointTypes premises { premiseNumber }');
    const types = ['electric', 'water', 'natural_gas', 'fuel_oil', 'single_service', 'multi_service', 'physical', 'virtual', 'edge', 'internal'];
    const byType = (t: string) => all<{ id: string }>('servicePoints', 'ServicePointFilter', { servicePointTypes: [t] }, 'id');
    expect(await agrees(types, points, (p) => p.servicePointTypes, byType)).toBeGreaterThan(3);
    const premises = [...new Set(points.flatMap((p) => p.premises.map((x) => x.premiseNumber)))].slice(0, 12);
    const byPremise = (n: string) => all<{ id: string }>('servicePoints', 'ServicePointFilter', { premiseNumbers: [n] }, 'id');
    expect(await agrees(premises, points, (p) => p.premises.map((x) => x.premiseNumber), byPremise)).toBe(premises.length);
  });

  it('accounts and serviceContracts by programNumbers', async () => {
    type A = { id: string; accountPrograms: { programNumber: string }[] };
    const accounts = await all<A>('accounts', 'AccountFilter', null, 'id accountPrograms { programNumber }');
    const accountPrograms = [...new Set(accounts.flatMap((a) => a.accountPrograms.map((p) => p.programNumber)))];
    const byAccountProgram = (n: string) => all<{ id: string }>('accounts', 'AccountFilter', { programNumbers: [n] }, 'id');
    expect(await agrees(accountPrograms, accounts, (a) => a.accountPrograms.map((p) => p.programNumber), byAccountProgram)).toBeGreaterThan(0);
    type C = { id: string; servicePrograms: { programNumber: string }[] };
    const contracts = await all<C>('serviceContracts', 'ServiceContractFilter', null, 'id servicePrograms { programNumber }');
    const servicePrograms = [...new Set(contracts.flatMap((c) => c.servicePrograms.map((p) => p.programNumber)))];
    const byServiceProgram = (n: string) => all<{ id: string }>('serviceContracts', 'ServiceContractFilter', { programNumbers: [n] }, 'id');
    expect(await agrees(servicePrograms, contracts, (c) => c.servicePrograms.map((p) => p.programNumber), byServiceProgram)).toBeGreaterThan(0);
  });

  it('aggregations by groupedServicePointIds (the groups whose own members hold the point)', async () => {
    type G = { id: string; groupedServicePointIds: string[] };
    const groups = await all<G>('aggregations', 'AggregationFilter', null, 'id groupedServicePointIds');
    const points = [...new Set(groups.flatMap((g) => g.groupedServicePointIds))].slice(0, 15);
    const byPoint = (sp: string) => all<{ id: string }>('aggregations', 'AggregationFilter', { groupedServicePointIds: [sp] }, 'id');
    expect(await agrees(points, groups, (g) => g.groupedServicePointIds, byPoint)).toBe(points.length);
    expect(await all('aggregations', 'AggregationFilter', { groupedServicePointIds: [] }, 'id')).toEqual([]);
  });

  it('reads the install history of meters: a swapped meter ends where its successor starts', async () => {
    const swapped = stack.utility.mdm.meters.find((m) => m.installs.some((i) => i.reason === 'SWAP'))!;
    const { data, errors } = await stack.query('query($id: ID!) { meterDevice(id: $id) { installations { servicePointId installed removed } } }', { id: swapped.meterId });
    expect(errors).toBeUndefined();
    expect(data.meterDevice.installations).toEqual(swapped.installs.map((i) => ({
      servicePointId: i.servicePointId, installed: i.installedAt.replace('.000Z', 'Z'), removed: i.removedAt?.replace('.000Z', 'Z') ?? null,
    })));
  });
});
