import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Utility } from '../../legacy/generator/utility';
import { customerDataScopeType } from '../../rest-facade/scopes/customer-data';
import { expectedAccess, type SelectionType, type Truth } from '../access/truth/expected';
import { UtilityView } from '../access/truth/view';
import { get, type Answer } from './support/api';
import { allowedOptional, REVEALED_BY } from './support/fields';
import { startSystem, type System } from '../support/system';
import { allIncludes, consentToken, directToken, seedClients, settle, type Clients } from './support/tokens';

/**
 * Isolation: many random (Grant, endpoint, filters, page) combinations on the demo utility, each
 * answer checked object by object against what the Grant allows, computed independently from the
 * generator's tables (test/access/truth/expected.ts, written from the spec's rules without the
 * facade's code): no object, reference or OPTIONAL field outside the Grant — zero leaks.
 */

const GRANTS = Number(process.env.ISOLATION_GRANTS ?? 72);
const REQUESTS_PER_GRANT = Number(process.env.ISOLATION_REQUESTS ?? 20);

type Obj = Record<string, unknown>;

const CONSENT = ['cds_accounts', 'cds_service_contracts', 'cds_meters', 'cds_usage', 'cds_bill_statements', 'cds_service_bills', 'cds_rate_plan'];
const DIRECT = ['cds_query_accounts', 'cds_query_service_contracts', 'cds_query_service_points', 'cds_query_meter_devices', 'cds_query_usage',
  'cds_query_bill_statements', 'cds_query_aggregations', 'cds_query_aggregated_usage'];
const APIS = ['accounts', 'service-contracts', 'service-points', 'meter-devices', 'bill-statements', 'bill-sections', 'aggregations', 'usage-segments', 'eacs'];
/** §6 "treated as true" fields that reveal OPTIONAL fields (digest part 4.2/4.3). */
const IMPLIED_REVEALS: Record<string, string[]> = {
  cds_rate_plan: ['include_rate_plans'], cds_account_programs: ['include_account_programs'], cds_service_programs: ['include_service_programs'],
  cds_bill_statements: ['include_account_numbers'], cds_service_bills: ['include_account_numbers', 'include_contract_numbers'],
};

let system: System;
let u: Utility;
let view: UtilityView;
let clients: Clients;

beforeAll(async () => {
  // The demo utility `npm start` serves (DEMO_SEED and DEMO_ACCOUNTS defaults).
  system = await startSystem({ seed: 'cds-demo', accounts: 1000 });
  u = system.legacy.utility;
  view = new UtilityView(u);
  clients = await seedClients(system);
}, 120_000);

afterAll(async () => { await system?.close(); });

/** A small seeded PRNG (mulberry32): the same seed, the same combinations. */
class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  nextInt(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  nextBoolean(): boolean {
    return this.next() < 0.5;
  }
}

interface Case {
  token: string;
  scope: string;
  values: Obj;
  truth: Truth;
  customer: string | null;
}

const within = (value: string, start: unknown, end: unknown) =>
  (typeof start !== 'string' || start === 'infinite' || Date.parse(value) >= Date.parse(start))
  && (typeof end !== 'string' || end === 'infinite' || Date.parse(value) <= Date.parse(end));

/** Every way the answer goes beyond the Grant. */
function leaks(api: string, object: Obj, c: Case): string[] {
  const t = c.truth;
  const problems: string[] = [];
  const subset = (field: string, allowed: Set<string>) => {
    for (const id of (object[field] as string[] | undefined) ?? []) if (!allowed.has(id)) problems.push(`${field} lists ${id}`);
  };
  const isIn = (id: unknown, allowed: Set<string>, what: string) => { if (!allowed.has(id as string)) problems.push(`${what} ${id} is not the Grant's`); };
  const values = { ...c.values, ...Object.fromEntries((IMPLIED_REVEALS[c.scope] ?? []).map((f) => [f, true])) };
  const kind = api.replace(/-/g, '_');
  const allowed = allowedOptional(kind, values);
  for (const field of Object.keys(object)) {
    if (field in (REVEALED_BY[kind] ?? {}) && !allowed.has(field)) problems.push(`OPTIONAL field ${field} without its include field`);
  }
  const customerAccounts = c.customer ? new Set(u.index.accountsByCustomer.get(c.customer).map((a) => a.ACCT_ID)) : null;
  switch (api) {
    case 'accounts':
      isIn(object.cds_account_id, t.accounts, 'account');
      break;
    case 'service-contracts':
      isIn(object.cds_servicecontract_id, t.service_contracts, 'contract');
      break;
    case 'service-points':
      isIn(object.cds_servicepoint_id, t.service_points, 'service point');
      subset('current_servicecontracts', t.service_contracts);
      subset('previous_servicecontracts', t.service_contracts);
      break;
    case 'meter-devices':
      isIn(object.cds_meterdevice_id, t.meter_devices, 'meter');
      subset('current_servicepoints', t.service_points);
      subset('previous_servicepoints', t.service_points);
      break;
    case 'aggregations':
      isIn(object.cds_aggregation_id, t.aggregations, 'aggregation');
      subset('grouped_accounts', t.accounts);
      subset('grouped_servicecontracts', t.service_contracts);
      subset('grouped_servicepoints', t.service_points);
      subset('grouped_meterdevices', t.meter_devices);
      subset('grouped_aggregations', t.aggregations);
      break;
    case 'bill-statements':
      isIn(object.cds_account_id, t.statement_accounts, 'statement account');
      if (!within(object.statement_date as string, c.values.statement_date_start, c.values.statement_date_end)) problems.push(`statement_date ${object.statement_date} outside the window`);
      break;
    case 'bill-sections':
      // The base permission: a Customer's Grant never reaches another Customer's bills.
      if (customerAccounts && !customerAccounts.has(object.cds_account_id as string)) problems.push(`section of account ${object.cds_account_id}`);
      if (!within(object.start_date as string, c.values.start_date, undefined) || !within(object.end_date as string, undefined, c.values.end_date)) {
        problems.push(`section ${object.start_date}..${object.end_date} outside the window`);
      }
      subset('related_servicecontracts', t.service_contracts);
      subset('related_servicepoints', t.service_points);
      subset('related_meterdevices', t.meter_devices);
      break;
    case 'usage-segments': {
      const [owner] = (object.cds_usagesegment_id as string).split('~');
      const [from, until] = [Date.parse(object.segment_start as string), Date.parse(object.segment_end as string)];
      if (u.index.group.has(owner)) {
        // An aggregation's own usage: granted aggregations only, inside the Grant's window, relating to nothing else.
        if (!t.usage_aggregations.has(owner)) problems.push(`usage of aggregation ${owner} not granted`);
        if (!within(object.segment_start as string, c.values.segment_start, undefined) || !within(object.segment_end as string, undefined, c.values.segment_end)) problems.push(`aggregate segment outside the window`);
        for (const field of ['related_accounts', 'related_servicecontracts', 'related_servicepoints', 'related_meterdevices']) subset(field, new Set());
      } else {
        const spans = t.usage.get(owner) ?? [];
        if (!spans.some((s) => s.from <= from && until <= s.until)) problems.push(`segment ${owner} ${object.segment_start}..${object.segment_end} outside the Grant`);
      }
      subset('related_accounts', t.accounts);
      subset('related_servicecontracts', t.service_contracts);
      subset('related_servicepoints', t.service_points);
      subset('related_meterdevices', t.meter_devices);
      subset('related_aggregations', t.aggregations);
      const formats = c.values.include_usage_segment_value_types;
      for (const f of object.formats as Obj[]) {
        if (Array.isArray(formats) && !formats.includes(f.id)) problems.push(`format ${f.id} not selected`);
        if (formats === null) problems.push(`format ${f.id} with include_usage_segment_value_types null`);
      }
      break;
    }
    case 'eacs': {
      const type = object.beneficiary_type as string;
      const customers = new Set([...t.accounts].map((a) => u.index.customer.get(u.index.account.get(a)!.CUST_ID)?.CUST_NO).filter((n): n is string => !!n));
      if (type === 'account') subset('beneficiaries', t.accounts);
      if (type === 'servicecontract') subset('beneficiaries', t.service_contracts);
      if (type === 'customer') subset('beneficiaries', customers);
      break;
    }
  }
  return problems;
}

function reachedApis(t: Truth): string[] {
  const sizes: Record<string, number> = {
    accounts: t.accounts.size, 'service-contracts': t.service_contracts.size, 'service-points': t.service_points.size,
    'meter-devices': t.meter_devices.size, aggregations: t.aggregations.size, 'usage-segments': t.usage.size,
    'bill-statements': t.statement_accounts.size, 'bill-sections': t.accounts.size, eacs: t.accounts.size,
  };
  return APIS.filter((api) => sizes[api] > 0);
}

/** Filters of an API drawn from the utility: values the Grant covers and values it does not. */
function filtersFor(api: string, t: Truth): fc.Arbitrary<Record<string, string>> {
  const pick = (all: string[], mine: Set<string>) => fc.array(fc.oneof(
    mine.size > 0 ? fc.constantFrom(...mine) : fc.constantFrom(...all), fc.constantFrom(...all),
  ), { minLength: 1, maxLength: 3 }).map((v) => [...new Set(v)].join(' '));
  const accounts = u.cis.accounts.map((a) => a.ACCT_ID);
  const accountNumbers = u.cis.accounts.map((a) => a.ACCT_NO);
  const contracts = u.cis.serviceAgreements.map((s) => s.SA_ID);
  const points = u.cis.servicePoints.map((s) => s.SP_ID);
  const meters = u.mdm.meters.map((m) => m.meterId);
  const dates = fc.integer({ min: Date.parse(`${u.historyStart}T00:00:00Z`), max: Date.parse(`${u.asOf}T00:00:00Z`) }).map((ms) => new Date(ms).toISOString());
  const mineNumbers = new Set([...t.accounts].map((a) => u.index.account.get(a)!.ACCT_NO));
  const options: Record<string, Record<string, fc.Arbitrary<string>>> = {
    accounts: { cds_account_ids: pick(accounts, t.accounts), account_numbers: pick(accountNumbers, mineNumbers), account_statuses: fc.constantFrom('active', 'closed', 'active suspended'), q: fc.constantFrom('1', 'a', 'st', '9') },
    'service-contracts': { cds_servicecontract_ids: pick(contracts, t.service_contracts), account_numbers: pick(accountNumbers, mineNumbers), service_types: fc.constantFrom('electric', 'natural_gas water'), q: fc.constantFrom('2', 'e') },
    'service-points': { cds_servicepoint_ids: pick(points, t.service_points), current_servicecontracts: pick(contracts, t.service_contracts), q: fc.constantFrom('5', 'ca') },
    'meter-devices': { cds_meterdevice_ids: pick(meters, t.meter_devices), current_servicepoints: pick(points, t.service_points), q: fc.constantFrom('E', '0') },
    'bill-statements': { cds_account_ids: pick(accounts, t.statement_accounts), account_numbers: pick(accountNumbers, mineNumbers), after: dates.map((d) => d.slice(0, 10)), before: dates.map((d) => d.slice(0, 10)) },
    'bill-sections': { cds_account_ids: pick(accounts, t.accounts), cds_servicecontract_ids: pick(contracts, t.service_contracts), after: dates.map((d) => d.slice(0, 10)) },
    aggregations: { cds_aggregation_ids: pick(u.cis.groups.map((g) => g.GRP_ID), t.aggregations), aggregation_types: fc.constantFrom('building', 'local public'), q: fc.constantFrom('9', 'b') },
    'usage-segments': { cds_meterdevice_ids: pick(meters, new Set(t.usage.keys())), cds_account_ids: pick(accounts, t.accounts), after: dates, before: dates },
    eacs: { beneficiaries: pick(accounts, t.accounts), after: dates },
  };
  const available = options[api];
  return fc.subarray(Object.keys(available), { maxLength: 2 }).chain((names) =>
    fc.record(Object.fromEntries(names.map((n) => [n, available[n]]))) as fc.Arbitrary<Record<string, string>>);
}

async function consentCase(rng: Rng): Promise<Case | null> {
  const sample = <T>(list: readonly T[]) => list[rng.nextInt(0, list.length - 1)];
  const scope = sample(CONSENT);
  const customer = sample(u.cis.customers.filter((c) => u.index.accountsByCustomer.get(c.CUST_ID).length > 0)).CUST_ID;
  const types = [...customerDataScopeType(scope)!.selections!.must, ...customerDataScopeType(scope)!.selections!.may]
    .filter((t) => t !== 'aggregation_selection') as SelectionType[];
  const type = sample(types);
  const accounts = u.index.accountsByCustomer.get(customer).map((a) => a.ACCT_ID);
  const contracts = accounts.flatMap((a) => view.contractsOfAccount(a));
  const points = [...new Set(contracts.map((sa) => u.index.agreement.get(sa)!.SP_ID))];
  const offered = type === 'account_selection' ? accounts : type === 'service_contract_selection' ? contracts
    : type === 'servicepoint_selection' ? points : [...new Set(points.flatMap((p) => view.metersEver(p)))];
  const selected = offered.filter(() => rng.nextBoolean());
  if (selected.length === 0) return null;
  const includes = Object.fromEntries(Object.keys(allIncludes(system, scope)).map((id) => [id, rng.nextBoolean()]));
  const entry: Obj = { ...includes };
  const primary = customerDataScopeType(scope)!.primary;
  if (primary === 'usage_segment') Object.assign(entry, { segment_start: sample(['infinite', '2026-06-01T07:00:00Z', '2026-07-15T12:34:00Z']), include_usage_segment_value_types: sample([null, ['electric_interval_kwh_forward'], ['electric_interval_kwh_forward', 'water_hourly_gal', 'electric_interval_kw_demand']]) });
  if (primary === 'bill_statement') Object.assign(entry, { statement_date_start: sample(['infinite', '2026-03-01']) });
  if (primary === 'bill_section') Object.assign(entry, { start_date: sample(['infinite', '2026-02-01']) });
  const made = await consentToken(system, clients, {
    scope, entry, customerId: customer, selection: { type, selected: selected.sort(), include_future: false, offered: [...offered].sort() },
  });
  const values = made.grant.authorization_details[0] as Obj;
  const truth = expectedAccess(u, { scopeType: scope, customerId: customer, values, at: Date.now(), selection: { type, ids: selected, includeFuture: false, offered } });
  return { token: made.access_token, scope, values, truth, customer };
}

async function directCase(rng: Rng): Promise<Case> {
  const sample = <T>(list: readonly T[]) => list[rng.nextInt(0, list.length - 1)];
  const scope = sample(DIRECT);
  const sd = system.facade.context.scopes.get(scope)!;
  const entry: Obj = Object.fromEntries(Object.keys(allIncludes(system, scope)).map((id) => [id, rng.nextBoolean()]));
  const numbers: Record<string, string[]> = {
    account_numbers: u.cis.accounts.map((a) => a.ACCT_NO), contract_numbers: u.cis.serviceAgreements.map((s) => s.SA_NO),
    servicepoint_numbers: u.cis.servicePoints.map((s) => s.SP_NO), meter_numbers: u.mdm.meters.map((m) => m.serialNumber),
  };
  for (const [field, all] of Object.entries(numbers)) {
    if (sd.authorization_details_fields_supported.some((f) => f.id === field) && rng.nextInt(0, 2) === 0) entry[field] = [sample(all), sample(all)];
  }
  const primary = customerDataScopeType(sd.type)!.primary;
  if (primary === 'usage_segment') Object.assign(entry, { segment_start: sample(['infinite', '2026-07-01T07:00:00Z']), segment_end: 'infinite' });
  if (primary === 'bill_statement') Object.assign(entry, { statement_date_start: sample(['infinite', '2026-01-01']), statement_date_end: 'infinite' });
  if (scope === 'cds_query_aggregated_usage') entry.aggregation_numbers = [sample(u.cis.groups.filter((g) => g.PARENT_GRP_ID === null)).GRP_NO];
  const made = await directToken(system, clients, scope, entry);
  // Aggregation usage Grants start pending while the anonymisation threshold is evaluated (§4.11).
  await settle(system, made.grant_id);
  const grant = await system.facade.context.repos.grants.get(made.grant_id);
  const values = grant!.authorization_details[0] as Obj;
  const truth = expectedAccess(u, { scopeType: sd.type, values, at: Date.now() });
  // §6.2 "null means no filtering" and §12.3 (Aggregations carry no Customer data): an unrestricted
  // direct Grant that brings aggregations brings all of them (the shared truth leaves them out).
  const unrestricted = !Object.keys(numbers).some((f) => Array.isArray(values[f]));
  if (unrestricted && (primary === 'aggregation' || values.include_aggregations === true)) truth.aggregations = new Set(u.cis.groups.map((g) => g.GRP_ID));
  return { token: made.access_token, scope: sd.type, values, truth, customer: null };
}

describe('isolation', () => {
  it(`serves nothing outside the Grant over ${GRANTS} Grants × ${REQUESTS_PER_GRANT} requests`, async () => {
    const rng = new Rng(Number(process.env.ISOLATION_SEED ?? 20261123));
    let combinations = 0;
    let objects = 0;
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    for (let g = 0; g < GRANTS; g++) {
      const c = g % 2 === 0 ? await consentCase(rng) : await directCase(rng);
      if (!c) continue;
      for (let r = 0; r < REQUESTS_PER_GRANT; r++) {
        // Mostly APIs the Grant reaches (where a leak could hide), sometimes any (a 403 must follow).
        const reached = reachedApis(c.truth);
        const api = reached.length > 0 && rng.next() < 0.8 ? reached[rng.nextInt(0, reached.length - 1)] : APIS[rng.nextInt(0, APIS.length - 1)];
        const filters = fc.sample(filtersFor(api, c.truth), { numRuns: 1, seed: rng.nextInt(0, 2 ** 30) })[0];
        const query = new URLSearchParams({ ...filters, limit: String(rng.nextInt(1, 100)) });
        let target: string | null = `${api}?${query}`;
        for (let page = 0; page < 3 && target; page++) {
          const answer: Answer = await get(system, c.token, target);
          combinations++;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status !== 200) {
            // Only the documented refusals: no scope for this API, a listing too broad to serve, or a
            // Grant that gives no access (e.g. an aggregation usage Grant needing the tenants' consent).
            expect([403, 400, 401], `${api} ${answer.text}`).toContain(answer.status);
            break;
          }
          const list = answer.body[api.replace(/-/g, '_')] as Obj[];
          objects += list.length;
          for (const object of list) for (const p of leaks(api, object, c)) problems.push(`${c.scope} ${target}: ${p}`);
          target = rng.nextBoolean() ? answer.body.next as string | null : null;
        }
      }
    }
    console.log(`isolation: ${combinations} combinations, ${objects} objects checked, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(combinations).toBeGreaterThanOrEqual(1000);
    expect(statuses.get(200)).toBeGreaterThanOrEqual(500);
    expect(objects).toBeGreaterThan(3000);
  }, 900_000);
});
