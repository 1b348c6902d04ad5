import type {
  CustomerGraph, GraphAccount, GraphMeterDevice, GraphServiceContract, GraphServicePoint,
} from '../authorization-details';
import type { ExecuteOptions, GraphClient } from './client';
import { loadOperation } from './operations';
import { chunks, type GraphConnection } from './pages';

interface MeterNode {
  id: string;
  meterNumber: string | null;
  meterTypes: string[];
  meterApps: { appNumber: string }[];
  installations: { servicePointId: string; installed: string; removed: string | null }[];
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

interface AccountNode {
  id: string;
  accountNumber: string | null;
  customerNumber: string | null;
  accountName: string | null;
  accountAddress: string | null;
  parentAccountId: string | null;
  accountPrograms: { programNumber: string }[];
  serviceContracts: {
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
  }[];
}

interface CustomerGraphData {
  accounts?: GraphConnection<AccountNode>;
  servicePoints?: GraphConnection<PointNode>;
  meterDevices?: GraphConnection<MeterNode>;
}

interface CustomerGraphVariables {
  accountIds: string[] | null;
  servicePointIds: string[] | null;
  meterDeviceIds: string[] | null;
  accountsAfter: string | null;
  pointsAfter: string | null;
  metersAfter: string | null;
  withAccounts: boolean;
  withPoints: boolean;
  withMeters: boolean;
}

export const CustomerGraphOperation = loadOperation<CustomerGraphData, CustomerGraphVariables>(
  new URL('./operations/CustomerGraph.graphql', import.meta.url),
);

/** Which objects to read: accounts with everything under them, and service points and meters on their own. */
export interface ObjectGraphInput {
  accountIds: string[];
  servicePointIds?: string[];
  meterDeviceIds?: string[];
}

/** A CustomerGraph before its aggregations are added. */
export type ObjectGraph = Omit<CustomerGraph, 'aggregations'>;

const LISTINGS = [
  ['accounts', 'accountIds', 'accountsAfter', 'withAccounts'],
  ['servicePoints', 'servicePointIds', 'pointsAfter', 'withPoints'],
  ['meterDevices', 'meterDeviceIds', 'metersAfter', 'withMeters'],
] as const;

/**
 * Reads the objects through the gateway: one request per 100 objects of each listing (the three
 * listings page side by side, so a residential customer is one request). Relationships come with
 * them: a contract's service points, a service point's meters (current and previous) with their
 * dated installs.
 */
export async function readObjectGraph(graph: GraphClient, input: ObjectGraphInput, options: ExecuteOptions = {}): Promise<ObjectGraph> {
  const accounts = new Map<string, GraphAccount>();
  const contracts = new Map<string, GraphServiceContract>();
  const points = new Map<string, GraphServicePoint>();
  const meters = new Map<string, GraphMeterDevice>();

  const meter = (m: MeterNode) => {
    if (meters.has(m.id)) return;
    meters.set(m.id, {
      id: m.id, meter_number: m.meterNumber, meter_types: m.meterTypes, app_numbers: m.meterApps.map((a) => a.appNumber),
      installations: m.installations.map((i) => ({ servicepoint_id: i.servicePointId, start: i.installed, end: i.removed })),
    });
  };
  const point = (sp: PointNode) => {
    if (!points.has(sp.id)) {
      points.set(sp.id, {
        id: sp.id, servicepoint_number: sp.servicePointNumber, servicepoint_types: sp.servicePointTypes,
        premise_numbers: sp.premises.map((p) => p.premiseNumber), servicepoint_address: sp.servicePointAddress,
        current_servicecontracts: sp.currentServiceContractIds, previous_servicecontracts: sp.previousServiceContractIds,
      });
    }
    sp.currentMeterDevices.forEach(meter);
    sp.previousMeterDevices.forEach(meter);
  };
  const account = (a: AccountNode) => {
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
      sc.servicePoints.forEach(point);
    }
  };

  // Per listing: the id lists still to read (≤ 1000 ids each) and the cursor within the first.
  const queues = {
    accounts: chunks(input.accountIds), servicePoints: chunks(input.servicePointIds ?? []), meterDevices: chunks(input.meterDeviceIds ?? []),
  };
  const cursors: Record<(typeof LISTINGS)[number][0], string | null> = { accounts: null, servicePoints: null, meterDevices: null };
  while (LISTINGS.some(([name]) => queues[name].length > 0)) {
    const variables = {} as CustomerGraphVariables;
    for (const [name, ids, after, include] of LISTINGS) {
      variables[ids] = queues[name][0] ?? null;
      variables[after] = cursors[name];
      variables[include] = queues[name].length > 0;
    }
    const data = await graph.execute(CustomerGraphOperation, variables, options);
    data.accounts?.nodes.forEach(account);
    data.servicePoints?.nodes.forEach(point);
    data.meterDevices?.nodes.forEach(meter);
    for (const [name] of LISTINGS) {
      const connection = data[name];
      if (!connection) continue;
      cursors[name] = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      if (cursors[name] === null) queues[name].shift();
    }
  }

  return {
    accounts: [...accounts.values()],
    service_contracts: [...contracts.values()],
    service_points: [...points.values()],
    meter_devices: [...meters.values()],
  };
}
