import { SELECTION_TYPES, type SelectionType } from '../fields';
import type { GraphAddress } from './addresses';
import type { GraphIndex } from './customerGraph';
import { allOf, project } from './relations';

/**
 * The Selection Components of the authorization form (cds-wg3-01 §9.2.3): what each offers, and
 * how the Customer's choice is recorded in the Grant — as the Selection type used (§6), so that
 * access follows the Customer's choice when the data changes.
 */

export interface SelectionEntry {
  id: string;
  /** account, contract, service point, meter or aggregation number. */
  number: string | null;
  name?: string | null;
  address?: string | null;
  /** service_types, servicepoint_types, meter_types or aggregation_types. */
  types?: string[];
  /** Service Contract entries: the account they belong to (§9.2.3.2). */
  account_number?: string | null;
  /** Service Contract entries: the meters that would be shared under them (§6.1.6). */
  meters?: { id: string; meter_number: string | null }[];
}

/** "Include future" exists on the Account and Service Contract Selections only (§9.2.3.1, §9.2.3.2). */
export function offersIncludeFuture(type: SelectionType): boolean {
  return type === 'account_selection' || type === 'service_contract_selection';
}

const text = (a: GraphAddress | null | undefined) => (a ? (typeof a === 'string' ? a : a.text) : null);

/** The entries a Selection of this type lists for the Customer, at instant `at` (ms). */
export function selectionEntries(type: SelectionType, index: GraphIndex, at: number): SelectionEntry[] {
  const { graph } = index;
  switch (type) {
    case 'account_selection':
      return graph.accounts.map((a) => ({ id: a.id, number: a.account_number, name: a.account_name ?? null, address: text(a.account_address) }));
    case 'service_contract_selection':
      return graph.service_contracts.map((s) => ({
        id: s.id, number: s.contract_number, types: s.service_types, address: text(s.contract_address),
        account_number: index.account.get(s.account_id)?.account_number ?? null,
        meters: [...project(index, 'service_contract', [s.id], 'meter_device', at)]
          .map((id) => ({ id, meter_number: index.meterDevice.get(id)!.meter_number })),
      }));
    case 'servicepoint_selection':
      return graph.service_points.map((p) => ({
        id: p.id, number: p.servicepoint_number, types: p.servicepoint_types, address: text(p.servicepoint_address),
      }));
    case 'meter_device_selection':
      return graph.meter_devices.map((m) => ({ id: m.id, number: m.meter_number, types: m.meter_types }));
    case 'aggregation_selection':
      return graph.aggregations.map((a) => ({
        id: a.id, number: a.aggregation_number, name: a.name ?? null, types: a.aggregation_types ?? [],
        address: text(a.grouped_addresses?.[0]),
      }));
  }
}

/** The Customer's choice on one Selection, as stored with the Grant. */
export interface SelectionRecord {
  type: SelectionType;
  /** The entries the Customer selected. */
  selected: string[];
  /** Objects of this kind that appear later are included too. */
  include_future: boolean;
  /** Every entry the Selection listed at approval; anything else that appears later is "future". */
  offered: string[];
}

/** Records an approval's choice; a string says why it cannot be recorded. */
export function recordSelection(
  type: SelectionType, index: GraphIndex, chosen: readonly string[], includeFuture: boolean,
): SelectionRecord | string {
  const offered = [...allOf(index, SELECTION_TYPES[type])].sort();
  const unknown = chosen.filter((id) => !offered.includes(id));
  if (unknown.length) return `not offered by the ${type}: ${unknown.join(', ')}`;
  if (includeFuture && !offersIncludeFuture(type)) return `the ${type} has no "include future" option`;
  if (chosen.length === 0 && !includeFuture) return 'nothing selected';
  return { type, selected: [...new Set(chosen)].sort(), include_future: includeFuture, offered };
}

/** The objects a recorded Selection stands for in today's graph (vanished ones drop out). */
export function selectedIds(record: SelectionRecord, index: GraphIndex): Set<string> {
  const now = allOf(index, SELECTION_TYPES[record.type]);
  const offered = new Set(record.offered);
  const ids = record.selected.filter((id) => now.has(id));
  if (record.include_future) ids.push(...[...now].filter((id) => !offered.has(id)));
  return new Set(ids);
}
