import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { JsonDecimal } from '../../json';
import * as S from '.';

const d = (token: string) => new JsonDecimal(token);
const ts = { cds_created: '2025-01-02T00:00:00Z', cds_modified: '2025-01-02T00:00:00Z', cds_synced: '2025-01-03T00:00:00-08:00' };

function issues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
const ok = (schema: z.ZodType, value: unknown) => expect(issues(schema, value)).toEqual([]);
const bad = (schema: z.ZodType, value: unknown, message: RegExp) => expect(issues(schema, value).join('\n')).toMatch(message);

const program = {
  id: 'p1', program_number: 'NEM-2', name: 'Net metering', description: 'Credits for exports',
  documentation: 'https://utility.example/programs/nem',
};
const entity = { id: 'e1', types: ['distributor', 'supplier', 'iou'], entity_number: 'US-XX-IOU-1', entity_name: 'Example Gas & Electric', entity_abbreviation: 'EG&E' };

describe('Bill Statement (§10.5.1)', () => {
  const bill = {
    cds_billstatement_id: 'bs1', ...ts, cds_account_id: 'a1', account_number: 'AAA-1', statement_date: '2025-01-01',
    currency: 'USD', amount_due: d('0.3'), amount_due_date: '2025-01-20', shutoff_prevention_minimum_due: null,
    shutoff_prevention_date: null,
  };
  const charge = (id: string, amount: string, included = true, types = ['electric_total']) => ({ id, name: id, types, amount: d(amount), included_in_amount_due: included });

  it('keeps the sum rule with exact decimals: 0.1 + 0.2 is 0.3', () => {
    ok(S.BillStatement, { ...bill, previous_balance_unpaid: d('0.1'), new_charges: [charge('n1', '0.2'), charge('n2', '99', false)] });
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('rejects a bill that does not add up, unless an amount_due_sum_difference charge balances it', () => {
    const unbalanced = { ...bill, amount_due: d('0.30000000000000004'), previous_balance_unpaid: d('0.1'), new_charges: [charge('n1', '0.2')] };
    bad(S.BillStatement, unbalanced, /amount_due: previous_balance_unpaid \+ included new_charges = 0\.3, not amount_due 0\.30000000000000004/);
    ok(S.BillStatement, { ...unbalanced, new_charges: [charge('n1', '0.2'), charge('n2', '0.00000000000000004', true, ['amount_due_sum_difference'])] });
    // Without both parts the rule does not apply.
    ok(S.BillStatement, { ...bill, new_charges: [charge('n1', '7')] });
  });

  it('ties file_mimetype to a file_uri URL and the shutoff date to the shutoff minimum', () => {
    bad(S.BillStatement, { ...bill, file_uri: 'https://utility.example/bills/bs1.pdf' }, /file_mimetype is REQUIRED/);
    ok(S.BillStatement, { ...bill, file_uri: 'https://utility.example/bills/bs1.pdf', file_mimetype: 'application/pdf' });
    ok(S.BillStatement, { ...bill, file_uri: null });
    bad(S.BillStatement, { ...bill, file_uri: null, file_mimetype: 'application/pdf' }, /not a URL/);
    bad(S.BillStatement, { ...bill, shutoff_prevention_date: '2025-02-01' }, /must be null/);
    ok(S.BillStatement, { ...bill, shutoff_prevention_minimum_due: d('50.00'), shutoff_prevention_date: '2025-02-01' });
  });

  it('rejects a modification before the creation', () => {
    bad(S.BillStatement, { ...bill, cds_modified: '2025-01-01T23:59:59Z' }, /cds_modified is earlier than cds_created/);
  });
});

describe('programs, contacts, entities, meter apps (§10.1–§10.4)', () => {
  it('allows credit_bank fields only on credit_bank programs, with their dependencies', () => {
    ok(S.AccountProgram, { ...program, types: ['active', 'credit_bank'], balance: d('-12.50'), currency: 'USD' });
    bad(S.AccountProgram, { ...program, types: ['credit_bank'], balance: d('1') }, /currency is REQUIRED when balance/);
    bad(S.AccountProgram, { ...program, types: ['active'], balance: d('1'), currency: 'USD' }, /balance is only defined when types includes credit_bank/);
    ok(S.ServiceProgram, { ...program, types: ['credit_bank'], balance: d('1520.125'), units: 'kWh' });
    bad(S.ServiceProgram, { ...program, types: ['credit_bank'], balance: d('1'), units: 'money' }, /currency is REQUIRED when units is money/);
    bad(S.ServiceProgram, { ...program, types: ['credit_bank'], balance: d('1') }, /units is REQUIRED/);
    ok(S.ServiceProgram, { ...program, types: ['demand_response'], pnode: 'PN1', aggregated: true });
    bad(S.ServiceProgram, { ...program, types: ['ev'], pnode: 'PN1' }, /pnode is only defined when types includes demand_response/);
    bad(S.AccountProgram, { ...program, types: ['active'], signup: null }, /signup/);
  });

  it('checks contact values against their type', () => {
    ok(S.AccountContact, { id: 'c1', types: ['phone_number', 'mobile'], value: '+15554443333' });
    ok(S.AccountContact, { id: 'c2', types: ['email'], value: 'name@example.com' });
    bad(S.AccountContact, { id: 'c3', types: ['phone_number'], value: '555-444-3333' }, /E\.164/);
    bad(S.AccountContact, { id: 'c4', types: ['email'], value: 'not an email' }, /email address/);
    bad(S.AccountContact, { id: 'c5', types: ['home'], value: '+15554443333' }, /phone_number or email/);
  });

  it('makes an iou Entity a distributor (digest part 10 #27)', () => {
    ok(S.Entity, entity);
    bad(S.Entity, { ...entity, types: ['iou'] }, /iou Entity must also have the distributor type/);
  });

  it('keeps Meter App type fields with their type and contradictory types apart', () => {
    ok(S.MeterApp, { id: 'm1', app_number: 'APP-1', types: ['uninstalled', 'compatible'], name: 'Load control', end: '2024-05-01T00:00:00Z' });
    bad(S.MeterApp, { id: 'm1', app_number: 'APP-1', types: ['installed'], name: 'Load control', end: '2024-05-01T00:00:00Z' }, /end is only defined when types includes uninstalled/);
    bad(S.MeterApp, { id: 'm1', app_number: 'APP-1', types: ['installed', 'uninstalled'], name: 'x' }, /both installed and uninstalled/);
  });

  it('keeps coordinates exact and on the globe', () => {
    const point = { cds_servicepoint_id: 'sp1', ...ts, servicepoint_number: null, servicepoint_types: ['electric', 'edge'], current_servicecontracts: ['sc1'], previous_servicecontracts: [] };
    ok(S.ServicePoint, { ...point, latitude: d('-90.000000000000000001').toDecimal().gt(-91) ? d('-89.99999999999999999999') : d('0'), longitude: d('179.123456789012345678') });
    bad(S.ServicePoint, { ...point, latitude: d('90.0000000000000000001') }, /latitude must be within/);
    bad(S.ServicePoint, { ...point, longitude: 12.5 }, /expected a decimal/);
    bad(S.ServicePoint, { ...point, current_servicecontracts: ['sc1', 'sc1'] }, /unique/);
  });
});

describe('Bill Section (§10.6)', () => {
  const usage = { id: 'u1', name: 'Total kWh', types: ['electric_usage', 'ami_reading'], value: d('512.250'), units: 'kWh', start_date: '2025-01-01', end_date: '2025-01-31' };
  const cost = { id: 'c1', name: 'Total', types: ['overall_total'], cost: d('101.10') };
  const line = { id: 'l1', name: 'Distribution - Usage', types: ['usage_charge', 'distribution'], start_date: '2025-01-01', end_date: '2025-01-31', cost: d('51.225'), value: d('512.250'), units: 'kWh', rate: d('0.1'), related_usage_details: ['u1'], related_cost_details: ['c1'] };
  const section = {
    cds_billsection_id: 'bsec1', ...ts, cds_billstatement_id: null, cds_account_id: 'a1', account_number: 'AAA-1',
    section_types: ['service_contract', 'electric', 'distribution', 'supply'], start_date: '2025-01-01', end_date: '2025-01-31',
    currency: 'USD', distribution_entity: entity, supply_entity: entity, related_servicecontracts: ['sc1'], related_servicepoints: [],
    related_meterdevices: [], related_billsections: [], usage_details: [usage], cost_details: [cost], line_items: [line],
  };

  it('accepts a complete section', () => ok(S.BillSection, section));

  it('checks usage details per type', () => {
    bad(S.BillSection, { ...section, usage_details: [{ ...usage, value: '512.250' }] }, /must be a decimal, not a string/);
    bad(S.BillSection, { ...section, usage_details: [{ ...usage, start_date: undefined }] }, /start_date is REQUIRED for electric_usage/);
    bad(S.BillSection, { ...section, usage_details: [{ ...usage, units: undefined }] }, /units is REQUIRED when value is a decimal/);
    bad(S.BillSection, { ...section, usage_details: [{ ...usage, types: ['electric_usage', 'amr_reading'] }] }, /start_read is REQUIRED when types includes amr_reading/);
    ok(S.BillSection, { ...section, usage_details: [{ ...usage, types: ['electric_usage', 'amr_reading'], start_read: d('1200'), end_read: d('1712.25'), multiplier: d('1') }] });
    bad(S.BillSection, { ...section, usage_details: [{ ...usage, types: ['electric_demand'], demand_type: undefined }] }, /demand_type is REQUIRED/);
    bad(S.BillSection, { ...section, usage_details: [{ ...usage, tou: 'peak' }] }, /tou is only defined when types includes time_of_use/);
    ok(S.BillSection, { ...section, usage_details: [{ id: 'u2', name: 'Meter read', types: ['estimated'], value: 'Estimated read' }], line_items: [] });
  });

  it('checks cost details, line items and their references', () => {
    bad(S.BillSection, { ...section, cost_details: [{ ...cost, cost: '101.10' }] }, /must be a decimal/);
    bad(S.BillSection, { ...section, line_items: [{ ...line, related_cost_details: ['c9'] }] }, /c9 is not a detail of this Bill Section/);
    bad(S.BillSection, { ...section, line_items: [{ ...line, value: d('1'), units: undefined }] }, /units is REQUIRED/);
    ok(S.BillSection, { ...section, line_items: [{ ...line, types: ['tax'], value: null, units: undefined, rate: null, related_usage_details: [] }] });
    bad(S.BillSection, { ...section, usage_details: [usage, { ...usage }] }, /duplicate id u1/);
  });

  it('checks entities and relations', () => {
    bad(S.BillSection, { ...section, supply_entity: { ...entity, entity_name: 'Other' } }, /same Entity id must be the same Entity object/);
    bad(S.BillSection, { ...section, distribution_entity: null }, /distribution section needs its distribution_entity/);
    bad(S.BillSection, { ...section, related_billsections: ['bsec1'] }, /cannot relate to itself/);
    bad(S.BillSection, { ...section, end_date: '2024-12-31' }, /end_date is earlier than start_date/);
  });
});

describe('Aggregation (§10.7)', () => {
  const agg = {
    cds_aggregation_id: 'ag1', ...ts, aggregation_types: ['listed', 'building', 'servicepoint_number'], aggregation_number: 'BID-1234',
    scope: 'cds_query_usage', authorization_details: [{ type: 'cds_query_usage_1ad', aggregation_numbers: ['BID-1234'] }],
    grouped_accounts: [], grouped_servicecontracts: [], grouped_servicepoints: ['sp1', 'sp2'], grouped_meterdevices: [],
    grouped_aggregations: [], grouped_addresses: ['123 Main St\nAnytown'], grouped_regions: [], consent_requirements: [
      { id: 'cr1', name: 'Tenant consent', types: ['sometimes'], documentation: 'https://utility.example/consent' },
    ],
  };
  const region = { id: 'r1', name: 'Downtown', types: ['geographic', 'postal_code'], map_resource: null, map_content_type: null, geojson_resource: 'https://utility.example/r1.geojson', postal_codes: ['00000'] };

  it('accepts a whole-building aggregation with a region', () => ok(S.Aggregation, { ...agg, grouped_regions: [region] }));

  it('requires the fields each aggregation type adds, and only with it', () => {
    bad(S.Aggregation, { ...agg, aggregation_types: ['country'] }, /countries is REQUIRED when aggregation_types includes country/);
    ok(S.Aggregation, { ...agg, aggregation_types: ['country'], countries: ['US'] });
    bad(S.Aggregation, { ...agg, countries: ['US'] }, /countries is only defined/);
    bad(S.Aggregation, { ...agg, aggregation_types: ['country'], countries: ['USA'] }, /ISO 3166/);
    ok(S.Aggregation, { ...agg, aggregation_types: ['rateplan_code'], rateplan_code: ['TARIFF-RES-01'] });
  });

  it('splits large groups (≤100 for *_number types, ≤1000 otherwise) and rejects self-grouping', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `x${i}`);
    ok(S.Aggregation, { ...agg, grouped_servicepoints: ids(100) });
    bad(S.Aggregation, { ...agg, grouped_servicepoints: ids(101) }, /at most 100 grouped_servicepoints/);
    ok(S.Aggregation, { ...agg, aggregation_types: ['region'], grouped_servicepoints: ids(1000) });
    bad(S.Aggregation, { ...agg, aggregation_types: ['region'], grouped_servicepoints: ids(1001) }, /grouped_servicepoints/);
    bad(S.Aggregation, { ...agg, grouped_aggregations: ['ag1'] }, /cannot group itself/);
    bad(S.Aggregation, { ...agg, aggregation_types: ['public', 'confidential'] }, /exclude each other/);
  });

  it('checks scope strings, authorization details and regions', () => {
    ok(S.Aggregation, { ...agg, scope: '', authorization_details: [] });
    ok(S.Aggregation, { ...agg, scope: 'cds_query_usage cds_query_aggregations' });
    bad(S.Aggregation, { ...agg, scope: 'a  b' }, /scope/);
    bad(S.Aggregation, { ...agg, authorization_details: [{ aggregation_numbers: [] }] }, /authorization_details\.0\.type/);
    bad(S.AggregationRegion, { ...region, geojson_resource: null }, /cannot both be null/);
    bad(S.AggregationRegion, { ...region, map_resource: 'https://utility.example/r1.png' }, /map_content_type is REQUIRED/);
    bad(S.AggregationRegion, { ...region, types: ['geographic'] }, /postal_codes is only defined/);
    bad(S.AggregationRegion, { id: 'r2', name: 'x', types: ['geographic'] }, /map_resource is REQUIRED/);
  });
});

describe('Usage Segment (§10.8)', () => {
  // The digest's bidirectional 15-minute example with interval cost.
  const segment = {
    cds_usagesegment_id: 'us_1', ...ts, related_aggregations: [], related_accounts: ['a1'], related_servicecontracts: ['sc1'],
    related_servicepoints: ['sp1'], related_meterdevices: ['md1'], related_billsections: [],
    segment_start: '2025-01-01T00:00:00Z', segment_end: '2025-01-01T00:30:00Z', interval: d('900'),
    formats: [
      { id: 'eu_fwd_01', type: 'electric_usage', units: 'kWh', direction: 'forward', tou: 'off_peak', tier: null, season: 'winter', quality: 'revenue' },
      { id: 'eu_rev_01', type: 'electric_usage', units: 'kWh', direction: 'reverse' },
      { id: 'cost_01', type: 'cost', currency: 'USD', indexes: [0, 1] },
    ],
    values: [
      [{ eu: d('0.512') }, { eu: d('-0.100') }, { c: d('0.0731') }],
      [{ eu: d('0.498') }, null, { c: d('0.0711') }],
    ],
  };
  const withValues = (values: unknown[][]) => ({ ...segment, values });

  it('accepts bidirectional interval data with cost and a missing value', () => ok(S.UsageSegment, segment));

  it('keeps value sets aligned with formats', () => {
    bad(S.UsageSegment, withValues([[{ eu: d('1') }, { eu: d('0') }]]), /2 entries for 3 formats/);
    bad(S.UsageSegment, withValues([[{ c: d('1') }, { eu: d('0') }, { c: d('1') }]]), /values\.0\.0: expected a electric_usage value object/);
    bad(S.UsageSegment, withValues([[{ eu: 0.512 }, null, null]]), /values\.0\.0/);
    bad(S.UsageSegment, withValues([[{ eu: d('1'), c: d('1') }, null, null]]), /values\.0\.0/);
  });

  it('applies the sign convention of each direction', () => {
    bad(S.UsageSegment, withValues([[{ eu: d('0.5') }, { eu: d('0.1') }, null]]), /a reverse value cannot be positive/);
    bad(S.UsageSegment, withValues([[{ eu: d('-0.5') }, null, null]]), /a forward value cannot be negative/);
  });

  it('fits the value sets between segment_start and segment_end', () => {
    const three = [null, null, null];
    ok(S.UsageSegment, withValues([three, three, three]));
    bad(S.UsageSegment, withValues([three, three, three, three]), /4 value sets of 900s do not fit/);
    bad(S.UsageSegment, { ...segment, segment_end: '2024-12-31T23:00:00Z' }, /segment_end is earlier/);
    bad(S.UsageSegment, { ...segment, interval: d('0') }, /interval must be positive/);
    // A variable-length period: one value set whose interval is the period (§10.8.1).
    ok(S.UsageSegment, { ...segment, segment_end: '2025-02-01T00:00:00Z', interval: d('2678400'), values: [segment.values[0]] });
  });

  it('checks format ids, indexes, readings and supply mixes', () => {
    bad(S.UsageSegment, { ...segment, formats: [segment.formats[0], { ...segment.formats[1], id: 'eu_fwd_01' }, segment.formats[2]] }, /duplicate Value Format id/);
    bad(S.UsageSegment, { ...segment, formats: [...segment.formats.slice(0, 2), { ...segment.formats[2], indexes: [0, 3] }] }, /index 3 does not name another format/);
    bad(S.UsageSegment, { ...segment, formats: [...segment.formats.slice(0, 2), { ...segment.formats[2], indexes: [2] }] }, /index 2/);
    bad(S.UsageSegment, { ...segment, formats: [...segment.formats.slice(0, 2), { ...segment.formats[2], indexes: [-1] }] }, /non-negative integer/);
    const readings = { ...segment, formats: [{ id: 'mr_01', type: 'meter_readings', related_meterdevice: 'md1', register: null, units: 'kWh' }], values: [[{ r: '001234.5' }]] };
    ok(S.UsageSegment, readings);
    bad(S.UsageSegment, { ...readings, values: [[{ r: d('1234.5') }]] }, /values\.0\.0/);
    const mix = { ...segment, formats: [segment.formats[0], { id: 'sm_01', type: 'electric_supply_mix', indexes: [0], attribution: 'base', supply_type: 'solar' }], values: [[{ eu: d('1') }, { sm: d('0.25'), ci: d('12.5'), eacs: ['eac1'] }]] };
    ok(S.UsageSegment, mix);
    bad(S.UsageSegment, { ...mix, values: [[{ eu: d('1') }, { sm: d('1.01') }]] }, /sm is a ratio from 0 to 1/);
    bad(S.UsageSegment, { ...segment, formats: [{ id: 'x', type: 'exampleutility_temp', units: 'F' }], values: [] }, /formats\.0/);
  });

  it('validates a year of 15-minute intervals', () => {
    const values = Array.from({ length: 35_040 }, (_, n) => [{ eu: d(`${n % 7}.${n % 1000}`) }, n % 4 === 0 ? null : { eu: d(`-0.${n % 10}`) }, { c: d(`0.0${n % 10}`) }]);
    ok(S.UsageSegmentList, { usage_segments: [{ ...segment, segment_end: '2026-01-01T00:00:00Z', values }], next: null, previous: null });
    values[35_039][1] = { eu: d('0.1') };
    bad(S.UsageSegment, { ...segment, segment_end: '2026-01-01T00:00:00Z', values }, /values\.35039\.1: a reverse value cannot be positive/);
  });
});

describe('Energy Attribute Certificate (§10.9) and listings', () => {
  const eac = {
    cds_eac_id: 'eac1', ...ts, beneficiary_type: 'account', beneficiaries: ['a1'], eac_numbers: ['GO-2025-1'], eac_format: 'energytag_api',
    eac_data_url: 'https://utility.example/eacs/eac1', period_start: '2025-01-01T00:00:00Z', period_end: '2025-01-01T01:00:00Z',
  };

  it('checks beneficiaries and the period', () => {
    ok(S.EnergyAttributeCertificate, eac);
    ok(S.EnergyAttributeCertificate, { ...eac, beneficiary_type: 'general', beneficiaries: [] });
    bad(S.EnergyAttributeCertificate, { ...eac, beneficiary_type: 'general' }, /general EAC has no beneficiaries/);
    bad(S.EnergyAttributeCertificate, { ...eac, period_end: '2024-12-31T23:00:00Z' }, /period_end is earlier/);
    bad(S.EnergyAttributeCertificate, { ...eac, period_start: '2025-01-01 00:00:00' }, /period_start/);
  });

  it('holds at most 100 objects per page', () => {
    const page = (n: number) => ({ eacs: Array.from({ length: n }, (_, i) => ({ ...eac, cds_eac_id: `eac${i}` })), next: null, previous: null });
    ok(S.EnergyAttributeCertificateList, page(100));
    bad(S.EnergyAttributeCertificateList, page(101), /eacs/);
  });
});
