import type { CustomerGraph } from '../authorization-details';
import {
  allPages, chunks, fetchCustomerGraph, loadOperation, readAggregations, readObjectGraph, toGraphAggregation,
  type ExecuteOptions, type GraphClient, type GraphConnection,
} from '../graph';
import type { SectionFacts } from './usageReferences';

/**
 * Where the resolver reads the objects a Grant is about, through the federated graph: a
 * Customer's objects (consent Grants, the same graph the authorization form showed), or the
 * objects a direct-access Grant's preselections match across the utility (§6.2) with everything
 * around them.
 */
export interface GrantGraphSource {
  customer(customerId: string, options?: ExecuteOptions): Promise<CustomerGraph>;
  preselected(preselections: Preselections, options?: ExecuteOptions): Promise<CustomerGraph>;
  /** The Bill Sections relating to these contracts with `endDate` ≥ `after` and `startDate` ≤ `before` (dates; null = unbounded). */
  billSections(contractIds: string[], bounds: { after: string | null; before: string | null }, options?: ExecuteOptions): Promise<SectionFacts[]>;
}

/** The preselection fields a direct Grant populates (§7.1), each with its values; `addresses` as resolved to aggregation numbers. */
export interface Preselections {
  values: Partial<Record<SeedField, string[]>>;
  /** Read the grouped members' graphs too (the Grant reveals members of the named aggregations). */
  aggregation_members?: boolean;
}

type SeedKind = 'accounts' | 'contracts' | 'points' | 'meters' | 'aggregations';

/** Each preselection field → the listing of its object kind and the filter that matches it inside the legacy call. */
export const SEED_FILTERS = {
  account_numbers: ['accounts', 'accountNumbers'],
  account_programs: ['accounts', 'programNumbers'],
  contract_numbers: ['contracts', 'contractNumbers'],
  service_types: ['contracts', 'serviceTypes'],
  service_programs: ['contracts', 'programNumbers'],
  servicepoint_numbers: ['points', 'servicePointNumbers'],
  servicepoint_types: ['points', 'servicePointTypes'],
  premise_numbers: ['points', 'premiseNumbers'],
  meter_numbers: ['meters', 'meterNumbers'],
  meter_types: ['meters', 'meterTypes'],
  meter_apps: ['meters', 'appNumbers'],
  aggregation_numbers: ['aggregations', 'aggregationNumbers'],
} as const satisfies Record<string, readonly [SeedKind, string]>;

export type SeedField = keyof typeof SEED_FILTERS;

interface SeedPoint {
  id: string;
  currentServiceContracts: { accountId: string }[];
}

interface SeedsData {
  accounts?: GraphConnection<{ id: string }>;
  serviceContracts?: GraphConnection<{ accountId: string }>;
  servicePoints?: GraphConnection<SeedPoint>;
  meterDevices?: GraphConnection<{ id: string; currentServicePoints: SeedPoint[] }>;
}

interface SeedsVariables {
  accounts: Record<string, string[]> | null;
  contracts: Record<string, string[]> | null;
  points: Record<string, string[]> | null;
  meters: Record<string, string[]> | null;
  after: string | null;
  byAccounts: boolean;
  byContracts: boolean;
  byPoints: boolean;
  byMeters: boolean;
}

export const PreselectionSeedsOperation = loadOperation<SeedsData, SeedsVariables>(
  new URL('./operations/PreselectionSeeds.graphql', import.meta.url),
);

export const ReferencedBillSectionsOperation = loadOperation<
  { billSections: GraphConnection<SectionFacts> },
  { contracts: string[]; after: string | null; before: string | null; cursor: string | null }
>(new URL('./operations/ReferencedBillSections.graphql', import.meta.url));

export interface GraphSourceDeps {
  graph: GraphClient;
  /** The accounts of a customer (the consent pages' identity provider: the CIS profile's accounts). */
  accountsOf(customerId: string): Promise<string[]>;
  clock: () => number;
}

/** What the seeds of a direct Grant lead to: accounts (read with everything under them), and service points and meters on their own. */
interface Seeds {
  accounts: Set<string>;
  points: Set<string>;
  meters: Set<string>;
}

export function graphGrantSource(deps: GraphSourceDeps): GrantGraphSource {
  /** One field's matches, every page (≤ 1000 values a call). */
  async function seed(kind: Exclude<SeedKind, 'aggregations'>, filter: string, values: string[], seeds: Seeds, options?: ExecuteOptions) {
    const point = (p: SeedPoint) => {
      seeds.points.add(p.id);
      for (const c of p.currentServiceContracts) seeds.accounts.add(c.accountId);
    };
    for (const part of chunks(values)) {
      const f = { [filter]: part };
      const base = {
        accounts: kind === 'accounts' ? f : null, contracts: kind === 'contracts' ? f : null, points: kind === 'points' ? f : null,
        meters: kind === 'meters' ? f : null,
        byAccounts: kind === 'accounts', byContracts: kind === 'contracts', byPoints: kind === 'points', byMeters: kind === 'meters',
      };
      await allPages<unknown>(async (after) => {
        const data = await deps.graph.execute(PreselectionSeedsOperation, { ...base, after }, options);
        data.accounts?.nodes.forEach((a) => seeds.accounts.add(a.id));
        data.serviceContracts?.nodes.forEach((c) => seeds.accounts.add(c.accountId));
        data.servicePoints?.nodes.forEach(point);
        for (const m of data.meterDevices?.nodes ?? []) {
          seeds.meters.add(m.id);
          m.currentServicePoints.forEach(point);
        }
        return (data.accounts ?? data.serviceContracts ?? data.servicePoints ?? data.meterDevices) as GraphConnection<unknown>;
      });
    }
  }

  return {
    async billSections(contractIds, bounds, options) {
      const found: SectionFacts[] = [];
      for (const contracts of chunks(contractIds)) {
        found.push(...await allPages((cursor) => deps.graph.execute(ReferencedBillSectionsOperation, { contracts, ...bounds, cursor }, options)
          .then((data) => data.billSections)));
      }
      return found;
    },

    async customer(customerId, options) {
      return fetchCustomerGraph(deps.graph, { accountIds: await deps.accountsOf(customerId), at: deps.clock() }, options);
    },

    async preselected(preselections, options) {
      const seeds: Seeds = { accounts: new Set(), points: new Set(), meters: new Set() };
      const numbers = preselections.values.aggregation_numbers ?? [];
      const [named] = await Promise.all([
        numbers.length > 0 ? readAggregations(deps.graph, { aggregationNumbers: numbers }, options) : [],
        ...Object.entries(preselections.values).map(([field, values]) => {
          const [kind, filter] = SEED_FILTERS[field as SeedField];
          return kind === 'aggregations' || values.length === 0 ? null : seed(kind, filter, values, seeds, options);
        }),
      ]);
      if (preselections.aggregation_members) {
        // Members with no account (a vacant unit) are read on their own.
        for (const g of named) {
          g.groupedAccountIds.forEach((id) => seeds.accounts.add(id));
          g.groupedServicePointIds.forEach((id) => seeds.points.add(id));
        }
      }
      const at = deps.clock();
      const objects = await readObjectGraph(deps.graph, {
        accountIds: [...seeds.accounts], servicePointIds: [...seeds.points], meterDeviceIds: [...seeds.meters],
      }, options);
      const points = objects.service_points.map((p) => p.id);
      const grouping = points.length > 0 ? await readAggregations(deps.graph, { groupedServicePointIds: points }, options) : [];
      const nodes = new Map([...named, ...grouping].map((n) => [n.id, n]));
      // The whole utility is the base permission of a direct scope: members are kept as the graph holds them.
      return { ...objects, aggregations: [...nodes.values()].map((n) => toGraphAggregation(n, objects, at)) };
    },
  };
}
