import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Utility } from '../../legacy/generator/utility';
import { unionPeriods, visibleIds, type Access, type ObjectPart, type Periods } from '../../rest-facade/access';
import { customerDataScopeType } from '../../rest-facade/scopes/customer-data';
import { makeGrant } from './support/grants';
import { startSystem, type System } from '../support/system';
import { expectedAccess, type SelectionType, type Truth, type TruthGrant } from './truth/expected';
import { mergeSpans, overlap, UtilityView, type Span } from './truth/view';

/**
 * Many random Grants on the generated utility — random scopes, Selection types, selected objects
 * (with "include future"), direct-scope preselections (including numbers that match nothing),
 * include fields and usage windows — resolved by the real resolver through the real graph, and
 * compared with the ground truth computed independently from the generator's tables
 * (./truth/expected.ts): the same id sets and usage windows, never more.
 */

const RUNS = Number(process.env.ACCESS_PROPERTY_RUNS ?? 120);

const CONSENT_SCOPES = ['cds_accounts', 'cds_service_contracts', 'cds_meters', 'cds_usage', 'cds_bill_statements', 'cds_service_bills', 'cds_rate_plan'];
const DIRECT_SCOPES = [
  'cds_query_accounts', 'cds_query_service_contracts', 'cds_query_service_points', 'cds_query_meter_devices', 'cds_query_usage',
  'cds_query_bill_statements', 'cds_query_aggregations',
];
const INCLUDES = ['include_accounts', 'include_service_contracts', 'include_service_points', 'include_meter_devices'];
/** The preselection fields the direct scopes offer (cds-wg3-01 §7.1; `addresses` has its own test). */
const PRESELECTION_FIELDS = [
  'account_numbers', 'contract_numbers', 'servicepoint_numbers', 'premise_numbers', 'meter_numbers', 'meter_types', 'meter_apps',
  'aggregation_numbers',
] as const;

let system: System;
let u: Utility;
let view: UtilityView;

beforeAll(async () => {
  system = await startSystem({ seed: 'access-property', accounts: 120, env: { ACCESS_CACHE_TTL: '0' } });
  u = system.utility;
  view = new UtilityView(u);
}, 120_000);

afterAll(async () => { await system?.close(); });

const KIND_OF: Record<SelectionType, 'account' | 'service_contract' | 'service_point' | 'meter_device' | 'aggregation'> = {
  account_selection: 'account', service_contract_selection: 'service_contract', servicepoint_selection: 'service_point',
  meter_device_selection: 'meter_device', aggregation_selection: 'aggregation',
};

/** What the form lists for a Customer: the objects of their graph of that kind. */
function customerObjects(customerId: string, kind: string): string[] {
  const accounts = u.index.accountsByCustomer.get(customerId).map((a) => a.ACCT_ID);
  const contracts = accounts.flatMap((a) => view.contractsOfAccount(a));
  const points = [...new Set(contracts.map((sa) => u.index.agreement.get(sa)!.SP_ID))];
  if (kind === 'account') return accounts;
  if (kind === 'service_contract') return contracts;
  if (kind === 'service_point') return points;
  if (kind === 'aggregation') return [...view.groupsAround(points)];
  return [...new Set(points.flatMap((p) => view.metersEver(p)))];
}

/**
 * A meter at one of the Customer's service points that served it only outside their tenancy
 * (installed after they moved out, or removed before they moved in): not theirs (cds-wg3-01 §6.1.9).
 */
function foreignMeters(customerId: string): string[] {
  const accounts = u.index.accountsByCustomer.get(customerId).map((a) => a.ACCT_ID);
  const contracts = accounts.flatMap((a) => view.contractsOfAccount(a)).map((id) => u.index.agreement.get(id)!);
  return [...new Set(contracts.flatMap((sa) => view.metersEver(sa.SP_ID).filter((m) => !contracts.some((mine) => mine.SP_ID === sa.SP_ID
    && view.installs(m).some((i) => i.sp === sa.SP_ID && overlap(i.span, view.contractSpan(mine)))))))];
}

const isoBetween = (from: string, to: string) => fc.integer({ min: Date.parse(from), max: Date.parse(to) })
  .map((ms) => new Date(Math.floor(ms / 3_600_000) * 3_600_000).toISOString().replace('.000Z', 'Z'));

function usageWindow() {
  return fc.record({
    segment_start: fc.oneof(fc.constant('infinite'), isoBetween(`${u.historyStart}T00:00:00Z`, `${u.asOf}T00:00:00Z`)),
    // Absolute ends must not lie before the request (the published minimum is PT0S).
    segment_end: fc.oneof(fc.constant('infinite'), isoBetween(new Date(Date.now() + 86_400_000).toISOString(), '2028-01-01T00:00:00Z')),
  });
}

function includesFor(scope: string) {
  const sd = system.facade.context.scopes.get(scope)!;
  const listed = INCLUDES.filter((id) => sd.authorization_details_fields_supported.some((f) => f.id === id));
  return fc.subarray(listed).map((on) => Object.fromEntries(on.map((id) => [id, true])));
}

function consentCase() {
  return fc.record({
    customer: fc.constantFrom(...u.cis.customers.map((c) => c.CUST_ID)),
    scope: fc.constantFrom(...CONSENT_SCOPES),
    pick: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    offer: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    includeFuture: fc.boolean(),
    selectionIndex: fc.nat(),
  }).chain((c) => fc.record({
    c: fc.constant(c),
    includes: includesFor(c.scope),
    window: usageWindow(),
  }));
}

/** The utility's numbers a number field may name. */
function numbersOf(field: string): string[] {
  switch (field) {
    case 'account_numbers': return u.cis.accounts.map((a) => a.ACCT_NO);
    case 'contract_numbers': return u.cis.serviceAgreements.map((s) => s.SA_NO);
    case 'servicepoint_numbers': return u.cis.servicePoints.map((s) => s.SP_NO);
    case 'premise_numbers': return [...new Set(u.cis.servicePoints.flatMap((s) => s.PREMISES.map((p) => p.PREM_NO)))];
    case 'meter_numbers': return u.mdm.meters.map((m) => m.serialNumber);
    case 'aggregation_numbers': return u.cis.groups.map((g) => g.GRP_NO);
    default: throw new Error(`no numbers for ${field}`);
  }
}

function directCase() {
  return fc.constantFrom(...DIRECT_SCOPES).chain((scope) => {
    const sd = system.facade.context.scopes.get(scope)!;
    const supported = sd.authorization_details_fields_supported.filter((f) => (PRESELECTION_FIELDS as readonly string[]).includes(f.id));
    const field = (f: (typeof supported)[number]) => {
      const choices = f.choices?.map((c) => c.id);
      // Number fields also get a value nothing has; Choice fields take Choices only.
      const value = choices
        ? fc.constantFrom(...choices)
        : fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...numbersOf(f.id)) }, { weight: 1, arbitrary: fc.constant('NO-SUCH-NUMBER') });
      return fc.option(fc.array(value, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 2 });
    };
    return fc.record({
      scope: fc.constant(scope),
      preselection: fc.record(Object.fromEntries(supported.map((f) => [f.id, field(f)]))),
      includes: includesFor(scope),
      window: usageWindow(),
    });
  });
}

const sorted = (s: Iterable<string>) => [...s].sort();

function ids(parts: readonly ObjectPart[], everything: string[]): string[] {
  const v = visibleIds(parts);
  return sorted(v.all ? everything : v.ids);
}

/** Per meter, the visible spans, cut to the meter's install history (the graph serves readings only there). */
function meterSpans(periods: Periods, meters: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const meter of meters) {
    const windows = [...periods.all, ...periods.items.filter((p) => p.id === meter).map((p) => p.window)];
    const spans = windows.map((w): Span => ({ from: w.start === null ? -Infinity : Date.parse(w.start), until: w.end === null ? Infinity : Date.parse(w.end) }));
    const life = view.installs(meter).map((i) => i.span);
    const cut = mergeSpans(spans.flatMap((s) => life.map((l) => overlap(s, l)).filter((x): x is Span => x !== null)));
    if (cut.length) out[meter] = cut.map((s) => `${s.from}..${s.until}`);
  }
  return out;
}

function compare(access: Access, truth: Truth) {
  const every = {
    account: u.cis.accounts.map((a) => a.ACCT_ID), service_contract: u.cis.serviceAgreements.map((s) => s.SA_ID),
    service_point: u.cis.servicePoints.map((s) => s.SP_ID), meter_device: u.mdm.meters.map((m) => m.meterId),
  };
  expect({
    accounts: ids(access.accounts, every.account),
    service_contracts: ids(access.service_contracts, every.service_contract),
    service_points: ids(access.service_points, every.service_point),
    meter_devices: ids(access.meter_devices, every.meter_device),
  }).toEqual({
    accounts: sorted(truth.accounts), service_contracts: sorted(truth.service_contracts),
    service_points: sorted(truth.service_points), meter_devices: sorted(truth.meter_devices),
  });
  const everyAggregation = u.cis.groups.map((g) => g.GRP_ID);
  expect(ids(access.aggregations, everyAggregation)).toEqual(sorted(truth.aggregations));
  const usageAggregations = access.usage_segments.some((p) => p.aggregations.all.length > 0)
    ? everyAggregation : access.usage_segments.flatMap((p) => p.aggregations.items.map((i) => i.id));
  expect(sorted(new Set(usageAggregations))).toEqual(sorted(truth.usage_aggregations));
  const statements = access.bill_statements.flatMap((p) => (p.account_ids.all ? every.account : p.account_ids.ids));
  expect(sorted(new Set(statements))).toEqual(sorted(truth.statement_accounts));
  const usage = unionPeriods(access.usage_segments.map((p) => p.meters));
  const wanted = new Map([...truth.usage].map(([m, spans]) => [m, { all: [], items: spans.map((s) => ({ id: m, window: { start: Number.isFinite(s.from) ? new Date(s.from).toISOString() : null, end: Number.isFinite(s.until) ? new Date(s.until).toISOString() : null } })) }]));
  const truthPeriods = unionPeriods([...wanted.values()]);
  expect(meterSpans(usage, every.meter_device)).toEqual(meterSpans(truthPeriods, every.meter_device));
}

describe('access resolver vs the generator ground truth', () => {
  it('does not reveal a meter installed at a former home after the Customer moved out, nor its usage', async () => {
    const customer = u.cis.customers.map((c) => c.CUST_ID).find((c) => foreignMeters(c).length > 0)!;
    expect(customer).toBeDefined();
    const accounts = u.index.accountsByCustomer.get(customer).map((a) => a.ACCT_ID);
    const made = await makeGrant(system, {
      scope: 'cds_usage', entry: { include_meter_devices: true, segment_start: 'infinite', segment_end: 'infinite', include_usage_segment_value_types: null },
      customerId: customer, now: new Date(), selection: { type: 'account_selection', selected: accounts, include_future: false, offered: accounts },
    });
    if (!made.ok) throw new Error(made.reason);
    const access = await system.facade.context.access!.resolver.resolve({ grantIds: [made.grant.grant_id] });
    const truth = expectedAccess(u, {
      scopeType: 'cds_usage', customerId: customer, values: made.grant.authorization_details[0] as Record<string, unknown>, at: Date.now(),
      selection: { type: 'account_selection', ids: accounts, includeFuture: false, offered: accounts },
    });
    compare(access, truth);
    for (const meter of foreignMeters(customer)) {
      expect(ids(access.meter_devices, [])).not.toContain(meter);
      expect(access.usage_segments.flatMap((p) => p.meters.items.map((i) => i.id))).not.toContain(meter);
    }
  });

  it(`matches on ${RUNS} random consent Grants`, async () => {
    const now = new Date();
    await fc.assert(fc.asyncProperty(consentCase(), async ({ c, includes, window }) => {
      const scopeType = customerDataScopeType(c.scope)!;
      const types = [...scopeType.selections!.must, ...scopeType.selections!.may];
      const type = types[c.selectionIndex % types.length] as SelectionType;
      const all = customerObjects(c.customer, KIND_OF[type]);
      const future = c.includeFuture && (type === 'account_selection' || type === 'service_contract_selection');
      // Objects not offered at approval stand for objects that appeared since ("include future").
      const offered = all.filter((_, i) => !future || c.offer[i % c.offer.length] || i === 0);
      const selected = offered.filter((_, i) => c.pick[i % c.pick.length]);
      fc.pre(selected.length > 0 || future);
      const entry = { ...includes, ...(scopeType.primary === 'usage_segment' ? { ...window, include_usage_segment_value_types: null } : {}) };
      const made = await makeGrant(system, {
        scope: c.scope, entry, customerId: c.customer, now,
        selection: { type, selected: sorted(selected), include_future: future, offered: sorted(offered) },
      });
      if (!made.ok) throw new Error(`grant refused: ${made.reason}`);
      const access = await system.facade.context.access!.resolver.resolve({ grantIds: [made.grant.grant_id] });
      const values = made.grant.authorization_details[0] as Record<string, unknown>;
      const truth = expectedAccess(u, {
        scopeType: c.scope, customerId: c.customer, values, at: Date.now(),
        selection: { type, ids: selected, includeFuture: future, offered },
      } satisfies TruthGrant);
      compare(access, truth);
    }), { numRuns: RUNS, seed: Number(process.env.ACCESS_PROPERTY_SEED ?? 4242) });
  }, 600_000);

  it(`matches on ${RUNS} random direct-access Grants`, async () => {
    const now = new Date();
    await fc.assert(fc.asyncProperty(directCase(), async ({ scope, preselection, includes, window }) => {
      const primary = customerDataScopeType(scope)!.primary;
      const entry: Record<string, unknown> = { ...includes, ...Object.fromEntries(Object.entries(preselection).filter(([, v]) => v !== undefined)) };
      if (primary === 'usage_segment') Object.assign(entry, window);
      if (primary === 'bill_statement') Object.assign(entry, { statement_date_start: 'infinite', statement_date_end: 'infinite' });
      const made = await makeGrant(system, { scope, entry, now });
      if (!made.ok) throw new Error(`grant refused: ${made.reason}`);
      const access = await system.facade.context.access!.resolver.resolve({ grantIds: [made.grant.grant_id] });
      const truth = expectedAccess(u, { scopeType: scope, values: made.grant.authorization_details[0] as Record<string, unknown>, at: Date.now() });
      compare(access, truth);
    }), { numRuns: RUNS, seed: Number(process.env.ACCESS_PROPERTY_SEED ?? 4242) });
  }, 600_000);
});
