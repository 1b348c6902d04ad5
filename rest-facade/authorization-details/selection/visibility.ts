import { customerDataScopeType, type CustomerDataScopeType } from '../../scopes/customer-data/scopeTypes';
import type { ResolvedAuthorizationDetailsEntry } from '../entry';
import { INCLUDE_FIELDS, PRESELECTION_FIELDS, SELECTION_TYPES, type ObjectKind, type RevealedObject } from '../fields';
import type { AddressLocale } from './addresses';
import { indexGraph, type CustomerGraph, type GraphIndex } from './customerGraph';
import {
  contractSpan, installationSpan, intersect, meterDeviceSpans, servicePointSpans, toPeriod, union, type Period, type Span,
} from './periods';
import { fieldMatches, intersectMatches } from './preselection';
import { allOf, project } from './relations';
import { selectedIds, type SelectionRecord } from './selection';

/**
 * What a Grant makes visible (cds-wg3-01 §6.1.x "objects made available", §6.2 filters, §7.2
 * include rules, §7.3 windows): from one authorization details entry, the Customer's choice on the
 * Selection (consent scopes) and the Customer graph, the id sets and time windows each Customer
 * Data API may serve. Relationships are read at `as_of` = min(now, sync_until), so access follows
 * the graph as it changes (a swapped meter) and freezes when syncing ends (§7.3.1).
 */

export interface VisibilityOptions {
  now: Date;
  /** The Server's `cds_timezone` (contract dates are local days). */
  timezone: string;
  locale?: AddressLocale;
}

/** An id with the periods during which its usage is this Customer's, inside the Grant's window. */
export interface ScopedId {
  id: string;
  periods: Period[];
}

/**
 * A Usage Segment meets a condition when one of its `related_*` arrays lists one of these ids
 * (for service points and meters: and the segment lies inside one of that id's periods).
 */
export interface UsageCondition {
  accounts: string[];
  service_contracts: string[];
  service_points: ScopedId[];
  meter_devices: ScopedId[];
  aggregations: string[];
  /** Segments referenced by the visible Bill Sections' `related_billsections` count too (§7.2.8). */
  bill_sections: boolean;
}

export interface EntryVisibility {
  scope: string;
  /** The instant relationships were read at (RFC 3339 UTC). */
  as_of: string;
  sync_until: string | null;
  accounts: string[];
  service_contracts: string[];
  service_points: string[];
  meter_devices: string[];
  aggregations: string[];
  /** Bill Statements whose `cds_account_id` is listed, `statement_date` inside the window (§7.2.5, §7.3.2). */
  bill_statements: { account_ids: string[]; statement_date_start: string | null; statement_date_end: string | null } | null;
  /**
   * Bill Sections whose `cds_account_id` is listed and whose `related_servicecontracts` meet the
   * listed contracts (§6.1.8, §7.2.6), dates inside the window; plus those referenced by visible usage.
   */
  bill_sections: {
    account_ids: string[]; servicecontract_ids: string[]; start_date: string | null; end_date: string | null;
    referenced_by_usage_segments: boolean;
  } | null;
  /** Usage Segments meeting every condition, inside the window (§6.1.9, §7.2.8, §7.3.6, §7.3.7). */
  usage_segments: {
    all_of: UsageCondition[];
    segment_start: string | null;
    segment_end: string | null;
    /** Value Format ids the segments may carry; null → `formats` and `values` empty (§7.2.8.1); 'all' when not limited. */
    value_formats: string[] | null | 'all';
  } | null;
  /** EACs by beneficiary (§7.2.9). */
  eacs: {
    customer_numbers: string[]; account_ids: string[]; servicecontract_ids: string[]; rateplan_codes: string[];
    program_numbers: string[]; referenced_by_usage_segments: boolean;
  } | null;
  /** OPTIONAL object fields the entry reveals (§7.2). */
  fields: Partial<Record<RevealedObject, string[]>>;
}

type Sets = Record<ObjectKind, Set<string>>;
const KINDS: readonly ObjectKind[] = ['account', 'service_contract', 'service_point', 'meter_device', 'aggregation'];
const emptySets = (): Sets => ({
  account: new Set(), service_contract: new Set(), service_point: new Set(), meter_device: new Set(), aggregation: new Set(),
});

interface Context {
  index: GraphIndex;
  asOf: number;
  timezone: string;
}

/** The instant a contract's links are read at: now, or its last moment when it has ended (move-out). */
function referenceInstant(ctx: Context, contractId: string): number {
  const sc = ctx.index.serviceContract.get(contractId);
  const end = sc ? contractSpan(sc, ctx.timezone).until : Infinity;
  return Math.min(ctx.asOf, end - 1);
}

/** Meters installed at the contract's service points at its reference instant (§6.1.6). */
function metersOfContract(ctx: Context, contractId: string): string[] {
  const at = referenceInstant(ctx, contractId);
  const points = (ctx.index.pointsOfContract.get(contractId) ?? []).map((p) => p.point.id);
  return [...project(ctx.index, 'service_point', points, 'meter_device', at)];
}

/** §6.1.x: the objects of the scope's primary kind that the Customer's selection makes available. */
function derivePrimary(ctx: Context, from: ObjectKind, selected: Set<string>, to: ObjectKind): Set<string> {
  if (from === to) return selected;
  if (to === 'service_contract' && from === 'account') return project(ctx.index, 'account', selected, 'service_contract', ctx.asOf);
  if (to === 'meter_device') {
    const contracts = from === 'account' ? project(ctx.index, 'account', selected, 'service_contract', ctx.asOf)
      : from === 'service_contract' ? selected : null;
    if (contracts) return new Set([...contracts].flatMap((id) => metersOfContract(ctx, id)));
    if (from === 'service_point') return project(ctx.index, 'service_point', selected, 'meter_device', ctx.asOf);
  }
  throw new TypeError(`no §6.1 rule makes ${to} objects available from a selection of ${from} objects`);
}

/**
 * Objects a Usage Segment or Bill Section about `seeds` refers to: up the chain (meter → point →
 * contract → account) and down it (account → contract → point → meter, over the contract's days),
 * never sideways to a sibling contract of the same account.
 */
function references(ctx: Context, seeds: Sets): Sets {
  const { index, timezone } = ctx;
  const out = emptySets();
  const up = (kind: ObjectKind, ids: Iterable<string>) => {
    for (const id of ids) {
      out[kind].add(id);
      if (kind === 'meter_device') up('service_point', (index.meterDevice.get(id)?.installations ?? []).map((i) => i.servicepoint_id));
      if (kind === 'service_point') {
        const p = index.servicePoint.get(id);
        up('service_contract', [...(p?.current_servicecontracts ?? []), ...(p?.previous_servicecontracts ?? [])].filter((s) => index.serviceContract.has(s)));
      }
      if (kind === 'service_contract') { const a = index.serviceContract.get(id)?.account_id; if (a) out.account.add(a); }
    }
  };
  const down = (kind: ObjectKind, ids: Iterable<string>) => {
    for (const id of ids) {
      out[kind].add(id);
      if (kind === 'account') down('service_contract', (index.contractsOfAccount.get(id) ?? []).map((s) => s.id));
      if (kind === 'service_contract') {
        const sc = index.serviceContract.get(id)!;
        const span = contractSpan(sc, timezone);
        for (const { point } of index.pointsOfContract.get(id) ?? []) {
          out.service_point.add(point.id);
          for (const { meter, installation } of index.installationsAt.get(point.id) ?? []) {
            if (intersect(installationSpan(installation), span)) out.meter_device.add(meter.id);
          }
        }
      }
      if (kind === 'service_point') {
        for (const { meter } of index.installationsAt.get(id) ?? []) out.meter_device.add(meter.id);
      }
    }
  };
  for (const kind of KINDS) {
    if (kind === 'aggregation') { for (const id of seeds.aggregation) out.aggregation.add(id); continue; }
    up(kind, seeds[kind]);
    down(kind, seeds[kind]);
  }
  return out;
}

const GROUPED: Record<ObjectKind, 'grouped_accounts' | 'grouped_servicecontracts' | 'grouped_servicepoints' | 'grouped_meterdevices' | 'grouped_aggregations'> = {
  account: 'grouped_accounts', service_contract: 'grouped_servicecontracts', service_point: 'grouped_servicepoints',
  meter_device: 'grouped_meterdevices', aggregation: 'grouped_aggregations',
};

/** The §7.2 include rules, applied until nothing more is added; constrained kinds never grow past their constraint. */
function includeClosure(
  ctx: Context, scopeType: CustomerDataScopeType, inc: (id: string) => boolean, sets: Sets,
  constraint: Partial<Record<ObjectKind, Set<string>>>, dataSeeds: () => Sets,
): void {
  const { index } = ctx;
  let changed = true;
  const add = (kind: ObjectKind, ids: Iterable<string>) => {
    for (const id of ids) {
      if (constraint[kind] && !constraint[kind].has(id)) continue;
      if (!allOf(index, kind).has(id) || sets[kind].has(id)) continue;
      sets[kind].add(id);
      changed = true;
    }
  };
  const grouped = (kind: ObjectKind) => [...sets.aggregation].flatMap((id) => index.aggregation.get(id)![GROUPED[kind]]);
  const contractsIncluded = inc('include_service_contracts') || scopeType.primary === 'service_contract';
  const metersIncluded = inc('include_meter_devices') || scopeType.primary === 'meter_device';
  while (changed) {
    changed = false;
    const refs = references(ctx, dataSeeds());
    if (inc('include_accounts')) {
      add('account', [...sets.service_contract].map((id) => index.serviceContract.get(id)!.account_id));
      add('account', grouped('account'));
      add('account', refs.account);
      add('account', [...sets.account].map((id) => index.account.get(id)!.parent_id).filter((p): p is string => !!p));
    }
    if (inc('include_service_contracts')) {
      for (const id of sets.service_point) {
        const p = index.servicePoint.get(id)!;
        add('service_contract', [...p.current_servicecontracts, ...p.previous_servicecontracts]);
      }
      add('service_contract', grouped('service_contract'));
      add('service_contract', refs.service_contract);
      add('service_contract', [...sets.account].flatMap((id) => (index.contractsOfAccount.get(id) ?? []).map((s) => s.id)));
    }
    // §7.2.2/§7.2.4: contracts and meters together bring the service points that connect them.
    if (inc('include_service_points') || (contractsIncluded && metersIncluded)) {
      add('service_point', [...sets.meter_device].flatMap((id) => index.meterDevice.get(id)!.installations.map((i) => i.servicepoint_id)));
      add('service_point', grouped('service_point'));
      add('service_point', refs.service_point);
    }
    if (inc('include_meter_devices')) {
      add('meter_device', grouped('meter_device'));
      add('meter_device', refs.meter_device);
      // Reading (docs/spec-decisions.md): also the meters serving included contracts, as §6.1.6 derives them.
      add('meter_device', [...sets.service_contract].flatMap((id) => metersOfContract(ctx, id)));
    }
    if (inc('include_aggregations')) {
      add('aggregation', grouped('aggregation'));
      add('aggregation', refs.aggregation);
      for (const kind of ['account', 'service_contract', 'meter_device'] as const) {
        add('aggregation', index.graph.aggregations.filter((a) => a[GROUPED[kind]].some((m) => sets[kind].has(m))).map((a) => a.id));
      }
    }
  }
}

function windowValue(value: unknown): string | null {
  return typeof value === 'string' && value !== 'infinite' ? value : null;
}

/** Periods of a service point or meter: the Customer's spans inside the usage window. */
function scoped(ctx: Context, kind: 'service_point' | 'meter_device', ids: Iterable<string>, window: Span): ScopedId[] {
  return [...ids].sort().map((id) => {
    const spans = kind === 'meter_device'
      ? meterDeviceSpans(id, ctx.index, ctx.timezone)
      : servicePointSpans(ctx.index.servicePoint.get(id)!, ctx.index, ctx.timezone);
    const inside = union(spans).map((s) => intersect(s, window)).filter((s): s is Span => s !== null);
    return { id, periods: inside.map(toPeriod) };
  });
}

function condition(ctx: Context, sets: Partial<Sets>, window: Span, billSections = false): UsageCondition {
  const sorted = (s: Set<string> | undefined) => [...(s ?? [])].sort();
  return {
    accounts: sorted(sets.account),
    service_contracts: sorted(sets.service_contract),
    service_points: scoped(ctx, 'service_point', sets.service_point ?? [], window),
    meter_devices: scoped(ctx, 'meter_device', sets.meter_device ?? [], window),
    aggregations: sorted(sets.aggregation),
    bill_sections: billSections,
  };
}

function revealedFields(inc: (id: string) => boolean): Partial<Record<RevealedObject, string[]>> {
  const fields: Partial<Record<RevealedObject, string[]>> = {};
  for (const field of INCLUDE_FIELDS) {
    if (!inc(field.id)) continue;
    for (const [object, names] of Object.entries(field.reveals) as [RevealedObject, readonly string[]][]) {
      fields[object] = [...(fields[object] ?? []), ...names];
    }
  }
  return fields;
}

/** What one authorization details entry of a Grant makes visible. */
export function entryVisibility(
  entry: ResolvedAuthorizationDetailsEntry, graph: CustomerGraph, selection: SelectionRecord | null, options: VisibilityOptions,
): EntryVisibility {
  const scopeType = customerDataScopeType(entry.scope_type);
  if (!scopeType) throw new TypeError(`${entry.scope_type} is not a Customer Data scope`);
  const v = entry.values;
  const syncUntil = windowValue(v.sync_until);
  const ctx: Context = {
    index: indexGraph(graph),
    asOf: Math.min(options.now.getTime(), syncUntil ? Date.parse(syncUntil) : Infinity),
    timezone: options.timezone,
  };
  const inc = (id: string) => scopeType.implied.includes(id) || v[id] === true;
  const sets = emptySets();
  const constraint: Partial<Record<ObjectKind, Set<string>>> = {};
  const primary = scopeType.primary;
  const basis = emptySets(); // the objects the scope's own Bill Statements / Bill Sections / Usage Segments are about
  const usageFilters: Partial<Sets>[] = [];

  if (entry.consent) {
    if (primary !== null) {
      if (!selection) throw new TypeError(`scope ${entry.scope} needs the Customer's recorded Selection`);
      const kind = SELECTION_TYPES[selection.type];
      const selected = selectedIds(selection, ctx.index);
      constraint[kind] = selected;
      if (primary === 'bill_statement') basis.account = selected;
      else if (primary === 'bill_section') {
        basis.service_contract = kind === 'account' ? project(ctx.index, 'account', selected, 'service_contract', ctx.asOf) : selected;
        basis.account = kind === 'account' ? selected : project(ctx.index, 'service_contract', selected, 'account', ctx.asOf);
      } else if (primary === 'usage_segment') basis[kind] = selected;
      else {
        const made = derivePrimary(ctx, kind, selected, primary);
        constraint[primary] = made;
        sets[primary] = new Set(made);
      }
    }
  } else {
    const match = { at: ctx.asOf, locale: options.locale };
    for (const kind of KINDS) {
      const matched = intersectMatches(v, kind, ctx.index, match);
      if (matched) constraint[kind] = matched;
    }
    const within = (kind: ObjectKind) => new Set([...allOf(ctx.index, kind)].filter((id) => !constraint[kind] || constraint[kind].has(id)));
    if (primary === 'bill_statement') basis.account = within('account');
    else if (primary === 'bill_section') { basis.account = within('account'); basis.service_contract = within('service_contract'); }
    else if (primary === 'usage_segment') {
      // §7.1 on direct scopes: each field filters the references to its own kind (e.g. meter_numbers
      // → related_meterdevices); a segment must meet every field. Without fields, the whole graph.
      for (const field of PRESELECTION_FIELDS) {
        if (field.matches === 'address') continue;
        const own = fieldMatches(field.id, v[field.id], field.matches, ctx.index, match);
        if (own) usageFilters.push({ [field.matches]: own });
      }
      for (const kind of KINDS) basis[kind] = usageFilters.length ? new Set(usageFilters.flatMap((f) => [...(f[kind] ?? [])])) : within(kind);
    } else if (primary !== null) sets[primary] = within(primary);
  }

  const usageVisible = primary === 'usage_segment' || v.include_usage_segments === true;
  const sectionsVisible = primary === 'bill_section' || inc('include_bill_sections');
  const dataSeeds = (): Sets => {
    const seeds = emptySets();
    for (const kind of KINDS) {
      if (primary === 'usage_segment' || primary === 'bill_statement') seeds[kind] = new Set(basis[kind]);
      else if (usageVisible) seeds[kind] = new Set(sets[kind]);
    }
    if (sectionsVisible) for (const id of primary === 'bill_section' ? basis.service_contract : sets.service_contract) seeds.service_contract.add(id);
    return seeds;
  };
  includeClosure(ctx, scopeType, inc, sets, constraint, dataSeeds);

  const sorted = (s: Set<string>) => [...s].sort();
  const segmentWindow: Span = {
    from: windowValue(v.segment_start) ? Date.parse(v.segment_start as string) : -Infinity,
    until: Math.min(windowValue(v.segment_end) ? Date.parse(v.segment_end as string) : Infinity, syncUntil ? Date.parse(syncUntil) : Infinity),
  };
  let usage_segments: EntryVisibility['usage_segments'] = null;
  if (usageVisible) {
    const all_of: Partial<Sets>[] = primary !== 'usage_segment' ? [sets] : usageFilters.length ? usageFilters : [basis];
    const formats = v.include_usage_segment_value_types;
    usage_segments = {
      all_of: all_of.map((s, i) => condition(ctx, s, segmentWindow, i === 0 && sectionsVisible)),
      segment_start: segmentWindow.from === -Infinity ? null : toPeriod(segmentWindow).from,
      segment_end: segmentWindow.until === Infinity ? null : toPeriod(segmentWindow).until,
      value_formats: formats === undefined ? 'all' : (formats as string[] | null),
    };
  }
  const accountsForData = primary === 'bill_statement' || primary === 'bill_section' ? basis.account : sets.account;
  return {
    scope: entry.scope,
    as_of: new Date(ctx.asOf).toISOString(),
    sync_until: syncUntil,
    accounts: sorted(sets.account),
    service_contracts: sorted(sets.service_contract),
    service_points: sorted(sets.service_point),
    meter_devices: sorted(sets.meter_device),
    aggregations: sorted(sets.aggregation),
    bill_statements: primary === 'bill_statement' || inc('include_bill_statements')
      ? { account_ids: sorted(accountsForData), statement_date_start: windowValue(v.statement_date_start), statement_date_end: windowValue(v.statement_date_end) }
      : null,
    bill_sections: sectionsVisible
      ? {
        account_ids: sorted(accountsForData),
        servicecontract_ids: sorted(primary === 'bill_section' ? basis.service_contract : sets.service_contract),
        start_date: windowValue(v.start_date), end_date: windowValue(v.end_date),
        referenced_by_usage_segments: usageVisible,
      }
      : null,
    usage_segments,
    eacs: v.include_eacs === true ? eacBeneficiaries(ctx, sets, usageVisible) : null,
    fields: revealedFields(inc),
  };
}

function eacBeneficiaries(ctx: Context, sets: Sets, usageVisible: boolean): NonNullable<EntryVisibility['eacs']> {
  const accounts = [...sets.account].map((id) => ctx.index.account.get(id)!);
  const contracts = [...sets.service_contract].map((id) => ctx.index.serviceContract.get(id)!);
  const unique = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort();
  return {
    customer_numbers: unique(accounts.map((a) => a.customer_number)),
    account_ids: unique(accounts.map((a) => a.id)),
    servicecontract_ids: unique(contracts.map((c) => c.id)),
    rateplan_codes: unique(contracts.map((c) => c.rateplan_code)),
    program_numbers: unique([...accounts.flatMap((a) => a.program_numbers ?? []), ...contracts.flatMap((c) => c.program_numbers ?? [])]),
    referenced_by_usage_segments: usageVisible,
  };
}

/** The union over a Grant's entries: what any of them makes visible (fields stay per entry). */
export interface GrantVisibility {
  entries: EntryVisibility[];
  accounts: string[];
  service_contracts: string[];
  service_points: string[];
  meter_devices: string[];
  aggregations: string[];
}

export function grantVisibility(
  entries: readonly ResolvedAuthorizationDetailsEntry[], graph: CustomerGraph,
  selections: Readonly<Record<string, SelectionRecord>>, options: VisibilityOptions,
): GrantVisibility {
  const per = entries.filter((e) => e.customer_data).map((e) => entryVisibility(e, graph, selections[e.scope] ?? null, options));
  const merged = (key: 'accounts' | 'service_contracts' | 'service_points' | 'meter_devices' | 'aggregations') =>
    [...new Set(per.flatMap((p) => p[key]))].sort();
  return {
    entries: per,
    accounts: merged('accounts'),
    service_contracts: merged('service_contracts'),
    service_points: merged('service_points'),
    meter_devices: merged('meter_devices'),
    aggregations: merged('aggregations'),
  };
}
