import type { Utility } from '../../../legacy/generator/utility';
import { ALWAYS, mergeSpans, overlap, UtilityView, type Span } from './view';

/**
 * What a Grant makes visible, computed from the generator's tables with the rules of cds-wg3-01
 * written out directly — an independent ground truth for the access resolver (it shares no code
 * with the facade's authorization-details engine or the graph):
 *
 * - §6.1.x "objects made available" from the Customer's selection, recorded as the Selection type
 *   used (§6); "include future" adds the Customer's objects of that kind not offered at approval;
 * - §6.2 direct scopes: every object matching the preselection fields (§7.1: intersection of the
 *   non-null fields, each projected along account ↔ contract ↔ service point ↔ meter as they stand
 *   now, aggregations by membership), everything when none is set; related objects must match the
 *   fields of their own kind too (§6.2);
 * - §7.2 include fields add the objects the primary objects reference, one step, never through
 *   other related objects (otherwise a selected contract would reveal its account's other
 *   contracts); a Customer's Grant never reaches another Customer's objects (§7.2 base permission);
 * - usage (§6.1.9, §7.2.8): per meter, the spans it measured a selected object while that object
 *   was the Customer's (a meter swapped out keeps its past, a contract ended by a move-out keeps its
 *   days and no more), inside `segment_start`/`segment_end` (§7.3.6–7).
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

type Kind = 'account' | 'service_contract' | 'service_point' | 'meter_device' | 'aggregation';

/** What each scope type makes available before include fields, and which include fields it treats as true (§6). */
const SCOPES: Record<string, { primary: Kind | 'usage' | 'bill_statement' | 'bill_section'; implied: string[] }> = {
  cds_rate_plan: { primary: 'service_contract', implied: ['include_service_contracts'] },
  cds_account_programs: { primary: 'account', implied: ['include_accounts'] },
  cds_service_programs: { primary: 'service_contract', implied: ['include_service_contracts'] },
  cds_accounts: { primary: 'account', implied: ['include_accounts'] },
  cds_service_contracts: { primary: 'service_contract', implied: ['include_accounts', 'include_service_contracts'] },
  cds_meters: { primary: 'meter_device', implied: ['include_meter_devices'] },
  cds_bill_statements: { primary: 'bill_statement', implied: ['include_bill_statements', 'include_accounts'] },
  cds_service_bills: { primary: 'bill_section', implied: ['include_bill_sections', 'include_accounts', 'include_service_contracts'] },
  cds_usage: { primary: 'usage', implied: ['include_usage_segments'] },
  cds_query_accounts: { primary: 'account', implied: ['include_accounts'] },
  cds_query_service_contracts: { primary: 'service_contract', implied: ['include_accounts', 'include_service_contracts'] },
  cds_query_service_points: { primary: 'service_point', implied: ['include_service_points'] },
  cds_query_meter_devices: { primary: 'meter_device', implied: ['include_meter_devices'] },
  cds_query_bill_statements: { primary: 'bill_statement', implied: ['include_bill_statements'] },
  cds_query_aggregations: { primary: 'aggregation', implied: ['include_aggregations'] },
  cds_query_usage: { primary: 'usage', implied: ['include_usage_segments'] },
};

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

  customerAggregations(): Set<string> {
    return new Set([...this.customerPoints()].flatMap((sp) => this.view.groupsOfPoint(sp).map((g) => g.GRP_ID)));
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
      case 'premise_numbers': return ['service_point', ids(cis.servicePoints, (s) => s.PREMISES.some((p) => want.has(p.PREM_NO)), (s) => s.SP_ID)];
      case 'meter_numbers': return ['meter_device', ids(mdm.meters, (m) => want.has(m.serialNumber), (m) => m.meterId)];
      case 'aggregation_numbers': return ['aggregation', ids(cis.groups, (g) => want.has(g.GRP_NO), (g) => g.GRP_ID)];
      default: return null;
    }
  }

  private preselections(): [Kind, Set<string>][] {
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

  evaluate(): Truth {
    const scope = SCOPES[this.grant.scopeType];
    if (!scope) throw new Error(`no ground truth for ${this.grant.scopeType}`);
    const on = (id: string) => this.flag(id, scope.implied);
    const window = usageWindow(this.grant.values);
    const primary: Record<Kind, Set<string>> = {
      account: new Set(), service_contract: new Set(), service_point: new Set(), meter_device: new Set(), aggregation: new Set(),
    };
    let usage = new Map<string, Span[]>();
    let usageAggregations = new Set<string>();
    let statementAccounts = new Set<string>();
    const clip = (m: Map<string, Span[]>) => new Map([...m]
      .map(([id, spans]) => [id, spans.map((s) => overlap(s, window)).filter((s): s is Span => s !== null)] as const)
      .filter(([, spans]) => spans.length > 0));

    if (this.consent) {
      const kind = this.selectionKind();
      const sel = this.selected();
      switch (scope.primary) {
        case 'account': primary.account = sel; break;
        case 'service_contract':
          // §6.1.5: with an Account Selection, the selected accounts' contracts.
          primary.service_contract = kind === 'account' ? this.within('service_contract', this.project('account', sel, 'service_contract')) : sel;
          break;
        case 'meter_device':
          // §6.1.6: meters currently installed at a service point currently serving the selection.
          primary.meter_device = kind === 'meter_device' ? sel
            : this.within('meter_device', this.project(kind, sel, 'meter_device'));
          break;
        case 'bill_statement':
          statementAccounts = sel;
          primary.account = sel;
          break;
        case 'bill_section':
          // §6.1.8
          if (kind === 'account') { primary.account = sel; primary.service_contract = this.within('service_contract', this.project('account', sel, 'service_contract')); }
          else { primary.service_contract = sel; primary.account = this.project('service_contract', sel, 'account'); }
          break;
        case 'usage': {
          const selected = this.selectedUsage();
          usage = clip(selected.meters);
          usageAggregations = selected.aggregations;
          primary.aggregation = selected.aggregations;
          break;
        }
        default: break;
      }
    } else {
      const kind = scope.primary;
      if (kind === 'usage') {
        const meters = this.preselected('meter_device');
        const aggs = this.preselections().some(([k]) => k === 'aggregation') ? this.preselected('aggregation') : null;
        const all = meters === null && aggs === null;
        const chosen = all ? this.everything('meter_device') : meters ?? new Set<string>();
        usage = clip(new Map([...chosen].map((m) => [m, [ALWAYS]])));
        usageAggregations = all ? this.everything('aggregation') : aggs ?? new Set();
        primary.aggregation = usageAggregations;
      } else if (kind === 'bill_statement') {
        statementAccounts = this.preselected('account') ?? this.everything('account');
        primary.account = statementAccounts;
      } else if (kind !== 'bill_section') {
        primary[kind] = this.preselected(kind) ?? this.everything(kind);
      }
    }

    // Objects the usage segments reference (§10.8 related_*): the meters, and where and for whom they measured.
    const usageRefs = { meter_device: new Set(usage.keys()), service_point: new Set<string>(), service_contract: new Set<string>(), account: new Set<string>() };
    for (const [m, spans] of usage) {
      for (const i of this.view.installs(m)) {
        if (!spans.some((s) => overlap(s, i.span))) continue;
        usageRefs.service_point.add(i.sp);
        for (const sa of this.view.allContracts(i.sp)) {
          const agreement = this.u.index.agreement.get(sa)!;
          if (spans.some((s) => overlap(s, overlap(i.span, this.view.contractSpan(agreement)) ?? { from: 0, until: 0 }))) {
            usageRefs.service_contract.add(sa);
            usageRefs.account.add(agreement.ACCT_ID);
          }
        }
      }
    }

    const filter = (kind: Kind, ids: Set<string>) => (this.consent ? this.within(kind, ids) : this.directFilter(kind, ids));
    const out: Record<Kind, Set<string>> = {
      account: new Set(primary.account), service_contract: new Set(primary.service_contract),
      service_point: new Set(primary.service_point), meter_device: new Set(primary.meter_device), aggregation: new Set(primary.aggregation),
    };
    if (on('include_accounts')) {
      const related = new Set([...this.project('service_contract', primary.service_contract, 'account'), ...usageRefs.account,
        ...[...primary.aggregation].flatMap((g) => this.view.groupedAccounts(this.u.index.group.get(g)!))]);
      for (const a of filter('account', related)) out.account.add(a);
      // §7.2.1: plus the parents of the included accounts.
      const parents = [...out.account].map((a) => this.u.index.account.get(a)?.PARENT_ACCT_ID).filter((p): p is string => !!p);
      for (const p of filter('account', new Set(parents))) out.account.add(p);
    }
    if (on('include_service_contracts')) {
      const related = new Set([
        ...[...primary.service_point].flatMap((sp) => this.view.allContracts(sp)),
        ...this.project('account', primary.account, 'service_contract'),
        ...usageRefs.service_contract,
        ...[...primary.aggregation].flatMap((g) => this.view.groupedContracts(this.u.index.group.get(g)!)),
      ]);
      for (const sc of filter('service_contract', related)) out.service_contract.add(sc);
    }
    // §7.2.2: contracts and meters together bring the service points connecting them.
    const pointsOn = on('include_service_points')
      || (on('include_service_contracts') && (on('include_meter_devices') || scope.primary === 'meter_device'));
    if (on('include_meter_devices')) {
      const related = new Set([...usageRefs.meter_device,
        ...[...primary.aggregation].flatMap((g) => this.view.groupedMeters(this.u.index.group.get(g)!))]);
      for (const m of filter('meter_device', related)) out.meter_device.add(m);
    }
    if (pointsOn) {
      const related = new Set([
        ...[...primary.meter_device].flatMap((m) => this.view.installs(m).map((i) => i.sp)),
        ...usageRefs.service_point,
        ...[...primary.aggregation].flatMap((g) => this.u.index.group.get(g)!.MEMBER_SP_IDS),
      ]);
      for (const sp of filter('service_point', related)) out.service_point.add(sp);
    }
    return {
      accounts: out.account, service_contracts: out.service_contract, service_points: out.service_point,
      meter_devices: out.meter_device, aggregations: out.aggregation,
      usage, usage_aggregations: usageAggregations, statement_accounts: statementAccounts,
    };
  }
}

export function expectedAccess(u: Utility, grant: TruthGrant): Truth {
  return new Rules(u, grant).evaluate();
}
