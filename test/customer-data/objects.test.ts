import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Utility } from '../../legacy/generator/utility';
import { get, walk } from './support/api';
import { startSystem, type System } from '../support/system';
import { allIncludes, directToken, noIncludes, seedClients, type Clients } from './support/tokens';

/**
 * Accounts, Service Contracts, Service Points, Meter Devices and Aggregations (cds-wg3-01 §10.1–
 * §10.4, §10.7) through direct-access tokens without preselections (§6.2: everything): the
 * listings hold exactly the generator's objects in the spec's order, every filter selects what
 * its definition says (checked against the generator's tables, or the served values where the
 * CIS codes are translated), filters intersect, `q` searches only what the token sees, and
 * OPTIONAL fields appear only when an include field reveals them.
 */

type Obj = Record<string, unknown>;

let system: System;
let u: Utility;
let clients: Clients;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startSystem({ seed: 'customer-data-objects', accounts: 60 });
  u = system.legacy.utility;
  clients = await seedClients(system);
  for (const scope of ['cds_query_accounts', 'cds_query_service_contracts', 'cds_query_service_points', 'cds_query_meter_devices', 'cds_query_aggregations']) {
    tokens[scope] = (await directToken(system, clients, scope, allIncludes(system, scope))).access_token;
    tokens[`${scope}:bare`] = (await directToken(system, clients, scope, noIncludes(system, scope))).access_token;
  }
}, 120_000);

afterAll(async () => { await system?.close(); });

const ids = (items: Obj[], key: string) => items.map((o) => o[key] as string);
const sorted = (list: string[]) => [...list].sort();

/** §10.1.10/§10.2.7/§10.3.5/§10.4.5/§10.7.8: `cds_modified` descending (the id breaks ties). */
function expectNewestFirst(items: Obj[], idKey: string) {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    const order = Date.parse(a.cds_modified as string) - Date.parse(b.cds_modified as string);
    expect(order > 0 || (order === 0 && (a[idKey] as string) < (b[idKey] as string)), `${a[idKey]} before ${b[idKey]}`).toBe(true);
  }
}

/** The listing with a query, as ids. */
async function listed(scope: string, path: string, idKey: string): Promise<string[]> {
  return sorted(ids((await walk<Obj>(system, tokens[scope], path)).items, idKey));
}

describe('Accounts (§10.1)', () => {
  let all: Obj[];
  beforeAll(async () => { all = (await walk<Obj>(system, tokens.cds_query_accounts, 'accounts')).items; });

  it('lists every account of the utility once, newest first', () => {
    expect(sorted(ids(all, 'cds_account_id'))).toEqual(sorted(u.cis.accounts.map((a) => a.ACCT_ID)));
    expectNewestFirst(all, 'cds_account_id');
  });

  it('serves the generator\'s values under the spec\'s names', () => {
    for (const a of all) {
      const cis = u.index.account.get(a.cds_account_id as string)!;
      expect(a.account_number).toBe(cis.ACCT_NO);
      expect(a.customer_number).toBe(u.index.customer.get(cis.CUST_ID)?.CUST_NO ?? null);
      expect(a.cds_account_parent).toBe(cis.PARENT_ACCT_ID);
      expect(a.cds_modified).toBe(cis.UPD_DTTM);
    }
  });

  it('filters by cds_account_ids, account_numbers and customer_numbers, and intersects them', async () => {
    const some = u.cis.accounts.slice(0, 7);
    expect(await listed('cds_query_accounts', `accounts?cds_account_ids=${some.map((a) => a.ACCT_ID).join('+')}`, 'cds_account_id'))
      .toEqual(sorted(some.map((a) => a.ACCT_ID)));
    expect(await listed('cds_query_accounts', `accounts?account_numbers=${some.slice(2).map((a) => a.ACCT_NO).join('%20')}`, 'cds_account_id'))
      .toEqual(sorted(some.slice(2).map((a) => a.ACCT_ID)));
    const customer = u.index.customer.get(some[3].CUST_ID)!;
    const ofCustomer = u.cis.accounts.filter((a) => a.CUST_ID === customer.CUST_ID).map((a) => a.ACCT_ID);
    expect(await listed('cds_query_accounts', `accounts?customer_numbers=${customer.CUST_NO}`, 'cds_account_id')).toEqual(sorted(ofCustomer));
    // Intersection: the ids ∩ the numbers.
    expect(await listed('cds_query_accounts', `accounts?cds_account_ids=${some.slice(0, 4).map((a) => a.ACCT_ID).join('+')}&account_numbers=${some.slice(2).map((a) => a.ACCT_NO).join('+')}`, 'cds_account_id'))
      .toEqual(sorted(some.slice(2, 4).map((a) => a.ACCT_ID)));
    expect(await listed('cds_query_accounts', 'accounts?account_numbers=NO-SUCH-NUMBER', 'cds_account_id')).toEqual([]);
  });

  it('filters by account_statuses (any of them)', async () => {
    for (const statuses of [['active'], ['closed', 'suspended']]) {
      const expected = all.filter((a) => statuses.includes(a.account_status as string)).map((a) => a.cds_account_id as string);
      expect(await listed('cds_query_accounts', `accounts?account_statuses=${statuses.join('+')}`, 'cds_account_id')).toEqual(sorted(expected));
    }
  });

  it('searches q case-insensitively over the fields the token sees', async () => {
    const sample = all[5];
    const needle = (sample.account_name as string).slice(2, 7).toLowerCase();
    const visible = (a: Obj) => [a.cds_account_id, a.customer_number, a.account_number, a.account_address, a.account_name,
      ...(a.account_contacts as Obj[]).map((c) => c.value), ...(a.account_programs as Obj[]).map((p) => p.program_number)]
      .some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
    expect(await listed('cds_query_accounts', `accounts?q=${encodeURIComponent(needle.toUpperCase())}`, 'cds_account_id'))
      .toEqual(sorted(all.filter(visible).map((a) => a.cds_account_id as string)));
    // Without include_account_details the name is not the token's to search.
    const bare = await walk<Obj>(system, tokens['cds_query_accounts:bare'], `accounts?q=${encodeURIComponent(needle)}`);
    expect(bare.items.map((a) => a.cds_account_id)).toEqual(
      all.filter((a) => (a.cds_account_id as string).toLowerCase().includes(needle)).map((a) => a.cds_account_id),
    );
  });

  it('shows OPTIONAL fields only when an include field reveals them (§7.2.1.x)', async () => {
    const bare = (await get(system, tokens['cds_query_accounts:bare'], 'accounts?limit=20')).body.accounts as Obj[];
    for (const a of bare) expect(Object.keys(a).sort()).toEqual(['cds_account_id', 'cds_account_parent', 'cds_created', 'cds_modified', 'cds_synced']);
    for (const a of all) {
      for (const field of ['customer_number', 'account_number', 'account_entity', 'account_name', 'account_address', 'account_types', 'account_status', 'account_contacts', 'account_programs']) {
        expect(a, field).toHaveProperty(field);
      }
    }
  });
});

describe('Service Contracts (§10.2)', () => {
  let all: Obj[];
  beforeAll(async () => { all = (await walk<Obj>(system, tokens.cds_query_service_contracts, 'service-contracts')).items; });

  it('lists every contract once, newest first, with the generator\'s relations', () => {
    expect(sorted(ids(all, 'cds_servicecontract_id'))).toEqual(sorted(u.cis.serviceAgreements.map((s) => s.SA_ID)));
    expectNewestFirst(all, 'cds_servicecontract_id');
    for (const sc of all) {
      const sa = u.index.agreement.get(sc.cds_servicecontract_id as string)!;
      expect([sc.cds_account_id, sc.contract_number, sc.contract_start, sc.contract_end]).toEqual([sa.ACCT_ID, sa.SA_NO, sa.START_DT, sa.END_DT]);
    }
  });

  it('filters by ids, account numbers, contract numbers, statuses, contract types and service types', async () => {
    const some = u.cis.serviceAgreements.slice(3, 9);
    const path = 'service-contracts';
    expect(await listed('cds_query_service_contracts', `${path}?cds_servicecontract_ids=${some.map((s) => s.SA_ID).join('+')}`, 'cds_servicecontract_id')).toEqual(sorted(some.map((s) => s.SA_ID)));
    expect(await listed('cds_query_service_contracts', `${path}?contract_numbers=${some.map((s) => s.SA_NO).join('+')}`, 'cds_servicecontract_id')).toEqual(sorted(some.map((s) => s.SA_ID)));
    const account = u.index.account.get(some[0].ACCT_ID)!;
    expect(await listed('cds_query_service_contracts', `${path}?account_numbers=${account.ACCT_NO}`, 'cds_servicecontract_id'))
      .toEqual(sorted(u.index.agreementsByAccount.get(account.ACCT_ID).map((s) => s.SA_ID)));
    for (const [param, field, values] of [
      ['contract_statuses', 'contract_status', ['active']], ['contract_statuses', 'contract_status', ['closed', 'stopped']],
      ['contract_types', 'contract_types', ['billed_quarterly']], ['service_types', 'service_types', ['natural_gas', 'water']],
      ['service_types', 'service_types', ['supply']],
    ] as const) {
      const matches = (sc: Obj) => ([] as string[]).concat(sc[field] as string | string[]).some((v) => (values as readonly string[]).includes(v));
      expect(await listed('cds_query_service_contracts', `${path}?${param}=${values.join('+')}`, 'cds_servicecontract_id'), `${param}=${values}`)
        .toEqual(sorted(all.filter(matches).map((s) => s.cds_servicecontract_id as string)));
    }
    // Two filters intersect.
    const both = all.filter((sc) => sc.contract_status === 'active' && (sc.service_types as string[]).includes('electric'));
    expect(await listed('cds_query_service_contracts', `${path}?contract_statuses=active&service_types=electric`, 'cds_servicecontract_id'))
      .toEqual(sorted(both.map((s) => s.cds_servicecontract_id as string)));
  });

  it('searches q over rate plans and numbers', async () => {
    const code = all.find((sc) => typeof sc.rateplan_code === 'string')!.rateplan_code as string;
    const expected = all.filter((sc) => [sc.cds_servicecontract_id, sc.account_number, sc.contract_number, sc.contract_address, sc.rateplan_code, sc.rateplan_name,
      ...(sc.service_programs as Obj[]).map((p) => p.program_number)].some((v) => typeof v === 'string' && v.toLowerCase().includes(code.toLowerCase())));
    expect(await listed('cds_query_service_contracts', `service-contracts?q=${encodeURIComponent(code.toLowerCase())}`, 'cds_servicecontract_id'))
      .toEqual(sorted(expected.map((s) => s.cds_servicecontract_id as string)));
  });
});

describe('Service Points (§10.3)', () => {
  let all: Obj[];
  beforeAll(async () => { all = (await walk<Obj>(system, tokens.cds_query_service_points, 'service-points')).items; });

  it('lists every service point once, newest first, with its contracts and exact coordinates', () => {
    expect(sorted(ids(all, 'cds_servicepoint_id'))).toEqual(sorted(u.cis.servicePoints.map((s) => s.SP_ID)));
    expectNewestFirst(all, 'cds_servicepoint_id');
    for (const sp of all) {
      const cis = u.index.servicePoint.get(sp.cds_servicepoint_id as string)!;
      expect(sorted(sp.current_servicecontracts as string[])).toEqual(sorted(cis.CUR_SA_IDS));
      expect(sorted(sp.previous_servicecontracts as string[])).toEqual(sorted(cis.PREV_SA_IDS));
      if (cis.GEO_LAT !== null) expect(String(sp.latitude)).toBe(cis.GEO_LAT);
      if (cis.GEO_LONG !== null) expect(String(sp.longitude)).toBe(cis.GEO_LONG);
    }
  });

  it('filters by ids, numbers and current/previous contracts', async () => {
    const some = u.cis.servicePoints.slice(0, 5);
    expect(await listed('cds_query_service_points', `service-points?servicepoint_numbers=${some.map((s) => s.SP_NO).join('+')}`, 'cds_servicepoint_id')).toEqual(sorted(some.map((s) => s.SP_ID)));
    const moved = u.cis.servicePoints.find((sp) => sp.PREV_SA_IDS.length > 0);
    if (moved) {
      expect(await listed('cds_query_service_points', `service-points?previous_servicecontracts=${moved.PREV_SA_IDS[0]}`, 'cds_servicepoint_id'))
        .toEqual(sorted(u.cis.servicePoints.filter((sp) => sp.PREV_SA_IDS.includes(moved.PREV_SA_IDS[0])).map((s) => s.SP_ID)));
    }
    const current = some[1].CUR_SA_IDS[0];
    expect(await listed('cds_query_service_points', `service-points?current_servicecontracts=${current}&cds_servicepoint_ids=${some[1].SP_ID}+${some[2].SP_ID}`, 'cds_servicepoint_id'))
      .toEqual([some[1].SP_ID]);
  });

  it('keeps current/previous contracts to the ones the token may see', async () => {
    // cds_query_service_points without include_service_contracts sees no contracts.
    const bare = (await get(system, tokens['cds_query_service_points:bare'], 'service-points?limit=30')).body.service_points as Obj[];
    for (const sp of bare) expect([sp.current_servicecontracts, sp.previous_servicecontracts, sp.servicepoint_address]).toEqual([[], [], undefined]);
  });
});

describe('Meter Devices (§10.4)', () => {
  let all: Obj[];
  beforeAll(async () => { all = (await walk<Obj>(system, tokens.cds_query_meter_devices, 'meter-devices')).items; });

  it('lists every meter once, newest first, with its install history', () => {
    expect(sorted(ids(all, 'cds_meterdevice_id'))).toEqual(sorted(u.mdm.meters.map((m) => m.meterId)));
    expectNewestFirst(all, 'cds_meterdevice_id');
    for (const md of all) {
      const meter = u.index.meter.get(md.cds_meterdevice_id as string)!;
      expect(md.meter_number).toBe(meter.serialNumber);
      expect(sorted(md.current_servicepoints as string[])).toEqual(sorted(meter.installs.filter((i) => i.removedAt === null).map((i) => i.servicePointId)));
    }
  });

  it('filters by meter_number (and meter_numbers), service points and ids', async () => {
    const some = u.mdm.meters.slice(0, 4);
    expect(await listed('cds_query_meter_devices', `meter-devices?meter_number=${some.map((m) => m.serialNumber).join('+')}`, 'cds_meterdevice_id')).toEqual(sorted(some.map((m) => m.meterId)));
    expect(await listed('cds_query_meter_devices', `meter-devices?meter_numbers=${some[0].serialNumber}`, 'cds_meterdevice_id')).toEqual([some[0].meterId]);
    const sp = some[1].installs.at(-1)!.servicePointId;
    const atPoint = u.mdm.meters.filter((m) => m.installs.some((i) => i.servicePointId === sp && i.removedAt === null)).map((m) => m.meterId);
    expect(await listed('cds_query_meter_devices', `meter-devices?current_servicepoints=${sp}`, 'cds_meterdevice_id')).toEqual(sorted(atPoint));
  });

  it('hides meter numbers from a token without include_meter_numbers, for filters and q too', async () => {
    const bare = await walk<Obj>(system, tokens['cds_query_meter_devices:bare'], 'meter-devices');
    expect(bare.items.every((m) => !('meter_number' in m))).toBe(true);
    const serial = u.mdm.meters[0].serialNumber;
    expect((await walk(system, tokens['cds_query_meter_devices:bare'], `meter-devices?meter_number=${serial}`)).items).toEqual([]);
    expect((await walk(system, tokens['cds_query_meter_devices:bare'], `meter-devices?q=${serial}`)).items).toEqual([]);
    expect((await walk<Obj>(system, tokens.cds_query_meter_devices, `meter-devices?q=${serial.toLowerCase()}`)).items.map((m) => m.cds_meterdevice_id))
      .toEqual([u.mdm.meters[0].meterId]);
  });
});

describe('Aggregations (§10.7)', () => {
  let all: Obj[];
  beforeAll(async () => { all = (await walk<Obj>(system, tokens.cds_query_aggregations, 'aggregations')).items; });

  it('lists every aggregation once, newest first, chunking members as §10.7.1 does', () => {
    expect(sorted(ids(all, 'cds_aggregation_id'))).toEqual(sorted(u.cis.groups.map((g) => g.GRP_ID)));
    expectNewestFirst(all, 'cds_aggregation_id');
    for (const a of all) {
      const g = u.index.group.get(a.cds_aggregation_id as string)!;
      expect(a.aggregation_number).toBe(g.GRP_NO);
      expect(sorted(a.grouped_servicepoints as string[])).toEqual(sorted(g.MEMBER_SP_IDS));
      expect(sorted(a.grouped_aggregations as string[])).toEqual(sorted(g.CHILD_GRP_IDS));
    }
  });

  it('filters by numbers and types; q matches aggregation numbers', async () => {
    const g = u.cis.groups[1];
    expect(await listed('cds_query_aggregations', `aggregations?aggregation_numbers=${g.GRP_NO}`, 'cds_aggregation_id')).toEqual([g.GRP_ID]);
    for (const type of ['building', 'local', 'public']) {
      expect(await listed('cds_query_aggregations', `aggregations?aggregation_types=${type}`, 'cds_aggregation_id'))
        .toEqual(sorted(all.filter((a) => (a.aggregation_types as string[]).includes(type)).map((a) => a.cds_aggregation_id as string)));
    }
    expect(await listed('cds_query_aggregations', `aggregations?q=${g.GRP_NO}`, 'cds_aggregation_id'))
      .toEqual(sorted(all.filter((a) => [a.cds_aggregation_id, a.aggregation_number, ...(a.grouped_regions as Obj[]).map((r) => r.name), ...((a.grouped_addresses as string[]) ?? [])]
        .some((v) => typeof v === 'string' && v.toLowerCase().includes(g.GRP_NO.toLowerCase()))).map((a) => a.cds_aggregation_id as string)));
  });
});
