import { installedAt, type GraphAggregation, type GraphMeterDevice } from '../authorization-details';
import type { ExecuteOptions, GraphClient } from './client';
import type { ObjectGraph } from './objectGraph';
import { loadOperation } from './operations';
import { allPages, chunks, type GraphConnection } from './pages';

export interface AggregationNode {
  id: string;
  aggregationNumber: string | null;
  aggregationTypes: string[];
  groupedServicePointIds: string[];
  groupedServiceContractIds: string[];
  groupedAccountIds: string[];
  groupedAggregationIds: string[];
  groupedAddresses: string[];
}

/** The AggregationFilter fields the facade reads aggregations by. */
export type AggregationsFilter = { groupedServicePointIds: string[] } | { aggregationNumbers: string[] } | { ids: string[] };

interface AggregationsData {
  aggregations: GraphConnection<AggregationNode & { parentAggregation: AggregationNode | null }>;
}

export const AggregationsOperation = loadOperation<AggregationsData, { filter: AggregationsFilter; after: string | null }>(
  new URL('./operations/Aggregations.graphql', import.meta.url),
);

/**
 * The aggregations matching the filter (a list of more than 1000 values is read in parts), each
 * with the group it is a chunk of; de-duplicated.
 */
export async function readAggregations(graph: GraphClient, filter: AggregationsFilter, options: ExecuteOptions = {}): Promise<AggregationNode[]> {
  const [key, values] = Object.entries(filter)[0] as [keyof AggregationsFilter, string[]];
  const found = new Map<string, AggregationNode>();
  for (const part of chunks(values)) {
    const nodes = await allPages((after) => graph.execute(AggregationsOperation, { filter: { [key]: part } as AggregationsFilter, after }, options)
      .then((data) => data.aggregations));
    for (const { parentAggregation, ...node } of nodes) {
      found.set(node.id, node);
      if (parentAggregation) found.set(parentAggregation.id, parentAggregation);
    }
  }
  return [...found.values()];
}

/** Meters installed at instant `at` at one of the service points. */
function metersAt(meters: readonly GraphMeterDevice[], points: readonly string[], at: number): string[] {
  return meters.filter((m) => m.installations.some((i) => points.includes(i.servicepoint_id) && installedAt(i, at))).map((m) => m.id);
}

/**
 * An aggregation as the visibility rules read it over `objects`; `grouped_meterdevices` are the
 * graph's meters installed at its grouped service points at `at`. `within` keeps only the grouped
 * members that are in the graph (a customer's base permission: other tenants' objects stay out).
 */
export function toGraphAggregation(node: AggregationNode, objects: ObjectGraph, at: number, within?: { aggregationIds: ReadonlySet<string> }): GraphAggregation {
  const keep = (ids: string[], present: { id: string }[]) => {
    if (!within) return ids;
    const set = new Set(present.map((o) => o.id));
    return ids.filter((id) => set.has(id));
  };
  return {
    id: node.id, aggregation_number: node.aggregationNumber, aggregation_types: node.aggregationTypes,
    grouped_accounts: keep(node.groupedAccountIds, objects.accounts),
    grouped_servicecontracts: keep(node.groupedServiceContractIds, objects.service_contracts),
    grouped_servicepoints: keep(node.groupedServicePointIds, objects.service_points),
    grouped_meterdevices: metersAt(objects.meter_devices, node.groupedServicePointIds, at),
    grouped_aggregations: within ? node.groupedAggregationIds.filter((id) => within.aggregationIds.has(id)) : node.groupedAggregationIds,
    grouped_addresses: node.groupedAddresses,
  };
}
