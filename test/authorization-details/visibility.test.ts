import { describe, expect, it } from 'vitest';
import {
  entryVisibility, grantVisibility, indexGraph, recordSelection, type CustomerGraph, type SelectionRecord, type SelectionType,
} from '../../rest-facade/authorization-details';
import { grant, TIMEZONE } from './fixtures';
import { customerGraph } from './graph';

/**
 * What a Grant makes visible: cds-wg3-01 §6.1.x "objects made available" recorded as the Selection
 * type used (§6), §6.2 filters, §7.2 include rules and §7.3 windows, over the Customer graph of
 * graph.ts (meter M1 swapped for M2 on 2025-03-01 under contract S1; contract S3 ended 2024-06-30).
 */

const GRANTED = new Date('2025-01-15T18:30:00Z');
const AFTER_SWAP = new Date('2025-06-15T18:30:00Z');

function select(type: SelectionType, chosen: string[], includeFuture = false, graph: CustomerGraph = customerGraph()): SelectionRecord {
  const record = recordSelection(type, indexGraph(graph), chosen, includeFuture);
  if (typeof record === 'string') throw new Error(record);
  return record;
}

function visible(scope: string, fields: Record<string, unknown>, selection: SelectionRecord | null, at: Date, graph: CustomerGraph = customerGraph()) {
  const [entry] = grant({ scope, details: [{ type: scope, ...fields }], now: GRANTED });
  return entryVisibility(entry, graph, selection, { now: at, timezone: TIMEZONE });
}

describe('the meter swap (§6: access follows the Selection type used)', () => {
  const bySc = select('service_contract_selection', ['S1']);
  const meters = { authorization_form_selection_type: 'service_contract_selection' };

  it('shows the meter installed under the selected contract, before and after the swap', () => {
    expect(visible('cds_meters', meters, bySc, GRANTED).meter_devices).toEqual(['M1']);
    expect(visible('cds_meters', meters, bySc, AFTER_SWAP).meter_devices).toEqual(['M2']);
  });

  it('keeps a meter the customer selected by itself, for the time it served them', () => {
    const byMeter = select('meter_device_selection', ['M1']);
    const usage = visible('cds_usage', { authorization_form_selection_type: 'meter_device_selection', segment_start: '2025-01-01T08:00:00Z' }, byMeter, AFTER_SWAP);
    expect(usage.usage_segments!.all_of).toEqual([{
      accounts: [], service_contracts: [], service_points: [], aggregations: [], bill_sections: false,
      meter_devices: [{ id: 'M1', periods: [{ from: '2025-01-01T08:00:00Z', until: '2025-03-01T08:00:00Z' }] }],
    }]);
  });

  it('freezes the relationships at sync_until (§7.3.1)', () => {
    const frozen = visible('cds_meters', { ...meters, sync_until: '2025-02-15T00:00:00Z' }, bySc, AFTER_SWAP);
    expect(frozen.meter_devices).toEqual(['M1']);
    expect(frozen.as_of).toBe('2025-02-15T00:00:00.000Z');
  });

  it('brings the connecting service point and the contract when both are included (§7.2.2, §7.2.4)', () => {
    const v = visible('cds_meters', { ...meters, include_service_contracts: true, include_accounts: true }, bySc, AFTER_SWAP);
    expect(v).toMatchObject({ meter_devices: ['M2'], service_points: ['P1'], service_contracts: ['S1'], accounts: ['A1', 'AP'] });
  });

  it('shares the usage of the selected contract, and both meters that measured it (§6.1.9, §7.2.4)', () => {
    const v = visible('cds_usage', { include_meter_devices: true, segment_start: '2024-01-01T08:00:00Z' }, bySc, AFTER_SWAP);
    expect(v.usage_segments!.all_of.map((c) => c.service_contracts)).toEqual([['S1']]);
    expect(v.usage_segments!.segment_start).toBe('2024-01-01T08:00:00Z');
    expect(v.meter_devices).toEqual(['M1', 'M2']);
    expect(v.service_contracts).toEqual([]);
  });
});

describe('the move-out (a contract that ended inside the granted window)', () => {
  it('keeps the ended contract visible', () => {
    const v = visible('cds_service_contracts', { authorization_form_selection_type: 'account_selection' }, select('account_selection', ['A2']), AFTER_SWAP);
    expect(v.service_contracts).toEqual(['S3']);
    expect(v.accounts).toEqual(['A2']);
  });

  it('keeps the meter that served the ended contract, as it was on the last day', () => {
    const v = visible('cds_meters', { authorization_form_selection_type: 'service_contract_selection' }, select('service_contract_selection', ['S3']), AFTER_SWAP);
    expect(v.meter_devices).toEqual(['M4']);
  });

  it('stops the usage of a selected meter at move-out: the next occupant\'s usage is not shared', () => {
    const v = visible('cds_usage', { authorization_form_selection_type: 'meter_device_selection', segment_start: '2023-01-01T08:00:00Z' },
      select('meter_device_selection', ['M4']), AFTER_SWAP);
    expect(v.usage_segments!.all_of[0].meter_devices).toEqual([
      { id: 'M4', periods: [{ from: '2023-01-01T08:00:00Z', until: '2024-07-01T07:00:00Z' }] },
    ]);
  });

  it('does the same through a direct usage query by meter number', () => {
    const [entry] = grant({ scope: 'cds_query_usage', details: [{ type: 'cds_query_usage', meter_numbers: ['MTR-4'], segment_start: 'infinite' }], now: GRANTED });
    const v = entryVisibility(entry, customerGraph(), null, { now: AFTER_SWAP, timezone: TIMEZONE });
    expect(v.usage_segments!.all_of).toEqual([{
      accounts: [], service_contracts: [], service_points: [], aggregations: [], bill_sections: false,
      meter_devices: [{ id: 'M4', periods: [{ from: '2018-05-01T07:00:00Z', until: '2024-07-01T07:00:00Z' }] }],
    }]);
  });
});

describe('the objects each consent scope makes available (§6.1.x)', () => {
  it('§6.1.5 with the Account Selection: every contract of the selected accounts, and only the selected accounts', () => {
    // include_accounts would add the parent account AP, but the Customer chose accounts here.
    const v = visible('cds_service_contracts', { authorization_form_selection_type: 'account_selection' }, select('account_selection', ['A1']), AFTER_SWAP);
    expect(v).toMatchObject({ service_contracts: ['S1', 'S2'], accounts: ['A1'], meter_devices: [], service_points: [] });
    expect(v.fields.service_contract).toEqual(expect.arrayContaining(['contract_number', 'contract_entity']));
    expect(v.fields.service_contract).not.toContain('rateplan_code');
  });

  it('§6.1.5 includes contracts that appear later when "include future" was chosen', () => {
    const record = select('service_contract_selection', ['S1'], true);
    const later = customerGraph();
    later.service_contracts.push({ id: 'S4', account_id: 'A1', contract_number: 'SC-4', service_types: ['electric'] });
    expect(visible('cds_service_contracts', {}, record, AFTER_SWAP, later).service_contracts).toEqual(['S1', 'S4']);
    expect(visible('cds_service_contracts', {}, { ...record, include_future: false }, AFTER_SWAP, later).service_contracts).toEqual(['S1']);
  });

  it('§6.1.1 reveals rate plans of the selected contracts only', () => {
    const v = visible('cds_rate_plan', { include_accounts: true }, select('service_contract_selection', ['S2']), AFTER_SWAP);
    expect(v).toMatchObject({ service_contracts: ['S2'], accounts: ['A1', 'AP'] });
    expect(v.fields.service_contract).toEqual(expect.arrayContaining(['rateplan_code', 'rateplan_name']));
  });

  it('§7.2.4 include_meter_devices brings the meters serving the included contracts (§4.5 asks for it on cds_rate_plan)', () => {
    expect(visible('cds_rate_plan', { include_meter_devices: true }, select('service_contract_selection', ['S1']), AFTER_SWAP).meter_devices).toEqual(['M2']);
    expect(visible('cds_rate_plan', {}, select('service_contract_selection', ['S1']), AFTER_SWAP).meter_devices).toEqual([]);
  });

  it('§6.1.6 with the Account and Service Point Selections', () => {
    expect(visible('cds_meters', { authorization_form_selection_type: 'account_selection' }, select('account_selection', ['A1']), AFTER_SWAP).meter_devices)
      .toEqual(['M2', 'M3']);
    expect(visible('cds_meters', { authorization_form_selection_type: 'servicepoint_selection' }, select('servicepoint_selection', ['P2']), AFTER_SWAP).meter_devices)
      .toEqual(['M3']);
  });

  it('§6.1.7 bill statements of the selected accounts, within the statement dates', () => {
    const v = visible('cds_bill_statements', { statement_date_start: '2024-01-01', include_bill_statement_files: true }, select('account_selection', ['A1']), AFTER_SWAP);
    expect(v.bill_statements).toEqual({ account_ids: ['A1'], statement_date_start: '2024-01-01', statement_date_end: null });
    expect(v.accounts).toEqual(['A1']);
    expect(v.fields.bill_statement).toEqual(expect.arrayContaining(['account_number', 'file_uri']));
    expect(v.fields.bill_statement).not.toContain('new_charges');
  });

  it('§6.1.8 bill sections by contract or by account', () => {
    const bySc = visible('cds_service_bills', {}, select('service_contract_selection', ['S1']), AFTER_SWAP);
    expect(bySc.bill_sections).toMatchObject({ account_ids: ['A1'], servicecontract_ids: ['S1'] });
    expect(bySc).toMatchObject({ accounts: ['A1', 'AP'], service_contracts: ['S1'] });
    const byAccount = visible('cds_service_bills', { authorization_form_selection_type: 'account_selection' }, select('account_selection', ['A2']), AFTER_SWAP);
    expect(byAccount.bill_sections).toMatchObject({ account_ids: ['A2'], servicecontract_ids: ['S3'] });
  });

  it('§6.1.9 usage by aggregation, with value formats as granted (§7.2.8.1)', () => {
    const v = visible('cds_usage', {
      authorization_form_selection_type: 'aggregation_selection', include_usage_segment_value_types: ['electric_interval_kwh_forward'],
    }, select('aggregation_selection', ['G1']), AFTER_SWAP);
    expect(v.usage_segments!.all_of[0].aggregations).toEqual(['G1']);
    expect(v.usage_segments!.value_formats).toEqual(['electric_interval_kwh_forward']);
    const none = visible('cds_usage', { include_usage_segment_value_types: null }, select('service_contract_selection', ['S1']), AFTER_SWAP);
    expect(none.usage_segments!.value_formats).toBeNull();
  });

  it('§6.1.10 makes nothing visible by itself', () => {
    const v = visible('cds_aggregation_consent', { aggregation_numbers: ['BLDG-1'], premise_numbers: ['PR-1'] }, select('aggregation_selection', ['G1']), AFTER_SWAP);
    expect([v.accounts, v.service_contracts, v.meter_devices, v.aggregations, v.usage_segments]).toEqual([[], [], [], [], null]);
  });

  it('drops a selected object that no longer exists', () => {
    const gone = customerGraph();
    gone.service_contracts = gone.service_contracts.filter((s) => s.id !== 'S2');
    expect(visible('cds_rate_plan', {}, select('service_contract_selection', ['S1', 'S2']), AFTER_SWAP, gone).service_contracts).toEqual(['S1']);
  });

  it('needs the recorded Selection for a consent scope', () => {
    expect(() => visible('cds_meters', {}, null, AFTER_SWAP)).toThrow(/recorded Selection/);
  });
});

describe('direct access scopes (§6.2, §7.1 filters)', () => {
  const direct = (scope: string, fields: Record<string, unknown>) => visible(scope, fields, null, AFTER_SWAP);

  it('shows everything the base permissions allow without filters', () => {
    expect(direct('cds_query_meter_devices', {}).meter_devices).toEqual(['M1', 'M2', 'M3', 'M4']);
  });

  it('filters by preselection fields and prunes what the includes bring', () => {
    expect(direct('cds_query_meter_devices', { meter_numbers: ['MTR-3'], include_service_points: true }))
      .toMatchObject({ meter_devices: ['M3'], service_points: ['P2'] });
    // The parent account AP does not match account_numbers, so it is not shown either.
    expect(direct('cds_query_service_contracts', { account_numbers: ['100-1'] })).toMatchObject({ service_contracts: ['S1', 'S2'], accounts: ['A1'] });
    expect(direct('cds_query_accounts', { account_numbers: ['100-1'], include_service_contracts: true, include_rate_plans: true }))
      .toMatchObject({ accounts: ['A1'], service_contracts: ['S1', 'S2'] });
  });

  it('intersects several filters', () => {
    expect(direct('cds_query_service_contracts', { account_numbers: ['100-1'], contract_numbers: ['SC-2', 'SC-3'] }).service_contracts).toEqual(['S2']);
  });

  it('gives bill statements and sections of the filtered accounts and contracts', () => {
    expect(direct('cds_query_bill_statements', { account_numbers: ['100-2'] }).bill_statements)
      .toMatchObject({ account_ids: ['A2'] });
    expect(direct('cds_query_bill_sections', { contract_numbers: ['SC-1'] }).bill_sections)
      .toMatchObject({ account_ids: ['A1'], servicecontract_ids: ['S1'] });
  });

  it('requires a usage segment to meet every filter field (§4.11 aggregated usage)', () => {
    const v = direct('cds_query_aggregated_usage', { aggregation_numbers: ['BLDG-1'], include_aggregations: true });
    expect(v.usage_segments!.all_of.map((c) => c.aggregations)).toEqual([['G1']]);
    expect(v.aggregations).toEqual(['G1']);
  });

  it('lists the certificate beneficiaries of what is shared (§7.2.9)', () => {
    expect(direct('cds_query_usage', { meter_numbers: ['MTR-2'], include_eacs: true, include_meter_devices: true }).eacs).toMatchObject({ referenced_by_usage_segments: true });
    const accounts = visible('cds_usage', { include_eacs: true, include_accounts: true, include_service_contracts: true },
      select('service_contract_selection', ['S1']), AFTER_SWAP);
    expect(accounts.eacs).toEqual({
      customer_numbers: ['C-1'], account_ids: ['A1', 'AP'], servicecontract_ids: ['S1'], rateplan_codes: ['E-19'],
      program_numbers: ['CARE', 'SMARTDAYS'], referenced_by_usage_segments: true,
    });
  });
});

describe('a Grant of several scopes', () => {
  it('unions the entries and keeps each entry\'s own fields', () => {
    const entries = grant({
      scope: 'cds_rate_plan cds_accounts',
      details: [{ type: 'cds_rate_plan' }, { type: 'cds_accounts', include_account_details: true }],
      now: GRANTED,
    });
    const v = grantVisibility(entries, customerGraph(), {
      cds_rate_plan: select('service_contract_selection', ['S1']), cds_accounts: select('account_selection', ['A2']),
    }, { now: AFTER_SWAP, timezone: TIMEZONE });
    expect(v).toMatchObject({ service_contracts: ['S1'], accounts: ['A2'] });
    expect(v.entries[1].fields.account).toContain('account_address');
    expect(v.entries[0].fields.account).not.toContain('account_address');
    expect(v.entries[0].fields.service_contract).toContain('rateplan_code');
  });
});
