import { PRESELECTION_FIELDS, SELECTION_TYPES, type ObjectKind, type PreselectionField, type SelectionType } from '../fields';
import { matchAddresses, US_LOCALE, type AddressLocale, type GraphAddress } from './addresses';
import type { GraphIndex } from './customerGraph';
import { allOf, project } from './relations';

/**
 * Which objects preselection fields match (cds-wg3-01 §7.1): on the authorization form, the entries
 * a Selection starts with; on direct scopes, the objects a Grant is filtered to. Several non-null
 * fields intersect (§7.1); a field's matches reach other kinds along the §7.1 paths.
 */

export interface MatchOptions {
  /** Instant (ms) the relationships are read at. */
  at: number;
  locale?: AddressLocale;
}

const hasAny = (values: readonly string[] | undefined, wanted: Set<string>) => (values ?? []).some((v) => wanted.has(v));

/** Objects of the field's own kind whose value matches one of `values` (exact string match). */
function ownMatches(field: PreselectionField, values: Set<string>, index: GraphIndex): Set<string> {
  const { graph } = index;
  const ids = (list: { id: string }[]) => new Set(list.map((o) => o.id));
  switch (field.id) {
    case 'account_numbers': return ids(graph.accounts.filter((a) => a.account_number !== null && values.has(a.account_number)));
    case 'account_programs': return ids(graph.accounts.filter((a) => hasAny(a.program_numbers, values)));
    case 'contract_numbers': return ids(graph.service_contracts.filter((s) => s.contract_number !== null && values.has(s.contract_number)));
    case 'service_types': return ids(graph.service_contracts.filter((s) => hasAny(s.service_types, values)));
    case 'service_programs': return ids(graph.service_contracts.filter((s) => hasAny(s.program_numbers, values)));
    case 'servicepoint_numbers': return ids(graph.service_points.filter((p) => p.servicepoint_number !== null && values.has(p.servicepoint_number)));
    case 'servicepoint_types': return ids(graph.service_points.filter((p) => hasAny(p.servicepoint_types, values)));
    case 'premise_numbers': return ids(graph.service_points.filter((p) => hasAny(p.premise_numbers, values)));
    case 'meter_numbers': return ids(graph.meter_devices.filter((m) => m.meter_number !== null && values.has(m.meter_number)));
    case 'meter_types': return ids(graph.meter_devices.filter((m) => hasAny(m.meter_types, values)));
    case 'meter_apps': return ids(graph.meter_devices.filter((m) => hasAny(m.app_numbers, values)));
    case 'aggregation_numbers': return ids(graph.aggregations.filter((a) => a.aggregation_number !== null && values.has(a.aggregation_number)));
    default: return new Set();
  }
}

const addressList = (a: GraphAddress | null | undefined): GraphAddress[] => (a ? [a] : []);

/** §7.1.13: each kind is matched on its own address; meters through their service points. */
function addressMatches(inputs: string[], kind: ObjectKind, index: GraphIndex, options: MatchOptions): Set<string> {
  const { graph } = index;
  const locale = options.locale ?? US_LOCALE;
  switch (kind) {
    case 'account':
      return matchAddresses(inputs, graph.accounts.map((a) => ({ id: a.id, addresses: addressList(a.account_address) })), locale);
    case 'service_contract':
      return matchAddresses(inputs, graph.service_contracts.map((s) => ({ id: s.id, addresses: addressList(s.contract_address) })), locale);
    case 'aggregation':
      return matchAddresses(inputs, graph.aggregations.map((a) => ({ id: a.id, addresses: a.grouped_addresses ?? [] })), locale);
    default: {
      const points = matchAddresses(inputs, graph.service_points.map((p) => ({ id: p.id, addresses: addressList(p.servicepoint_address) })), locale);
      return kind === 'service_point' ? points : project(index, 'service_point', points, 'meter_device', options.at);
    }
  }
}

/**
 * The objects of `kind` one preselection field matches, or null when the value does not constrain
 * entries (`null`, or only `"_include_future"`). `"_all"` matches every object of the field's kind.
 */
export function fieldMatches(fieldId: string, value: unknown, kind: ObjectKind, index: GraphIndex, options: MatchOptions): Set<string> | null {
  const field = PRESELECTION_FIELDS.find((f) => f.id === fieldId);
  if (!field || !Array.isArray(value)) return null;
  const specials = new Set<string>(field.specials);
  const literal = value.filter((v): v is string => typeof v === 'string' && !specials.has(v));
  const all = specials.has('_all') && value.includes('_all');
  if (!all && literal.length === 0) return null;
  if (field.matches === 'address') return addressMatches(literal, kind, index, options);
  const seeds = all ? allOf(index, field.matches) : ownMatches(field, new Set(literal), index);
  return project(index, field.matches, seeds, kind, options.at);
}

/** The intersection of every constraining field's matches; null when no field constrains `kind`. */
export function intersectMatches(
  values: Record<string, unknown>, kind: ObjectKind, index: GraphIndex, options: MatchOptions,
): Set<string> | null {
  let result: Set<string> | null = null;
  for (const field of PRESELECTION_FIELDS) {
    const matched = fieldMatches(field.id, values[field.id], kind, index, options);
    if (matched === null) continue;
    const keep: Set<string> = matched;
    result = result === null ? keep : new Set([...(result as Set<string>)].filter((id) => keep.has(id)));
  }
  return result;
}

export interface Preselection {
  /** Some preselection field was set (non-null) in the request. */
  requested: boolean;
  /** The entries to show selected. */
  ids: string[];
  /** The Selection's "include future" option starts checked (`_include_future`, §7.1.1, §7.1.3). */
  include_future: boolean;
}

/** What a Selection of this type starts with for these authorization details (§7.1, §9.2.3). */
export function preselect(values: Record<string, unknown>, selection: SelectionType, index: GraphIndex, options: MatchOptions): Preselection {
  const kind = SELECTION_TYPES[selection];
  const requested = PRESELECTION_FIELDS.some((f) => Array.isArray(values[f.id]));
  const futureKinds: ObjectKind[] = ['account', 'service_contract'];
  const include_future = futureKinds.includes(kind) && PRESELECTION_FIELDS.some((f) =>
    f.specials.includes('_include_future') && Array.isArray(values[f.id]) && (values[f.id] as unknown[]).includes('_include_future'));
  const matched = intersectMatches(values, kind, index, options);
  return { requested, ids: matched ? [...matched].sort() : [], include_future };
}

/**
 * §7.4.3 on the authorization form: with `error_if_no_preselections` true, the Customer gets the
 * Preselection Error when the request preselects but nothing of theirs matches.
 */
export function needsPreselectionError(values: Record<string, unknown>, preselection: Preselection): boolean {
  return values.error_if_no_preselections === true && preselection.requested
    && preselection.ids.length === 0 && !preselection.include_future;
}
