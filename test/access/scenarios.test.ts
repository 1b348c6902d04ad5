import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CisServiceAgreement } from '../../legacy/cis/records';
import { createAccessResolver, graphGrantSource, ResolvedAddresses, visibleIds, windowsOf, type Access } from '../../rest-facade/access';
import { GrantSelections } from '../../rest-facade/consent';
import { pino } from 'pino';
import type { GrantRecord } from '../../rest-facade/grants';
import { makeGrant } from './support/grants';
import { startSystem, TIMEZONE, type System } from '../support/system';
import { DateTime } from 'luxon';
import { fieldMatches, indexGraph } from '../../rest-facade/authorization-details';
import { ownMatches } from './truth/expected';

/**
 * The resolver against the real running system as the data and the Grants change: access follows
 * the Customer's recorded choice (a meter swap, a move-out), Grants without access give nothing,
 * the cache never outlives a Grant change, and each Grant costs a constant number of federated queries. State (Grants,
 * recorded selections, the cache) lives in a real Redis here; the property suite uses the embedded store.
 */

let system: System;
const now = () => new Date();

beforeAll(async () => {
  system = await startSystem({ seed: 'access-scenarios', accounts: 120, redisUrl: inject('redisUrl'), env: { ACCESS_CACHE_TTL: '0' } });
}, 120_000);
afterAll(async () => { await system?.close(); });

const resolver = () => system.facade.context.access!.resolver;
const ids = (parts: Access['meter_devices']) => { const v = visibleIds(parts); return v.all ? ['*'] : [...v.ids].sort(); };

function customerOf(key: string): string {
  return system.utility.testCustomers.find((t) => t.key === key)!.CUST_ID;
}

function contracts(customerId: string): CisServiceAgreement[] {
  const u = system.utility;
  return u.index.accountsByCustomer.get(customerId).flatMap((a) => u.index.agreementsByAccount.get(a.ACCT_ID));
}

async function consentGrant(scope: string, entry: Record<string, unknown>, customerId: string, selected: string[], type = 'service_contract_selection' as const): Promise<GrantRecord> {
  const offered = contracts(customerId).map((sa) => sa.SA_ID).sort();
  const made = await makeGrant(system, {
    scope, entry, customerId, now: now(), selection: { type, selected, include_future: false, offered },
  });
  if (!made.ok) throw new Error(made.reason);
  return made.grant;
}

const usageEntry = { include_meter_devices: true, segment_start: 'infinite', segment_end: 'infinite', include_usage_segment_value_types: null };

describe('access follows the Customer\'s choice as the data changes (§6)', () => {
  it('shows the new meter, and no longer the old one, after a meter swap under a selected contract', async () => {
    const customer = customerOf('gas_electric_water');
    const electric = contracts(customer).find((sa) => sa.SVC_TYPE_CD === 'E')!;
    const meters = await consentGrant('cds_meters', {}, customer, [electric.SA_ID]);
    const usage = await consentGrant('cds_usage', usageEntry, customer, [electric.SA_ID]);
    const before = await resolver().resolve({ grantIds: [meters.grant_id] });
    const [old] = ids(before.meter_devices);
    expect(ids(before.meter_devices)).toHaveLength(1);

    const swap = await system.change('meter_swap', electric.SP_ID);
    const replacement = swap.changed.find((c) => c.table === 'METER' && c.action === 'created')!.id;
    expect(swap.changed.find((c) => c.table === 'METER' && c.action === 'updated')!.id).toBe(old);

    const after = await resolver().resolve({ grantIds: [meters.grant_id] });
    expect(ids(after.meter_devices)).toEqual([replacement]);
    // The usage Grant keeps the old meter's history and adds the new meter's.
    const history = await resolver().resolve({ grantIds: [usage.grant_id] });
    expect(ids(history.meter_devices)).toEqual([old, replacement].sort());
    const [part] = history.usage_segments;
    expect(windowsOf(part.meters, old).length).toBeGreaterThan(0);
    expect(windowsOf(part.meters, replacement).length).toBeGreaterThan(0);
  });

  it('keeps a contract that ended by a move-out visible, with usage only for its days', async () => {
    const customer = customerOf('multi');
    const [account] = system.utility.index.accountsByCustomer.get(customer);
    const electric = system.utility.index.agreementsByAccount.get(account.ACCT_ID).find((sa) => sa.SVC_TYPE_CD === 'E')!;
    const listed = await consentGrant('cds_service_contracts', {}, customer, [electric.SA_ID]);
    const usage = await consentGrant('cds_usage', usageEntry, customer, [electric.SA_ID]);
    const meters = await consentGrant('cds_meters', {}, customer, [electric.SA_ID]);
    const meterBefore = ids((await resolver().resolve({ grantIds: [meters.grant_id] })).meter_devices);

    const moved = await system.change('move_out', account.ACCT_ID);
    const successor = moved.changed.filter((c) => c.table === 'SA' && c.action === 'created').map((c) => c.id);
    expect(successor.length).toBeGreaterThan(0);

    const contractsNow = await resolver().resolve({ grantIds: [listed.grant_id] });
    expect(ids(contractsNow.service_contracts)).toEqual([electric.SA_ID]);
    for (const id of successor) expect(ids(contractsNow.service_contracts)).not.toContain(id);
    // The meter stays the one that served the contract until its last day.
    expect(ids((await resolver().resolve({ grantIds: [meters.grant_id] })).meter_devices)).toEqual(meterBefore);
    // Usage ends where the contract ended: the start of the move-out day, local time.
    const end = DateTime.fromISO(system.utility.asOf, { zone: TIMEZONE }).toUTC().toISO({ suppressMilliseconds: true });
    const [part] = (await resolver().resolve({ grantIds: [usage.grant_id] })).usage_segments;
    const windows = part.meters.items.map((p) => p.window);
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) expect(w.end && Date.parse(w.end)).toBeLessThanOrEqual(Date.parse(end!));
    expect(windows.some((w) => w.end !== null && Date.parse(w.end) === Date.parse(end!))).toBe(true);
  });
});

describe('Grants without access give nothing (cds-wg1-02 §8.2)', () => {
  it.each(['revoked', 'closed', 'suspended', 'disabled', 'expired', 'future'] as const)('%s', async (status) => {
    const customer = customerOf('cca');
    const grant = await consentGrant('cds_service_contracts', {}, customer, contracts(customer).map((sa) => sa.SA_ID));
    expect(ids((await resolver().resolve({ grantIds: [grant.grant_id] })).service_contracts).length).toBeGreaterThan(0);
    await system.facade.context.repos.grants.update(grant, { status });
    const access = await resolver().resolve({ grantIds: [grant.grant_id] });
    expect(access.grants).toEqual([{ grant_id: grant.grant_id, status, complete: true }]);
    for (const api of ['accounts', 'service_contracts', 'service_points', 'meter_devices', 'usage_segments'] as const) expect(access[api]).toEqual([]);
  });

  it('an unknown Grant gives nothing; a pending one gives what is enabled so far, and an empty place for the rest (§8.2)', async () => {
    expect((await resolver().resolve({ grantIds: ['no-such-grant'] })).grants).toEqual([{ grant_id: 'no-such-grant', status: 'unknown', complete: true }]);
    const made = await makeGrant(system, { scope: 'cds_query_accounts', entry: { account_numbers: [system.utility.cis.accounts[0].ACCT_NO] }, now: now() });
    if (!made.ok) throw new Error(made.reason);
    const { grants } = system.facade.context.repos;
    const pending = await grants.update(made.grant, { status: 'pending', enabled_scope: '', enabled_authorization_details: [], eta: new Date(Date.now() + 60_000).toISOString() });
    system.resetCounters();
    const nothing = await resolver().resolve({ grantIds: [pending.grant_id] });
    expect(nothing.grants[0]).toMatchObject({ status: 'pending', complete: false });
    // The accounts API is the Grant's, with nothing in it yet (an empty listing, not a 403); no graph read.
    expect(nothing.accounts).toEqual([{ grant_id: pending.grant_id, ids: { all: false, ids: [] }, fields: expect.any(Array) }]);
    expect(nothing.service_contracts).toEqual([]);
    expect(system.gatewayRequests()).toBe(0);
    const partly = await grants.update(pending, { enabled_scope: made.grant.scope, enabled_authorization_details: made.grant.authorization_details });
    const ready = await resolver().resolve({ grantIds: [partly.grant_id] });
    expect(ready.grants[0]).toMatchObject({ status: 'pending', complete: false });
    expect(ids(ready.accounts)).toEqual([system.utility.cis.accounts[0].ACCT_ID]);
  });
});

describe('a constant number of federated queries per Grant', () => {
  it('reads a Customer\'s whole graph in two gateway requests (objects, then their aggregations), however many objects it holds', async () => {
    const enterprise = customerOf('enterprise');
    const all = contracts(enterprise).map((sa) => sa.SA_ID);
    expect(all.length).toBeGreaterThan(3);
    const big = await consentGrant('cds_usage', { ...usageEntry, include_accounts: true, include_service_contracts: true, include_service_points: true }, enterprise, all);
    const small = await consentGrant('cds_service_contracts', {}, customerOf('cca'), [contracts(customerOf('cca'))[0].SA_ID]);
    system.resetCounters();
    await resolver().resolve({ grantIds: [big.grant_id] });
    expect(system.gatewayRequests()).toBe(2);
    system.resetCounters();
    await resolver().resolve({ grantIds: [big.grant_id, small.grant_id] });
    expect(system.gatewayRequests()).toBe(4);
  });

  it('a direct scope reads the objects its preselections name; without preselections it reads nothing', async () => {
    const u = system.utility;
    const named = await makeGrant(system, {
      scope: 'cds_query_meter_devices', now: now(),
      entry: { meter_numbers: u.mdm.meters.slice(0, 5).map((m) => m.serialNumber), account_numbers: u.cis.accounts.slice(0, 5).map((a) => a.ACCT_NO) },
    });
    const open = await makeGrant(system, { scope: 'cds_query_accounts', entry: {}, now: now() });
    if (!named.ok || !open.ok) throw new Error('grant refused');
    system.resetCounters();
    await resolver().resolve({ grantIds: [named.grant.grant_id] });
    // Each field's numbers → its objects (one request per field), then their graph and its
    // aggregations: a constant four, whatever the counts.
    expect(system.gatewayRequests()).toBe(4);
    system.resetCounters();
    const everything = await resolver().resolve({ grantIds: [open.grant.grant_id] });
    expect(system.gatewayRequests()).toBe(0);
    expect(visibleIds(everything.accounts)).toEqual({ all: true });
  });
});

describe('the resolver cache', () => {
  it('reuses a Grant\'s resolution until the Grant changes, then reads the graph again', async () => {
    const { store, repos, scopes, clock } = system.facade.context;
    const cached = createAccessResolver({
      grants: repos.grants, scopes, selections: new GrantSelections(store), resolvedAddresses: new ResolvedAddresses(store),
      store, log: pino({ level: 'silent' }), clock,
      source: graphGrantSource({ graph: system.connections.graph, accountsOf: system.connections.accountsOf, clock }),
      timezone: TIMEZONE, cacheTtlSeconds: 300,
    });
    const customer = customerOf('solar');
    const grant = await consentGrant('cds_service_contracts', {}, customer, contracts(customer).map((sa) => sa.SA_ID));
    system.resetCounters();
    const first = await cached.resolve({ grantIds: [grant.grant_id] });
    const again = await cached.resolve({ grantIds: [grant.grant_id] });
    expect(again).toEqual(first);
    expect(system.gatewayRequests()).toBe(2);

    // A status change is a new `modified`: the suspended Grant gives nothing without a graph read…
    const suspended = await repos.grants.update(grant, { status: 'suspended' });
    expect((await cached.resolve({ grantIds: [grant.grant_id] })).service_contracts).toEqual([]);
    expect(system.gatewayRequests()).toBe(2);
    // …and once active again it is resolved afresh, not served from the old entry.
    await repos.grants.update(suspended, { status: 'active' });
    expect(ids((await cached.resolve({ grantIds: [grant.grant_id] })).service_contracts)).toEqual(ids(first.service_contracts));
    expect(system.gatewayRequests()).toBe(4);
    // An explicit invalidation (e.g. after the data changed) also forces a fresh read.
    await cached.invalidate(grant.grant_id);
    await cached.resolve({ grantIds: [grant.grant_id] });
    expect(system.gatewayRequests()).toBe(6);
  });
});

describe('the objects direct preselections match, across the whole utility (§6.2, §7.1)', () => {
  it.each([
    ['service_types', ['water']],
    ['service_programs', null],
    ['account_programs', null],
    ['servicepoint_types', ['natural_gas', 'virtual']],
    ['premise_numbers', null],
    ['meter_types', ['amr_meter', 'bidirectional']],
    ['meter_apps', null],
  ] as const)('%s', async (field, given) => {
    const u = system.utility;
    // Values the utility has: every value of a catalogue field would match most objects, so take a few.
    const values = given ? [...given] : {
      service_programs: [...new Set(u.cis.serviceAgreements.flatMap((s) => s.PROGRAMS.map((p) => p.PROG_CD)))].slice(0, 2),
      account_programs: [...new Set(u.cis.accounts.flatMap((a) => a.PROGRAMS.map((p) => p.PROG_CD)))].slice(0, 2),
      premise_numbers: u.cis.servicePoints.slice(0, 4).flatMap((s) => s.PREMISES.map((p) => p.PREM_NO)),
      meter_apps: [...new Set(u.mdm.meters.flatMap((m) => m.apps.map((a) => a.appCode)))].slice(0, 1),
    }[field as 'service_programs' | 'account_programs' | 'premise_numbers' | 'meter_apps'];
    const [kind, truth] = ownMatches(u, field, values)!;
    expect(truth.size).toBeGreaterThan(0);
    const source = graphGrantSource({ graph: system.connections.graph, accountsOf: system.connections.accountsOf, clock: Date.now });
    const graph = await source.preselected({ values: { [field]: values } });
    const matched = fieldMatches(field, values, kind, indexGraph(graph), { at: Date.now() });
    expect([...matched!].sort()).toEqual([...truth].sort());
  });
});
