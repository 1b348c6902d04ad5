import type { CustomerGraph, GraphAggregation, GraphMeterDevice, GraphServicePoint } from '../authorization-details';
import { fetchCustomerGraph, loadOperation, type ExecuteOptions, type GraphClient } from '../graph';

/**
 * Where the resolver reads the objects a Grant is about, through the federated graph: a
 * Customer's objects (consent Grants, the same graph the authorization form showed), or the
 * objects a direct-access Grant's preselections name (§6.2) with everything around them.
 */
export interface GrantGraphSource {
  customer(customerId: string, options?: ExecuteOptions): Promise<CustomerGraph>;
  preselected(numbers: PreselectedNumbers, options?: ExecuteOptions): Promise<CustomerGraph>;
}

/** The number-valued preselection fields that name objects (§7.1); other fields narrow within them. */
export interface PreselectedNumbers {
  account_numbers?: string[];
  contract_numbers?: string[];
  servicepoint_numbers?: string[];
  meter_numbers?: string[];
  aggregation_numbers?: string[];
  /** Read the grouped members' graphs too (the Grant reveals members of the named aggregations). */
  aggregation_members?: boolean;
}

interface AggregationNode {
  id: string;
  aggregationNumber: string | null;
  aggregationTypes: string[];
  groupedServicePointIds: string[];
  groupedServiceContractIds: string[];
  groupedAccountIds: string[];
  groupedAggregationIds: string[];
  groupedAddresses: string[];
}

interface PointNode {
  id: string;
  servicePointNumber: string | null;
  servicePointTypes: string[];
  servicePointAddress: string | null;
  currentServiceContractIds: string[];
  previousServiceContractIds: string[];
  premises: { premiseNumber: string }[];
  currentServiceContracts: { accountId: string }[];
}

interface MeterNode {
  id: string;
  meterNumber: string | null;
  meterTypes: string[];
  currentServicePointIds: string[];
  previousServicePointIds: string[];
  meterApps: { appNumber: string }[];
  currentServicePoints: PointNode[];
}

interface SeedsData {
  accounts?: { nodes: { id: string }[] };
  serviceContracts?: { nodes: { accountId: string }[] };
  servicePoints?: { nodes: PointNode[] };
  meterDevices?: { nodes: MeterNode[] };
  aggregations?: { nodes: AggregationNode[] };
}

interface SeedsVariables {
  accountNumbers: string[] | null;
  contractNumbers: string[] | null;
  servicePointNumbers: string[] | null;
  meterNumbers: string[] | null;
  aggregationNumbers: string[] | null;
  byAccounts: boolean;
  byContracts: boolean;
  byPoints: boolean;
  byMeters: boolean;
  byAggregations: boolean;
}

export const PreselectionSeedsOperation = loadOperation<SeedsData, SeedsVariables>(
  new URL('./operations/PreselectionSeeds.graphql', import.meta.url),
);

export interface GraphSourceDeps {
  graph: GraphClient;
  /** The accounts of a customer (the consent pages' identity provider: the CIS profile's accounts). */
  accountsOf(customerId: string): Promise<string[]>;
  clock: () => number;
}

function toPoint(p: PointNode): GraphServicePoint {
  return {
    id: p.id, servicepoint_number: p.servicePointNumber, servicepoint_types: p.servicePointTypes,
    premise_numbers: p.premises.map((x) => x.premiseNumber), servicepoint_address: p.servicePointAddress,
    current_servicecontracts: p.currentServiceContractIds, previous_servicecontracts: p.previousServiceContractIds,
  };
}

/** As the customer graph reads installs: current ones open, previous ones ended before `at`. */
function toMeter(m: MeterNode, at: number): GraphMeterDevice {
  const ended = new Date(at).toISOString();
  return {
    id: m.id, meter_number: m.meterNumber, meter_types: m.meterTypes, app_numbers: m.meterApps.map((a) => a.appNumber),
    installations: [
      ...m.currentServicePointIds.map((sp) => ({ servicepoint_id: sp, start: null, end: null })),
      ...m.previousServicePointIds.map((sp) => ({ servicepoint_id: sp, start: null, end: ended })),
    ],
  };
}

function toAggregation(g: AggregationNode): GraphAggregation {
  return {
    id: g.id, aggregation_number: g.aggregationNumber, aggregation_types: g.aggregationTypes,
    grouped_accounts: g.groupedAccountIds, grouped_servicecontracts: g.groupedServiceContractIds,
    grouped_servicepoints: g.groupedServicePointIds, grouped_meterdevices: [], grouped_aggregations: g.groupedAggregationIds,
    grouped_addresses: g.groupedAddresses,
  };
}

export function graphGrantSource(deps: GraphSourceDeps): GrantGraphSource {
  const list = (values: string[] | undefined) => (values && values.length > 0 ? values : null);
  return {
    async customer(customerId, options) {
      return fetchCustomerGraph(deps.graph, { accountIds: await deps.accountsOf(customerId), at: deps.clock() }, options);
    },

    async preselected(numbers, options) {
      const v: SeedsVariables = {
        accountNumbers: list(numbers.account_numbers), contractNumbers: list(numbers.contract_numbers),
        servicePointNumbers: list(numbers.servicepoint_numbers), meterNumbers: list(numbers.meter_numbers),
        aggregationNumbers: list(numbers.aggregation_numbers),
        byAccounts: false, byContracts: false, byPoints: false, byMeters: false, byAggregations: false,
      };
      v.byAccounts = v.accountNumbers !== null;
      v.byContracts = v.contractNumbers !== null;
      v.byPoints = v.servicePointNumbers !== null;
      v.byMeters = v.meterNumbers !== null;
      v.byAggregations = v.aggregationNumbers !== null;
      const seeds = await deps.graph.execute(PreselectionSeedsOperation, v, options);
      const aggregations = (seeds.aggregations?.nodes ?? []).map(toAggregation);
      const accountIds = new Set<string>([
        ...(seeds.accounts?.nodes ?? []).map((a) => a.id),
        ...(seeds.serviceContracts?.nodes ?? []).map((c) => c.accountId),
        ...(seeds.servicePoints?.nodes ?? []).flatMap((p) => p.currentServiceContracts.map((c) => c.accountId)),
        ...(seeds.meterDevices?.nodes ?? []).flatMap((m) => m.currentServicePoints.flatMap((p) => p.currentServiceContracts.map((c) => c.accountId))),
        ...(numbers.aggregation_members ? aggregations.flatMap((g) => g.grouped_accounts) : []),
      ]);
      const at = deps.clock();
      const graph = accountIds.size > 0
        ? await fetchCustomerGraph(deps.graph, { accountIds: [...accountIds], at }, options)
        : { accounts: [], service_contracts: [], service_points: [], meter_devices: [], aggregations: [] };
      // The named objects belong in the graph even when no account leads to them.
      const points = new Set(graph.service_points.map((p) => p.id));
      const seededPoints = [...(seeds.servicePoints?.nodes ?? []), ...(seeds.meterDevices?.nodes ?? []).flatMap((m) => m.currentServicePoints)];
      for (const p of seededPoints) {
        if (points.has(p.id)) continue;
        points.add(p.id);
        graph.service_points.push(toPoint(p));
      }
      const meterIds = new Set(graph.meter_devices.map((m) => m.id));
      for (const m of seeds.meterDevices?.nodes ?? []) if (!meterIds.has(m.id)) graph.meter_devices.push(toMeter(m, at));
      // Members are listed as the graph holds them (pruned to what the Grant may see by the visibility rules).
      const meters = (g: GraphAggregation) => graph.meter_devices
        .filter((m) => m.installations.some((i) => i.end === null && g.grouped_servicepoints.includes(i.servicepoint_id))).map((m) => m.id);
      return { ...graph, aggregations: aggregations.map((g) => ({ ...g, grouped_meterdevices: meters(g) })) };
    },
  };
}
