import type { ObjectKind } from '../fields';
import { installedAt, type GraphIndex } from './customerGraph';

/**
 * Walking the Customer graph between object kinds the way §7.1 relates them: account ↔ service
 * contract (`cds_account_id`) ↔ service point (`current_servicecontracts`) ↔ meter
 * (`current_servicepoints`), each link as it stands at instant `at`; aggregations by `grouped_*`.
 */

const CHAIN: readonly ObjectKind[] = ['account', 'service_contract', 'service_point', 'meter_device'];

const GROUPED = {
  account: 'grouped_accounts',
  service_contract: 'grouped_servicecontracts',
  service_point: 'grouped_servicepoints',
  meter_device: 'grouped_meterdevices',
  aggregation: 'grouped_aggregations',
} as const satisfies Record<ObjectKind, string>;

/** One step along the chain, from `kind` to the next kind towards `to`. */
function step(index: GraphIndex, kind: ObjectKind, ids: Set<string>, to: ObjectKind, at: number): Set<string> {
  const out = new Set<string>();
  const add = (id: string | undefined) => id !== undefined && out.add(id);
  if (kind === 'account' && to === 'service_contract') {
    for (const id of ids) for (const sc of index.contractsOfAccount.get(id) ?? []) add(sc.id);
  } else if (kind === 'service_contract' && to === 'account') {
    for (const id of ids) add(index.serviceContract.get(id)?.account_id);
  } else if (kind === 'service_contract' && to === 'service_point') {
    for (const id of ids) for (const { point, current } of index.pointsOfContract.get(id) ?? []) if (current) add(point.id);
  } else if (kind === 'service_point' && to === 'service_contract') {
    for (const id of ids) for (const sc of index.servicePoint.get(id)?.current_servicecontracts ?? []) add(sc);
  } else if (kind === 'service_point' && to === 'meter_device') {
    for (const id of ids) {
      for (const { meter, installation } of index.installationsAt.get(id) ?? []) if (installedAt(installation, at)) add(meter.id);
    }
  } else if (kind === 'meter_device' && to === 'service_point') {
    for (const id of ids) {
      for (const installation of index.meterDevice.get(id)?.installations ?? []) {
        if (installedAt(installation, at)) add(installation.servicepoint_id);
      }
    }
  }
  return out;
}

function existing(index: GraphIndex, kind: ObjectKind, ids: Iterable<string>): Set<string> {
  return new Set([...ids].filter((id) => index.ids[kind].has(id)));
}

/** Every object of kind `kind` in the graph (shared: do not modify). */
export function allOf(index: GraphIndex, kind: ObjectKind): ReadonlySet<string> {
  return index.ids[kind];
}

/** The objects of kind `to` related to `ids` (of kind `from`) at instant `at`. */
export function project(index: GraphIndex, from: ObjectKind, ids: Iterable<string>, to: ObjectKind, at: number): Set<string> {
  const seeds = existing(index, from, ids);
  if (from === to) return seeds;
  if (from === 'aggregation') {
    const out = new Set<string>();
    for (const id of seeds) for (const member of index.aggregation.get(id)![GROUPED[to]]) out.add(member);
    return existing(index, to, out);
  }
  if (to === 'aggregation') {
    const field = GROUPED[from];
    return new Set(index.graph.aggregations.filter((a) => a[field].some((m) => seeds.has(m))).map((a) => a.id));
  }
  let kind: ObjectKind = from;
  let current = seeds;
  const direction = Math.sign(CHAIN.indexOf(to) - CHAIN.indexOf(from));
  while (kind !== to) {
    const next: ObjectKind = CHAIN[CHAIN.indexOf(kind) + direction];
    current = step(index, kind, current, next, at);
    kind = next;
  }
  return current;
}
