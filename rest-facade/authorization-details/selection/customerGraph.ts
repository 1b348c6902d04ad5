import type { ObjectKind } from '../fields';
import type { GraphAddress } from './addresses';

/**
 * The plain data the selection and visibility rules work on: one Customer's accounts, service
 * contracts, service points, meter devices and aggregations (all within the Client's base
 * permissions), with the relationships and the numbers, types, programs and addresses that
 * preselection fields match. The access resolver and the consent pages fill it from the graph.
 * Ids are the Customer Data API ids (`cds_account_id`, …).
 */

export interface GraphAccount {
  id: string;
  account_number: string | null;
  customer_number?: string | null;
  account_name?: string | null;
  account_address?: GraphAddress | null;
  /** `cds_account_parent`. */
  parent_id?: string | null;
  /** `program_number`s of its Account Programs. */
  program_numbers?: string[];
}

export interface GraphServiceContract {
  id: string;
  /** `cds_account_id`. */
  account_id: string;
  contract_number: string | null;
  contract_address?: GraphAddress | null;
  service_types: string[];
  /** `program_number`s of its Service Programs. */
  program_numbers?: string[];
  rateplan_code?: string | null;
  /** First and last day of the agreement (dates in `cds_timezone`); null end = ongoing. */
  contract_start?: string | null;
  contract_end?: string | null;
}

export interface GraphServicePoint {
  id: string;
  servicepoint_number: string | null;
  servicepoint_types: string[];
  premise_numbers?: string[];
  servicepoint_address?: GraphAddress | null;
  current_servicecontracts: string[];
  previous_servicecontracts: string[];
}

/** A meter's installation at a service point; `end` null while installed (datetimes, UTC). */
export interface GraphInstallation {
  servicepoint_id: string;
  start: string | null;
  end: string | null;
}

export interface GraphMeterDevice {
  id: string;
  meter_number: string | null;
  meter_types: string[];
  /** `app_number`s of its Meter Apps. */
  app_numbers?: string[];
  /** Where and when it was installed; `current_servicepoints` are the open ones. */
  installations: GraphInstallation[];
}

export interface GraphAggregation {
  id: string;
  aggregation_number: string | null;
  aggregation_types?: string[];
  name?: string | null;
  grouped_accounts: string[];
  grouped_servicecontracts: string[];
  grouped_servicepoints: string[];
  grouped_meterdevices: string[];
  grouped_aggregations: string[];
  grouped_addresses?: GraphAddress[];
}

export interface CustomerGraph {
  accounts: GraphAccount[];
  service_contracts: GraphServiceContract[];
  service_points: GraphServicePoint[];
  meter_devices: GraphMeterDevice[];
  aggregations: GraphAggregation[];
}

/** Lookups over a graph, built once per evaluation. */
export interface GraphIndex {
  graph: CustomerGraph;
  account: Map<string, GraphAccount>;
  serviceContract: Map<string, GraphServiceContract>;
  servicePoint: Map<string, GraphServicePoint>;
  meterDevice: Map<string, GraphMeterDevice>;
  aggregation: Map<string, GraphAggregation>;
  contractsOfAccount: Map<string, GraphServiceContract[]>;
  /** Service points listing the contract, currently or previously. */
  pointsOfContract: Map<string, { point: GraphServicePoint; current: boolean }[]>;
  installationsAt: Map<string, { meter: GraphMeterDevice; installation: GraphInstallation }[]>;
  /** The ids of every object of each kind. */
  ids: Record<ObjectKind, ReadonlySet<string>>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexGraph(graph: CustomerGraph): GraphIndex {
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const ids = <T extends { id: string }>(items: T[]) => new Set(items.map((i) => i.id));
  const contractsOfAccount = new Map<string, GraphServiceContract[]>();
  for (const sc of graph.service_contracts) push(contractsOfAccount, sc.account_id, sc);
  const pointsOfContract = new Map<string, { point: GraphServicePoint; current: boolean }[]>();
  for (const point of graph.service_points) {
    for (const id of point.current_servicecontracts) push(pointsOfContract, id, { point, current: true });
    for (const id of point.previous_servicecontracts) push(pointsOfContract, id, { point, current: false });
  }
  const installationsAt = new Map<string, { meter: GraphMeterDevice; installation: GraphInstallation }[]>();
  for (const meter of graph.meter_devices) {
    for (const installation of meter.installations) push(installationsAt, installation.servicepoint_id, { meter, installation });
  }
  return {
    graph,
    account: byId(graph.accounts),
    serviceContract: byId(graph.service_contracts),
    servicePoint: byId(graph.service_points),
    meterDevice: byId(graph.meter_devices),
    aggregation: byId(graph.aggregations),
    contractsOfAccount,
    pointsOfContract,
    installationsAt,
    ids: {
      account: ids(graph.accounts), service_contract: ids(graph.service_contracts), service_point: ids(graph.service_points),
      meter_device: ids(graph.meter_devices), aggregation: ids(graph.aggregations),
    },
  };
}

/** Whether an installation is in place at instant `at` (ms): start ≤ at < end. */
export function installedAt(installation: GraphInstallation, at: number): boolean {
  const start = installation.start === null ? -Infinity : Date.parse(installation.start);
  const end = installation.end === null ? Infinity : Date.parse(installation.end);
  return start <= at && at < end;
}
