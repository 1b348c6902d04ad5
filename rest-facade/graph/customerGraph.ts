import type {
  CustomerGraph, GraphAccount, GraphAggregation, GraphMeterDevice, GraphServiceContract, GraphServicePoint,
} from '../authorization-details';
import type { ExecuteOptions, GraphClient } from './client';
import { loadOperation } from './operations';

interface MeterNode {
  id: string;
  meterNumber: string | null;
  meterTypes: string[];
  currentServicePointIds: string[];
  previousServicePointIds: string[];
  meterApps: { appNumber: string }[];
}

interface PointNode {
  id: string;
  servicePointNumber: string | null;
  servicePointTypes: string[];
  servicePointAddress: string | null;
  currentServiceContractIds: string[];
  previousServiceContractIds: string[];
  premises: { premiseNumber: string }[];
  currentMeterDevices: MeterNode[];
  previousMeterDevices: MeterNode[];
}

interface ContractNode {
  id: string;
  accountId: string;
  contractNumber: string | null;
  contractAddress: string | null;
  serviceTypes: string[];
  ratePlanCode: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  servicePrograms: { programNumber: string }[];
  servicePoints: PointNode[];
}

interface AccountNode {
  id: string;
  accountNumber: string | null;
  customerNumber: string | null;
  accountName: string | null;
  accountAddress: string | null;
  parentAccountId: string | null;
  accountPrograms: { programNumber: string }[];
  serviceContracts: ContractNode[];
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

interface CustomerGraphData {
  accounts: { nodes: AccountNode[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
  aggregations?: { nodes: AggregationNode[] };
}

interface CustomerGraphVariables {
  accountIds: string[];
  after: string | null;
  aggregationNumbers: string[] | null;
  withAggregations: boolean;
}

export const CustomerGraphOperation = loadOperation<CustomerGraphData, CustomerGraphVariables>(
  new URL('./operations/CustomerGraph.graphql', import.meta.url),
);

export interface CustomerGraphInput {
  /** The accounts of the customer (their online profile's accounts). */
  accountIds: string[];
  /** Aggregations to consider, by number (e.g. a request's `aggregation_numbers`); kept only when they group this customer's objects. */
  aggregationNumbers?: string[];
  /** The instant the graph is read at (ms): previous meter installs end before it. */
  at: number;
}

/**
 * Builds a customer's CustomerGraph through the federated gateway: one request per 100 accounts
 * (a residential customer is one request). The MDM's install dates are not in the graph: a current
 * install counts as open, a previous one as ended before `at`.
 */
export async function fetchCustomerGraph(graph: GraphClient, input: CustomerGraphInput, options: ExecuteOptions = {}): Promise<CustomerGraph> {
  const accounts = new Map<string, GraphAccount>();
  const contracts = new Map<string, GraphServiceContract>();
  const points = new Map<string, GraphServicePoint>();
  const meters = new Map<string, GraphMeterDevice>();
  let aggregationNodes: AggregationNode[] = [];
  const ended = new Date(input.at).toISOString();

  const meter = (m: MeterNode) => {
    if (meters.has(m.id)) return;
    meters.set(m.id, {
      id: m.id,
      meter_number: m.meterNumber,
      meter_types: m.meterTypes,
      app_numbers: m.meterApps.map((a) => a.appNumber),
      installations: [
        ...m.currentServicePointIds.map((sp) => ({ servicepoint_id: sp, start: null, end: null })),
        ...m.previousServicePointIds.map((sp) => ({ servicepoint_id: sp, start: null, end: ended })),
      ],
    });
  };

  let after: string | null = null;
  const withAggregations = (input.aggregationNumbers?.length ?? 0) > 0;
  if (input.accountIds.length > 0) {
    do {
      const data: CustomerGraphData = await graph.execute(CustomerGraphOperation, {
        accountIds: input.accountIds, after, aggregationNumbers: input.aggregationNumbers ?? null,
        withAggregations: withAggregations && after === null,
      }, options);
      if (data.aggregations) aggregationNodes = data.aggregations.nodes;
      for (const a of data.accounts.nodes) {
        accounts.set(a.id, {
          id: a.id, account_number: a.accountNumber, customer_number: a.customerNumber, account_name: a.accountName,
          account_address: a.accountAddress, parent_id: a.parentAccountId, program_numbers: a.accountPrograms.map((p) => p.programNumber),
        });
        for (const sc of a.serviceContracts) {
          contracts.set(sc.id, {
            id: sc.id, account_id: sc.accountId, contract_number: sc.contractNumber, contract_address: sc.contractAddress,
            service_types: sc.serviceTypes, program_numbers: sc.servicePrograms.map((p) => p.programNumber),
            rateplan_code: sc.ratePlanCode, contract_start: sc.contractStart, contract_end: sc.contractEnd,
          });
          for (const sp of sc.servicePoints) {
            if (!points.has(sp.id)) {
              points.set(sp.id, {
                id: sp.id, servicepoint_number: sp.servicePointNumber, servicepoint_types: sp.servicePointTypes,
                premise_numbers: sp.premises.map((p) => p.premiseNumber), servicepoint_address: sp.servicePointAddress,
                current_servicecontracts: sp.currentServiceContractIds, previous_servicecontracts: sp.previousServiceContractIds,
              });
            }
            sp.currentMeterDevices.forEach(meter);
            sp.previousMeterDevices.forEach(meter);
          }
        }
      }
      after = data.accounts.pageInfo.hasNextPage ? data.accounts.pageInfo.endCursor : null;
    } while (after !== null);
  }

  // Only aggregations that group something of this customer's are theirs to see (§9.2.3.5).
  const aggregations: GraphAggregation[] = aggregationNodes
    .filter((g) => g.groupedServicePointIds.some((id) => points.has(id)) || g.groupedAccountIds.some((id) => accounts.has(id)))
    .map((g) => ({
      id: g.id, aggregation_number: g.aggregationNumber, aggregation_types: g.aggregationTypes,
      grouped_accounts: g.groupedAccountIds.filter((id) => accounts.has(id)),
      grouped_servicecontracts: g.groupedServiceContractIds.filter((id) => contracts.has(id)),
      grouped_servicepoints: g.groupedServicePointIds.filter((id) => points.has(id)),
      grouped_meterdevices: [...meters.values()].filter((m) => m.installations.some((i) => i.end === null && g.groupedServicePointIds.includes(i.servicepoint_id))).map((m) => m.id),
      grouped_aggregations: g.groupedAggregationIds,
      grouped_addresses: g.groupedAddresses,
    }));

  return {
    accounts: [...accounts.values()],
    service_contracts: [...contracts.values()],
    service_points: [...points.values()],
    meter_devices: [...meters.values()],
    aggregations,
  };
}
