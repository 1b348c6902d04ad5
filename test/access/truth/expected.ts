import type { Utility } from '../../../legacy/generator/utility';
import { ALWAYS, mergeSpans, overlap, UtilityView, type Span } from './view';
import { SCOPES, type Kind } from './scopes';

/**
 * What a Grant makes visible, computed from the generator's tables with the rules of cds-wg3-01
 * written out directly — an independent ground truth for the access resolver (it shares no code
 * with the facade's authorization-details engine or the graph):
 *
 * - §6.1.x "objects made available" from the Customer's selection, recorded as the Selection type
 *   used (§6); "include future" adds the Customer's objects of that kind not offered at approval;
 *   the selected kind, and the scope's own kind derived from it, never grow beyond that;
 * - §6.2 direct scopes: every kind is held to what the preselection fields match (§7.1:
 *   intersection of the non-null fields, projected along account ↔ contract ↔ service point ↔
 *   meter as they stand now, aggregations by membership); everything when none is set;
 * - §7.2 include rules add the objects that included objects reference, until nothing changes,
 *   within the Customer's own objects (base permission);
 * - usage (§6.1.9, §7.2.8): per meter, the spans it measured a selected object while that object
 *   was the Customer's (a meter swapped out keeps its past, a contract ended by a move-out keeps its
 *   days and no more), inside `segment_start`/`segment_end` (§7.3.6–7); the objects usage refers to
 *   are those of the segments inside the window.
 */

export type SelectionType =
  | 'account_selection' | 'service_contract_selection' | 'servicepoint_selection' | 'meter_device_selection' | 'aggregation_selection';

export interface TruthGrant {
  /** The Scope Description `type` (§6), e.g. `cds_meters`. */
  scopeType: string;
  /** Consent Grants: the Customer and the recorded Selection. */
  customerId?: string;
  selection?: { type: SelectionType; ids: string[]; includeFuture: boolean; offered: string[] };
  /** The Grant's authorization details values (include fields, windows; direct scopes: preselections). */
  values: Record<string, unknown>;
  /** The instant of the resolution (ms): relationships as they stand then. */
  at: number;
}

export interface Truth {
  accounts: Set<string>;
  service_contracts: Set<string>;
  service_points: Set<string>;
  meter_devices: Set<string>;
  aggregations: Set<string>;
  /** Usage segments: per meter, the spans visible. */
  usage: Map<string, Span[]>;
  usage_aggregations: Set<string>;
  /** Bill statements: of these accounts (within the statement date window). */
  statement_accounts: Set<string>;
}

const SERVICE = { E: 'electric', G: 'natural_gas', W: 'water' } as const;

function inter(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((x) => b.has(x)));
}

/** The window of a Grant's usage: `segment_start` ≤ segment start, segment end ≤ `segment_end`. */
function usageWindow(values: Record<string, unknown>): Span {
  const bound = (v: unknown, open: number) => (typeof v === 'string' && v !== 'infinite' ? Date.parse(v) : open);
  return { from: bound(values.segment_start, -Infinity), until: bound(values.segment_end, Infinity) };
}

class Rules {
  readonly view: UtilityView;

  constructor(readonly u: Utility, readonly grant: TruthGrant) {
    this.view = new UtilityView(u);
  }

  // ---- the Customer's objects (consent Grants) -------------------------------------------------

  get consent(): boolean {
    return this.grant.customerId !== undefined;
  }

  customerAccounts(): Set<string> {
    return new Set(this.u.index.accountsByCustomer.get(this.grant.customerId!).map((a) => a.ACCT_ID));
  }

  customerContracts(): Set<string> {
    return new Set([...this.customerAccounts()].flatMap((a) => this.view.contractsOfAccount(a)));
  }

  customerPoints(): Set<string> {
    return new Set([...this.customerContracts()].map((sa) => this.u.index.agreement.get(sa)!.SP_ID));
  }

  /** When the service point served one of the Customer's contracts. */
  customerSpansAt(spId: string): Span[] {
    const mine = this.customerContracts();
    return mergeSpans(this.view.allContracts(spId).filter((sa) => mine.has(sa)).map((sa) => this.view.contractSpan(this.u.index.agreement.get(sa)!)));
  }

  /** Spans a meter measured the Customer's service points while they were the Customer's. */
  customerMeterSpans(meterId: string, points?: Set<string>): Span[] {
    const within = points ?? this.customerPoints();
    return mergeSpans(this.view.installs(meterId).filter((i) => within.has(i.sp))
      .flatMap((i) => this.customerSpansAt(i.sp).map((s) => overlap(i.span, s)).filter((s): s is Span => s !== null)));
  }

  customerMeters(): Set<string> {
    const out = new Set<string>();
    for (const sp of this.customerPoints()) for (const m of this.view.metersEver(sp)) if (this.customerMeterSpans(m).length) out.add(m);
    return out;
  }

  /** Groups holding one of the Customer's service points, and the groups those are chunks of (§10.7.1). */
  customerAggregations(): Set<string> {
    return this.view.groupsAround(this.customerPoints());
  }

  /** The Client's base permission for a kind: the Customer's objects, or the whole utility for direct scopes. */
  base(kind: Kind): Set<string> | null {
    if (!this.consent) return null;
    switch (kind) {
      case 'account': return this.customerAccounts();
      case 'service_contract': return this.customerContracts();
      case 'service_point': return this.customerPoints();
      case 'meter_device': return this.customerMeters();
      case 'aggregation': return this.customerAggregations();
    }
  }

  within(kind: Kind, ids: Iterable<string>): Set<string> {
    const base = this.base(kind);
    const set = new Set(ids);
    return base ? inter(set, base) : set;
  }

  // ---- relations as they stand at `at` (§7.1 paths) ---------------------------------------------

  everything(kind: Kind): Set<string> {
    const { cis, mdm } = this.u;
    switch (kind) {
      case 'account': return new Set(cis.accounts.map((a) => a.ACCT_ID));
      case 'service_contract': return new Set(cis.serviceAgreements.map((s) => s.SA_ID));
      case 'service_point': return new Set(cis.servicePoints.map((s) => s.SP_ID));
      case 'meter_device': return new Set(mdm.meters.map((m) => m.meterId));
      case 'aggregation': return new Set(cis.groups.map((g) => g.GRP_ID));
    }
  }

  private step(from: Kind, ids: Set<string>, to: Kind): Set<string> {
    const v = this.view;
    const out = new Set<string>();
    for (const id of ids) {
      if (from === 'account' && to === 'service_contract') v.contractsOfAccount(id).forEach((x) => out.add(x));
      if (from === 'service_contract' && to === 'account') { const a = v.accountOf(id); if (a) out.add(a); }
      if (from === 'service_contract' && to === 'service_point') v.currentPointsOfContract(id).forEach((x) => out.add(x));
      if (from === 'service_point' && to === 'service_contract') v.currentContracts(id).forEach((x) => out.add(x));
      if (from === 'service_point' && to === 'meter_device') v.currentMeters(id).forEach((x) => out.add(x));
      if (from === 'meter_device' && to === 'service_point') v.currentPoints(id).forEach((x) => out.add(x));
    }
    return out;
  }

  project(from: Kind, ids: Set<string>, to: Kind): Set<string> {
    if (from === to) return ids;
    const groups = this.u.cis.groups;
    const grouped = (g: (typeof groups)[number], kind: Kind): string[] => {
      switch (kind) {
        case 'account': return this.view.groupedAccounts(g);
        case 'service_contract': return this.view.groupedContracts(g);
        case 'service_point': return g.MEMBER_SP_IDS;
        case 'meter_device': return this.view.groupedMeters(g);
        case 'aggregation': return g.CHILD_GRP_IDS;
      }
    };
    if (from === 'aggregation') {
      return new Set([...ids].flatMap((id) => { const g = this.u.index.group.get(id); return g ? grouped(g, to) : []; }));
    }
    if (to === 'aggregation') return new Set(groups.filter((g) => grouped(g, from).some((m) => ids.has(m))).map((g) => g.GRP_ID));
    const chain: Kind[] = ['account', 'service_contract', 'service_point', 'meter_device'];
    const dir = Math.sign(chain.indexOf(to) - chain.indexOf(from));
    let kind: Kind = from;
    let current = ids;
    while (kind !== to) {
      const next: Kind = chain[chain.indexOf(kind) + dir];
      current = this.step(kind, current, next);
      kind = next;
    }
    return current;
  }

  // ---- preselection fields (direct scopes) ------------------------------------------------------

  /** The objects of the field's own kind matching a preselection value list. */
  ownMatches(field: string, values: string[]): [Kind, Set<string>] | null {
    const want = new Set(values);
    const { cis, mdm } = this.u;
    const ids = <T>(list: T[], ok: (x: T) => boolean, id: (x: T) => string) => new Set(list.filter(ok).map(id));
    switch (field) {
      case 'account_numbers': return ['account', ids(cis.accounts, (a) => want.has(a.ACCT_NO), (a) => a.ACCT_ID)];
      case 'contract_numbers': return ['service_contract', ids(cis.serviceAgreements, (s) => want.has(s.SA_NO), (s) => s.SA_ID)];
      case 'service_types': return ['service_contract', ids(cis.serviceAgreements, (s) => want.has(SERVICE[s.SVC_TYPE_CD]), (s) => s.SA_ID)];
      case 'servicepoint_numbers': return ['service_point', ids(cis.servicePoints, (s) => want.has(s.SP_NO), (s) => s.SP_ID)];
      case 'account_programs': return ['account', ids(cis.accounts, (a) => a.PROGRAMS.some((p) => want.has(p.PROG_CD)), (a) => a.ACCT_ID)];
      case 'service_programs': return ['service_contract', ids(cis.serviceAgreements, (s) => s.PROGRAMS.some((p) => want.has(p.PROG_CD)), (s) => s.SA_ID)];
      case 'servicepoint_types': return ['service_point', ids(cis.servicePoints, (s) => [
        SERVICE[s.SP_TYPE_CD], 'single_service', s.SP_KIND_CD === 'PHYS' ? 'physical' : 'virtual', s.SP_LOC_CD === 'EDGE' ? 'edge' : 'internal',
      ].some((t) => want.has(t)), (s) => s.SP_ID)];
      case 'premise_numbers': return ['service_point', ids(cis.servicePoints, (s) => s.PREMISES.some((p) => want.has(p.PREM_NO)), (s) => s.SP_ID)];
      case 'meter_numbers': return ['meter_device', ids(mdm.meters, (m) => want.has(m.serialNumber), (m) => m.meterId)];
      case 'meter_types': return ['meter_device', ids(mdm.meters, (m) => this.view.meterTypes(m.meterId).some((t) => want.has(t)), (m) => m.meterId)];
      case 'meter_apps': return ['meter_device', ids(mdm.meters, (m) => m.apps.some((a) => want.has(a.appCode)), (m) => m.meterId)];
      case 'aggregation_numbers': return ['aggregation', ids(cis.groups, (g) => want.has(g.GRP_NO), (g) => g.GRP_ID)];
      default: return null;
    }
  }

  preselections(): [Kind, Set<string>][] {
    return Object.entries(this.grant.values).flatMap(([field, value]) => {
      if (!Array.isArray(value)) return [];
      const m = this.ownMatches(field, value as string[]);
      return m ? [m] : [];
    });
  }

  /** §7.1: objects of `kind` matching every non-null preselection field; null when none is set. */
  preselected(kind: Kind): Set<string> | null {
    let result: Set<string> | null = null;
    for (const [own, matches] of this.preselections()) {
      const projected = this.project(own, matches, kind);
      result = result === null ? projected : inter(result, projected);
    }
    return result;
  }

  /** §6.2: a related object of `kind` must match the preselection fields of its own kind. */
  directFilter(kind: Kind, ids: Set<string>): Set<string> {
    let out = ids;
    for (const [own, matches] of this.preselections()) if (own === kind) out = inter(out, matches);
    return out;
  }

  // ---- the selection (consent Grants) ------------------------------------------------------------

  selected(): Set<string> {
    const sel = this.grant.selection!;
    const kind = ({
      account_selection: 'account', service_contract_selection: 'service_contract', servicepoint_selection: 'service_point',
      meter_device_selection: 'meter_device', aggregation_selection: 'aggregation',
    } as const)[sel.type];
    const now = this.base(kind)!;
    const ids = sel.ids.filter((id) => now.has(id));
    if (sel.includeFuture) ids.push(...[...now].filter((id) => !sel.offered.includes(id)));
    return new Set(ids);
  }

  selectionKind(): Kind {
    return ({
      account_selection: 'account', service_contract_selection: 'service_contract', servicepoint_selection: 'service_point',
      meter_device_selection: 'meter_device', aggregation_selection: 'aggregation',
    } as const)[this.grant.selection!.type];
  }

  /** Usage of the selection: per meter, the spans it measured a selected object while it was the Customer's. */
  selectedUsage(): { meters: Map<string, Span[]>; aggregations: Set<string> } {
    const kind = this.selectionKind();
    const ids = this.selected();
    const meters = new Map<string, Span[]>();
    const add = (meter: string, spans: Span[]) => meters.set(meter, mergeSpans([...(meters.get(meter) ?? []), ...spans]));
    if (kind === 'aggregation') return { meters, aggregations: ids };
    const contracts = kind === 'account' ? [...ids].flatMap((a) => this.view.contractsOfAccount(a))
      : kind === 'service_contract' ? [...ids] : [];
    for (const sa of contracts) {
      const agreement = this.u.index.agreement.get(sa)!;
      const span = this.view.contractSpan(agreement);
      for (const m of this.view.metersEver(agreement.SP_ID)) {
        add(m, this.view.installs(m).filter((i) => i.sp === agreement.SP_ID).map((i) => overlap(i.span, span)).filter((s): s is Span => s !== null));
      }
    }
    if (kind === 'service_point') for (const sp of ids) for (const m of this.view.metersEver(sp)) add(m, this.customerMeterSpans(m, new Set([sp])));
    if (kind === 'meter_device') for (const m of ids) add(m, this.customerMeterSpans(m));
    return { meters, aggregations: new Set() };
  }

  // ---- the whole evaluation --------------------------------------------------------------------

  flag(id: string, implied: string[]): boolean {
    return implied.includes(id) || this.grant.values[id] === true;
  }

  /** §6.1.6: meters installed at a contract's service point at its reference instant (now, or its last moment). */
  metersOfContract(saId: string): string[] {
    const sa = this.u.index.agreement.get(saId);
    if (!sa) return [];
    const at = Math.min(this.grant.at, this.view.contractSpan(sa).until - 1);
    return this.view.metersEver(sa.SP_ID).filter((m) => this.view.installs(m).some((i) => i.sp === sa.SP_ID && i.span.from <= at && at < i.span.until));
  }

  /** §6.1.x: the scope's primary objects from the selected ones. */
  derive(from: Kind, ids: Set<string>, to: Kind): Set<string> {
    if (from === to) return ids;
    if (to === 'service_contract' && from === 'account') return new Set([...ids].flatMap((a) => this.view.contractsOfAccount(a)));
    if (to === 'meter_device' && (from === 'account' || from === 'service_contract')) {
      const contracts = from === 'account' ? [...ids].flatMap((a) => this.view.contractsOfAccount(a)) : [...ids];
      return new Set(contracts.flatMap((sa) => this.metersOfContract(sa)));
    }
    if (to === 'meter_device' && from === 'service_point') return this.project('service_point', ids, 'meter_device');
    throw new Error(`no rule from ${from} to ${to}`);
  }

  evaluate(): Truth {
    const scope = SCOPES[this.grant.scopeType];
    if (!scope) throw new Error(`no ground truth for ${this.grant.scopeType}`);
    const on = (id: string) => this.flag(id, scope.implied);
    const window = usageWindow(this.grant.values);
    const empty = () => ({ account: new Set<string>(), service_contract: new Set<string>(), service_point: new Set<string>(), meter_device: new Set<string>(), aggregation: new Set<string>() });
    const sets: Record<Kind, Set<string>> = empty();
    const constraint: Partial<Record<Kind, Set<string>>> = {};
    let refs: Record<Kind, Set<string>> = empty();
    let usage = new Map<string, Span[]>();
    let usageAggregations = new Set<string>();
    let statementAccounts = new Set<string>();
    const clip = (m: Map<string, Span[]>) => new Map([...m]
      .map(([id, spans]) => [id, spans.map((s) => overlap(s, window)).filter((s): s is Span => s !== null)] as const)
      .filter(([, spans]) => spans.length > 0));

    if (this.consent) {
      const kind = this.selectionKind();
      const sel = this.selected();
      constraint[kind] = sel;
      if (scope.primary === 'bill_statement') {
        statementAccounts = sel;
        refs = this.chainReferences('account', sel);
      } else if (scope.primary === 'bill_section') {
        // §6.1.8: the sections of the selected (or the selected accounts') contracts and what they refer to.
        refs = this.chainReferences('service_contract', kind === 'account' ? this.derive('account', sel, 'service_contract') : sel);
        if (kind === 'account') for (const a of sel) refs.account.add(a);
        // §7.2.5: the statements of the accounts the scope itself serves (the selected ones, or the selected contracts' accounts).
        if (on('include_bill_statements')) statementAccounts = kind === 'account' ? sel : new Set([...sel].map((sa) => this.view.accountOf(sa)).filter((a): a is string => a !== undefined));
      } else if (scope.primary === 'usage') {
        const selected = this.selectedUsage();
        usage = clip(selected.meters);
        usageAggregations = selected.aggregations;
        refs = this.chainReferences(kind, sel);
      } else {
        const made = this.derive(kind, sel, scope.primary);
        constraint[scope.primary] = made;
        for (const id of made) sets[scope.primary].add(id);
      }
    } else {
      for (const kind of ['account', 'service_contract', 'service_point', 'meter_device', 'aggregation'] as Kind[]) {
        const matched = this.preselected(kind);
        if (matched) constraint[kind] = matched;
      }
      const within = (kind: Kind) => constraint[kind] ?? this.everything(kind);
      // What the scope's own data about the matching objects refers to: statements about the
      // matching objects; usage segments about each field's own matches (a field filters the
      // references of its own kind, §7.1), so aggregation numbers bring aggregated segments only.
      const seeds: [Kind, Set<string>][] = scope.primary === 'bill_statement'
        ? (Object.keys(constraint) as Kind[]).map((kind) => [kind, within(kind)])
        : scope.primary === 'usage' ? this.preselections() : [];
      for (const [kind, ids] of seeds) {
        const more = this.chainReferences(kind, ids);
        for (const k of Object.keys(refs) as Kind[]) for (const id of more[k]) refs[k].add(id);
      }
      if (scope.primary === 'usage') {
        // Aggregation numbers give the aggregations' own segments, never the members' meters (§4.11).
        const fields = Object.entries(this.grant.values).filter(([, v]) => Array.isArray(v)).map(([f]) => f).filter((f) => this.ownMatches(f, []) !== null);
        const byMeter = fields.some((f) => f !== 'aggregation_numbers');
        const byAggregation = fields.includes('aggregation_numbers');
        const meters = byMeter || !byAggregation ? within('meter_device') : new Set<string>();
        usage = clip(new Map([...meters].map((m) => [m, [ALWAYS]])));
        usageAggregations = byAggregation && !byMeter ? within('aggregation') : !byMeter ? within('aggregation') : new Set();
      } else if (scope.primary === 'bill_statement') {
        statementAccounts = within('account');
      } else if (scope.primary !== 'bill_section') {
        for (const id of within(scope.primary)) sets[scope.primary].add(id);
      }
    }

    // §6.2 without preselections ("null means no filtering"): every object of each kind the scope
    // and its include fields bring, within the base permission (the whole utility here).
    const contractsIncluded = on('include_service_contracts') || scope.primary === 'service_contract';
    const metersIncluded = on('include_meter_devices') || scope.primary === 'meter_device';
    if (!this.consent && Object.keys(constraint).length === 0) {
      const shown: Record<Kind, boolean> = {
        account: scope.primary === 'account' || on('include_accounts'),
        service_contract: contractsIncluded,
        service_point: scope.primary === 'service_point' || on('include_service_points') || (contractsIncluded && metersIncluded),
        meter_device: metersIncluded,
        aggregation: scope.primary === 'aggregation' || on('include_aggregations'),
      };
      for (const kind of Object.keys(shown) as Kind[]) if (shown[kind]) sets[kind] = this.everything(kind);
      return {
        accounts: sets.account, service_contracts: sets.service_contract, service_points: sets.service_point,
        meter_devices: sets.meter_device, aggregations: sets.aggregation,
        usage, usage_aggregations: usageAggregations, statement_accounts: statementAccounts,
      };
    }

    // §7.2 include rules applied until nothing changes; the selected (and derived) kinds never grow.
    const base = (kind: Kind) => this.base(kind);
    let changed = true;
    const add = (kind: Kind, ids: Iterable<string>) => {
      const b = base(kind);
      for (const id of ids) {
        if (sets[kind].has(id) || (b && !b.has(id)) || (constraint[kind] && !constraint[kind]!.has(id))) continue;
        sets[kind].add(id);
        changed = true;
      }
    };
    const group = (id: string) => this.u.index.group.get(id)!;
    // §7.2.7: aggregations related to the included usage (grouping a service point a usage meter stood at).
    const usageGroups = this.view.groupsAround([...usage.keys()].flatMap((m) => this.view.installs(m).map((i) => i.sp)));
    while (changed) {
      changed = false;
      if (on('include_aggregations')) {
        // §7.2.7: the aggregations grouping an included account, service contract or meter device.
        add('aggregation', this.u.cis.groups.filter((g) => this.view.groupedAccounts(g).some((a) => sets.account.has(a))
          || this.view.groupedContracts(g).some((c) => sets.service_contract.has(c))
          || this.view.groupedMeters(g).some((m) => sets.meter_device.has(m))).map((g) => g.GRP_ID));
        add('aggregation', usageGroups);
      }
      if (on('include_accounts')) {
        add('account', [...sets.service_contract].map((sa) => this.view.accountOf(sa)!));
        add('account', [...sets.aggregation].flatMap((g) => this.view.groupedAccounts(group(g))));
        add('account', refs.account);
        add('account', [...sets.account].map((a) => this.u.index.account.get(a)?.PARENT_ACCT_ID).filter((p): p is string => !!p));
      }
      if (on('include_service_contracts')) {
        add('service_contract', [...sets.service_point].flatMap((sp) => this.view.allContracts(sp)));
        add('service_contract', [...sets.aggregation].flatMap((g) => this.view.groupedContracts(group(g))));
        add('service_contract', refs.service_contract);
        add('service_contract', [...sets.account].flatMap((a) => this.view.contractsOfAccount(a)));
      }
      // §7.2.2: contracts and meters together bring the service points connecting them.
      if (on('include_service_points') || (contractsIncluded && metersIncluded)) {
        add('service_point', [...sets.meter_device].flatMap((m) => this.view.installs(m).map((i) => i.sp)));
        add('service_point', [...sets.aggregation].flatMap((g) => group(g).MEMBER_SP_IDS));
        add('service_point', refs.service_point);
      }
      if (on('include_meter_devices')) {
        add('meter_device', [...sets.aggregation].flatMap((g) => this.view.groupedMeters(group(g))));
        add('meter_device', refs.meter_device);
        add('meter_device', [...sets.service_contract].flatMap((sa) => this.metersOfContract(sa)));
      }
    }
    return {
      accounts: sets.account, service_contracts: sets.service_contract, service_points: sets.service_point,
      meter_devices: sets.meter_device, aggregations: sets.aggregation,
      usage, usage_aggregations: usageAggregations, statement_accounts: statementAccounts,
    };
  }

  /**
   * What the usage about the selected objects refers to (§10.8 `related_*`), read along the chain
   * from them: up (meter → its service points → their contracts → accounts) and down (account →
   * contracts → their service point → the meters installed there during the contract). Reading
   * (docs/spec-decisions.md, visibility): the references are derived before any segment is read,
   * so they do not depend on the usage window.
   */
  chainReferences(kind: Kind, ids: Set<string>): Record<Kind, Set<string>> {
    const out: Record<Kind, Set<string>> = {
      account: new Set(), service_contract: new Set(), service_point: new Set(), meter_device: new Set(), aggregation: new Set(),
    };
    const contractUp = (saId: string) => { out.service_contract.add(saId); out.account.add(this.u.index.agreement.get(saId)!.ACCT_ID); };
    const contractDown = (saId: string) => {
      const sa = this.u.index.agreement.get(saId)!;
      out.service_contract.add(saId);
      out.service_point.add(sa.SP_ID);
      const span = this.view.contractSpan(sa);
      for (const m of this.view.metersEver(sa.SP_ID)) if (this.view.installs(m).some((i) => i.sp === sa.SP_ID && overlap(i.span, span))) out.meter_device.add(m);
    };
    const mine = this.base('service_contract') ?? this.everything('service_contract');
    const pointUp = (sp: string) => { out.service_point.add(sp); for (const sa of this.view.allContracts(sp)) if (mine.has(sa)) contractUp(sa); };
    for (const id of ids) {
      if (kind === 'account') { out.account.add(id); this.view.contractsOfAccount(id).forEach(contractDown); }
      if (kind === 'service_contract') { contractUp(id); contractDown(id); }
      if (kind === 'service_point') { pointUp(id); this.view.metersEver(id).forEach((m) => out.meter_device.add(m)); }
      if (kind === 'meter_device') { out.meter_device.add(id); this.view.installs(id).forEach((i) => pointUp(i.sp)); }
      if (kind === 'aggregation') out.aggregation.add(id);
    }
    return out;
  }
}

export function expectedAccess(u: Utility, grant: TruthGrant): Truth {
  return new Rules(u, grant).evaluate();
}

/** The objects one preselection field's values match, of the field's own kind (§7.1), over the whole utility. */
export function ownMatches(u: Utility, field: string, values: string[]): [Kind, Set<string>] | null {
  return new Rules(u, { scopeType: 'cds_query_accounts', values: {}, at: Date.now() }).ownMatches(field, values);
}
