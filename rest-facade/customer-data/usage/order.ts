import type { Window } from '../../access';
import type { GraphPage, Stream } from '../endpoint';
import type { GraphQuery } from '../graphQuery';
import { documentOperation } from '../operation';
import type { VisibleReferences } from '../references';

/**
 * §10.8.8 orders Usage Segments by `aggregation_number`, `account_number`, `contract_number` of
 * their related objects, then `segment_start`. The metering graph lists given meters in the given
 * order, then by time; so the facade orders the meters. A meter's key takes the smallest number
 * among the related objects the token may see, nulls last (digest part 10 #15), then the meter id.
 */

interface UsageContract {
  id: string;
  contractNumber: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  accountId: string;
  account: { accountNumber: string | null } | null;
}
interface UsagePoint {
  id: string;
  currentServiceContracts: UsageContract[];
  previousServiceContracts: UsageContract[];
}
interface UsageMeter {
  id: string;
  currentServicePoints: UsagePoint[];
  previousServicePoints: UsagePoint[];
}

const UsageMeters = documentOperation<{ page: GraphPage<UsageMeter> }>('UsageMeters');
const UsageAggregations = documentOperation<{ page: GraphPage<{ id: string; aggregationNumber: string | null; groupedServicePointIds: string[] }> }>('UsageAggregations');
const FACTS_TTL_SECONDS = 300;
const PAGE = 100;
/** The graph's limit on meters per usage listing. */
const METERS_PER_STREAM = 1000;

/** What a meter's usage relates to, as far as ordering and bill sections need. */
export interface MeterFacts {
  points: string[];
  contracts: UsageContract[];
}

export async function meterFacts(ids: readonly string[], graph: GraphQuery): Promise<Map<string, MeterFacts>> {
  const facts = new Map<string, MeterFacts>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const { page } = await graph.run(UsageMeters, { ids: ids.slice(i, i + PAGE), first: PAGE }, FACTS_TTL_SECONDS);
    for (const m of page.nodes) {
      const points = [...m.currentServicePoints, ...m.previousServicePoints];
      const contracts = new Map(points.flatMap((p) => [...p.currentServiceContracts, ...p.previousServiceContracts]).map((c) => [c.id, c]));
      facts.set(m.id, { points: points.map((p) => p.id), contracts: [...contracts.values()] });
    }
  }
  return facts;
}

/** Aggregation numbers per service point, over the aggregations the token may see. */
async function aggregationNumbers(refs: VisibleReferences, graph: GraphQuery): Promise<Map<string, string[]>> {
  const byPoint = new Map<string, string[]>();
  const ids = refs.restriction('aggregations');
  if (ids !== undefined && ids.length === 0) return byPoint;
  let after: string | null = null;
  do {
    const { page }: { page: GraphPage<{ id: string; aggregationNumber: string | null; groupedServicePointIds: string[] }> } =
      await graph.run(UsageAggregations, { ids, first: PAGE, after }, FACTS_TTL_SECONDS);
    for (const g of page.nodes) {
      if (g.aggregationNumber === null) continue;
      for (const sp of g.groupedServicePointIds) byPoint.set(sp, [...(byPoint.get(sp) ?? []), g.aggregationNumber]);
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return byPoint;
}

const smallest = (values: (string | null | undefined)[]) =>
  values.filter((v): v is string => typeof v === 'string').sort()[0] ?? null;

/** Nulls last, then code-unit order ("alphanumeric"). */
function compareKeys(a: (string | null)[], b: (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] === null) return 1;
    if (b[i] === null) return -1;
    return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

/**
 * The streams of a usage listing: (meter, window) pairs in §10.8.8 order, consecutive meters
 * sharing a window walked by one graph listing (at most 1000 meters each).
 */
/** An aggregation's own usage in a window, walked as a stream of its own (./aggregates.ts). */
export interface AggregatePair {
  id: string;
  number: string | null;
  window: Window;
  variables: Record<string, unknown>;
}

export async function usageStreams(
  meters: ReadonlyMap<string, Window[]>, facts: ReadonlyMap<string, MeterFacts>, refs: VisibleReferences, graph: GraphQuery,
  filter: Record<string, unknown>, aggregates: readonly AggregatePair[] = [],
): Promise<Stream[]> {
  const aggregations = await aggregationNumbers(refs, graph);
  const keyOf = (id: string) => {
    const f = facts.get(id);
    const contracts = (f?.contracts ?? []).filter((c) => refs.has('service_contracts', c.id));
    const accounts = (f?.contracts ?? []).filter((c) => refs.has('accounts', c.accountId));
    return [
      smallest((f?.points ?? []).flatMap((p) => aggregations.get(p) ?? [])),
      smallest(accounts.map((c) => c.account?.accountNumber)),
      smallest(contracts.map((c) => c.contractNumber)),
      id,
    ];
  };
  const pairs: { id: string; key: (string | null)[]; window: Window; aggregate?: AggregatePair }[] = [...meters].flatMap(([id, windows]) => {
    const key = keyOf(id);
    return windows.map((window) => ({ id, key, window }));
  });
  // An aggregation's own segments relate to it alone: its number, then nothing.
  for (const a of aggregates) pairs.push({ id: a.id, key: [a.number, null, null, a.id], window: a.window, aggregate: a });
  const startOf = (w: Window) => (w.start === null ? -Infinity : Date.parse(w.start));
  pairs.sort((a, b) => compareKeys(a.key, b.key) || Math.sign(startOf(a.window) - startOf(b.window)) || 0);
  const streams: Stream[] = [];
  let run: { window: Window; ids: string[] } | null = null;
  const close = () => {
    if (run) streams.push({ variables: { filter: { ...filter, meterDeviceIds: run.ids, windowStart: run.window.start, windowEnd: run.window.end } } });
  };
  for (const pair of pairs) {
    if (pair.aggregate) {
      close();
      run = null;
      streams.push({ variables: pair.aggregate.variables });
      continue;
    }
    if (run && run.window.start === pair.window.start && run.window.end === pair.window.end
      && run.ids.length < METERS_PER_STREAM && !run.ids.includes(pair.id)) {
      run.ids.push(pair.id);
    } else {
      close();
      run = { window: pair.window, ids: [pair.id] };
    }
  }
  close();
  return streams;
}
