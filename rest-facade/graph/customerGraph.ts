import type { CustomerGraph } from '../authorization-details';
import { readAggregations, toGraphAggregation } from './aggregations';
import type { ExecuteOptions, GraphClient } from './client';
import { readObjectGraph } from './objectGraph';

export interface CustomerGraphInput {
  /** The accounts of the customer (their online profile's accounts). */
  accountIds: string[];
  /**
   * Aggregations a request names by number. Every aggregation grouping the customer's service
   * points is read in any case (an Aggregation Selection lists them all), and no other one is
   * theirs to see, so the numbers do not change the graph.
   */
  aggregationNumbers?: string[];
  /** The instant the graph is read at (ms): an aggregation's `grouped_meterdevices` are the meters installed then. */
  at: number;
}

/**
 * A customer's CustomerGraph through the federated gateway: their accounts with contracts, service
 * points and meters (one request per 100 accounts), then the aggregations grouping those service
 * points and the groups those are chunks of (one request), each holding only the customer's own
 * members (§9.2.3.5: the customer sees their part of an aggregation, never other tenants').
 */
export async function fetchCustomerGraph(graph: GraphClient, input: CustomerGraphInput, options: ExecuteOptions = {}): Promise<CustomerGraph> {
  const objects = await readObjectGraph(graph, { accountIds: input.accountIds }, options);
  const points = objects.service_points.map((p) => p.id);
  const nodes = points.length > 0 ? await readAggregations(graph, { groupedServicePointIds: points }, options) : [];
  const within = { aggregationIds: new Set(nodes.map((n) => n.id)) };
  return { ...objects, aggregations: nodes.map((n) => toGraphAggregation(n, objects, input.at, within)) };
}
