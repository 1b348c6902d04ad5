import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../../legacy/generator';
import { startGraphStack, type GraphStack } from './stack';

// Keyset walks return every object exactly once, in the spec's order, forward and backward; filters
// are intersected inside the legacy call.

let stack: GraphStack;
beforeAll(async () => {
  stack = await startGraphStack({ accounts: 150 });
});
afterAll(() => stack?.close());

interface Page { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null } }

/**
 * Walks a listing forward to its end, then back from the last page to the first, returning the
 * ids in walk order (each direction reading pages as the facade's next/previous links would).
 */
async function walk(field: string, vars: { filter?: { type: string; value: unknown } }, size: number) {
  const filterDef = vars.filter ? `$filter: ${vars.filter.type}, ` : '';
  const filterArg = vars.filter ? 'filter: $filter, ' : '';
  const page = async (args: string, cursor: string | null): Promise<Page> => {
    const query = `query(${filterDef}$cursor: String) { ${field}(${filterArg}${args}) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }`;
    const { data, errors }: { data?: any; errors?: unknown[] } = await stack.query(query, { filter: vars.filter?.value, cursor });
    expect(errors).toBeUndefined();
    return data[field];
  };
  const pages: Page[] = [await page(`first: ${size}, after: $cursor`, null)];
  while (pages[pages.length - 1].pageInfo.hasNextPage) {
    pages.push(await page(`first: ${size}, after: $cursor`, pages[pages.length - 1].pageInfo.endCursor));
    expect(pages.length).toBeLessThan(500);
  }
  const forward = pages.flatMap((p) => p.nodes.map((n) => n.id));
  const back: Page[] = [pages[pages.length - 1]];
  while (back[back.length - 1].pageInfo.hasPreviousPage) {
    back.push(await page(`last: ${size}, before: $cursor`, back[back.length - 1].pageInfo.startCursor));
    expect(back.length).toBeLessThan(500);
  }
  const backward = back.flatMap((p) => [...p.nodes].reverse().map((n) => n.id));
  return { forward, backward };
}

describe('keyset pagination', () => {
  it('walks all accounts once each in cds_modified-descending order, forward and backward', async () => {
    const expected = [...stack.utility.cis.accounts]
      .sort((a, b) => (a.UPD_DTTM === b.UPD_DTTM ? (a.ACCT_ID < b.ACCT_ID ? -1 : 1) : a.UPD_DTTM < b.UPD_DTTM ? 1 : -1))
      .map((a) => a.ACCT_ID);
    const { forward, backward } = await walk('accounts', {}, 37);
    expect(forward).toEqual(expected);
    // Walking back from the last page through the previous links of the spec.
    expect(backward).toEqual([...expected].reverse());
  });

  it('intersects filters: service types (any-match) ∩ status ∩ account numbers', async () => {
    const accounts = stack.utility.cis.accounts.slice(0, 60).map((a) => a.ACCT_NO);
    const filter = { serviceTypes: ['electric', 'natural_gas'], contractStatuses: ['active'], accountNumbers: accounts };
    const type = 'ServiceContractFilter';
    const ids = (await walk('serviceContracts', { filter: { type, value: filter } }, 10)).forward;
    const expected = stack.utility.cis.serviceAgreements
      .filter((sa) => ['E', 'G'].includes(sa.SVC_TYPE_CD) && sa.SA_STAT_CD === '20' && accounts.includes(sa.ACCT_NO))
      .sort((a, b) => (a.UPD_DTTM === b.UPD_DTTM ? (a.SA_ID < b.SA_ID ? -1 : 1) : a.UPD_DTTM < b.UPD_DTTM ? 1 : -1))
      .map((sa) => sa.SA_ID);
    expect(expected.length).toBeGreaterThan(10);
    expect(ids).toEqual(expected);
    expect((await walk('serviceContracts', { filter: { type, value: { ...filter, accountNumbers: [] } } }, 10)).forward).toEqual([]);
  });

  it('refuses a cursor replayed against other filters', async () => {
    const first = await stack.query('{ accounts(first: 2, filter: { accountStatuses: [active] }) { pageInfo { endCursor } } }');
    const cursor = first.data.accounts.pageInfo.endCursor;
    const replay = await stack.query('query($c: String) { accounts(first: 2, after: $c) { nodes { id } } }', { c: cursor });
    expect(replay.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('walks usage segments across an ordered list of meters: meter order first, then segment start, each once', async () => {
    const meters = stack.utility.mdm.meters
      .filter((m) => m.source === 'SYNTHETIC' && m.commodity === 'ELECTRIC' && m.installs.length === 1 && m.installs[0].installedAt < '2025-01-01' && m.installs[0].removedAt === null)
      .slice(0, 3).reverse();
    const { start } = stack.utility.calendar.localDay(dayNumber('2026-06-10'));
    const filter = {
      meterDeviceIds: meters.map((m) => m.meterId),
      windowStart: new Date(start * 1000).toISOString(),
      windowEnd: new Date((start + 3 * 86400) * 1000).toISOString(),
    };
    const query = `query($f: UsageSegmentFilter!) { usageSegments(filter: $f, first: 100) { nodes { id segmentStart relatedMeterDeviceIds } } }`;
    const all = (await stack.query(query, { f: filter })).data.usageSegments.nodes;
    expect(all).toHaveLength(9);
    expect(all.map((s: any) => s.relatedMeterDeviceIds[0])).toEqual(meters.flatMap((m) => [m.meterId, m.meterId, m.meterId]));
    const { forward, backward } = await walk('usageSegments', { filter: { type: 'UsageSegmentFilter!', value: filter } }, 2);
    expect(forward).toEqual(all.map((s: any) => s.id));
    expect(backward).toEqual([...forward].reverse());
    // The usage listing can also walk back from its end without a cursor.
    const last = await stack.query('query($f: UsageSegmentFilter!) { usageSegments(filter: $f, last: 2) { nodes { id } } }', { f: filter });
    expect(last.data.usageSegments.nodes.map((n: { id: string }) => n.id)).toEqual(forward.slice(-2));
  });

  it('trims segments that cross the window edge instead of dropping them', async () => {
    const meter = stack.utility.mdm.meters.find((m) => m.source === 'SYNTHETIC' && m.commodity === 'ELECTRIC' && m.installs[0].installedAt < '2025-01-01' && m.installs[0].removedAt === null)!;
    const { start } = stack.utility.calendar.localDay(dayNumber('2026-06-10'));
    const from = new Date((start + 6 * 3600) * 1000).toISOString();
    const to = new Date((start + 30 * 3600) * 1000).toISOString();
    const { data } = await stack.query(`query($f: UsageSegmentFilter!) { usageSegments(filter: $f) { nodes { segmentStart segmentEnd values { ... on ElectricUsageValue { eu } } } } }`,
      { f: { meterDeviceIds: [meter.meterId], windowStart: from, windowEnd: to } });
    const [first, second] = data.usageSegments.nodes;
    expect(data.usageSegments.nodes).toHaveLength(2);
    expect(first.segmentStart).toBe(from.replace('.000Z', 'Z'));
    expect(first.values).toHaveLength(18 * 4);
    expect(second.segmentEnd).toBe(to.replace('.000Z', 'Z'));
    expect(second.values).toHaveLength(6 * 4);
  });

  it('walks an account\'s bill statements newest first across pages', async () => {
    const account = stack.utility.cis.accounts.find((a) => a.ACCT_ROLE_CD === 'STD' && !a.ACCT_ID.includes('-'))!;
    const { forward: ids, backward } = await walk('billStatements', { filter: { type: 'BillStatementFilter!', value: { accountIds: [account.ACCT_ID] } } }, 4);
    expect(backward).toEqual([...ids].reverse());
    const { data } = await stack.query('query($id: ID!) { account(id: $id) { billStatements { id statementDate } } }', { id: account.ACCT_ID });
    expect(ids).toEqual(data.account.billStatements.map((s: { id: string }) => s.id));
    const dates = data.account.billStatements.map((s: { statementDate: string }) => s.statementDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(ids.length).toBeGreaterThan(4);
  });
});
