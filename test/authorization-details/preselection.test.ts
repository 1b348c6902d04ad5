import { describe, expect, it } from 'vitest';
import {
  indexGraph, matchAddresses, needsPreselectionError, normalizeAtypical, normalizeServerAddress, normalizeTypical, preselect,
  recordSelection, selectedIds, selectionEntries, addressDocumentation, type SelectionType,
} from '../../rest-facade/authorization-details';
import { customerGraph } from './graph';

/** Preselection (cds-wg3-01 §7.1), address matching (§7.1.13.1) and the Selections (§9.2.3). */

const AFTER_SWAP = Date.parse('2025-06-15T18:30:00Z');
const BEFORE_SWAP = Date.parse('2025-01-15T18:30:00Z');
const index = indexGraph(customerGraph());

const pick = (values: Record<string, unknown>, selection: SelectionType, at = AFTER_SWAP) => preselect(values, selection, index, { at });

describe('address normalisation (§7.1.13.1)', () => {
  it('follows the spec\'s Typical example step by step', () => {
    expect(normalizeTypical('Acme Co., 123 Main  St. #234\n Anytown, CA 94000')).toBe('123 main street unit 234, anytown, ca, 94000');
  });

  it('normalises Atypical addresses and every input without expanding anything', () => {
    expect(normalizeAtypical(' 12 mi  North on FM 5555\n 150 ft West ')).toBe('12 mi north on fm 5555 150 ft west');
    expect(normalizeServerAddress({ text: 'Acme Farm Irrigation, 12 mi North\non FM 5555', typical: false }))
      .toBe('acme farm irrigation, 12 mi north on fm 5555');
  });

  it('treats an address it cannot read as Typical the Atypical way', () => {
    expect(normalizeServerAddress('Pier 39, The Embarcadero')).toBe('pier 39, the embarcadero');
  });

  it('matches exactly one resource, or none when ambiguous', () => {
    const candidates = [
      { id: 'x', addresses: ['9 Elm St, Anytown, CA 94000'] },
      { id: 'y', addresses: ['9 Elm Street\nAnytown CA 94000'] },
      { id: 'z', addresses: [{ text: '11 Elm St\nAnytown, CA 94000', typical: true }] },
    ];
    expect([...matchAddresses(['9 elm street, anytown, ca, 94000'], candidates)]).toEqual([]);
    expect([...matchAddresses(['11  Elm Street, ANYTOWN, ca, 94000'], candidates)]).toEqual(['z']);
    expect([...matchAddresses(['11 Elm St, Anytown, CA 94000'], candidates)]).toEqual([]);
  });

  it('documents the locale with examples computed by the matcher', () => {
    const doc = addressDocumentation();
    expect(doc).toContain('`st` → `street`');
    expect(doc).toContain('"123 north main street unit 234, anytown, ca, 94000"');
  });
});

describe('preselection (§7.1)', () => {
  it.each([
    ['account_numbers on the Account Selection', { account_numbers: ['100-1'] }, 'account_selection', ['A1']],
    ['account_numbers on the Service Contract Selection', { account_numbers: ['100-1'] }, 'service_contract_selection', ['S1', 'S2']],
    ['account_programs', { account_programs: ['CARE', 'NOPE'] }, 'account_selection', ['A1']],
    ['contract_numbers on the Account Selection', { contract_numbers: ['SC-3'] }, 'account_selection', ['A2']],
    ['service_types (any of the contract\'s types)', { service_types: ['electric'] }, 'service_contract_selection', ['S1', 'S3']],
    ['service_programs', { service_programs: ['CSOL'] }, 'service_contract_selection', ['S3']],
    ['servicepoint_numbers through current contracts', { servicepoint_numbers: ['SP-1', 'SP-3'] }, 'account_selection', ['A1']],
    ['servicepoint_types on the Meter Selection', { servicepoint_types: ['natural_gas'] }, 'meter_device_selection', ['M3']],
    ['premise_numbers on the Meter Selection', { premise_numbers: ['PR-1'] }, 'meter_device_selection', ['M2', 'M3']],
    ['meter_numbers of the current meter', { meter_numbers: ['MTR-2'] }, 'service_contract_selection', ['S1']],
    ['meter_numbers of a removed meter', { meter_numbers: ['MTR-1'] }, 'service_contract_selection', []],
    ['meter_types', { meter_types: ['bidirectional'] }, 'servicepoint_selection', ['P1']],
    ['meter_apps', { meter_apps: ['MA-1002'] }, 'service_contract_selection', ['S1']],
    ['aggregation_numbers on the Service Point Selection', { aggregation_numbers: ['BLDG-1'] }, 'servicepoint_selection', ['P1', 'P2']],
    ['aggregation_numbers on the Aggregation Selection', { aggregation_numbers: ['BLDG-1'] }, 'aggregation_selection', ['G1']],
    ['aggregation_numbers on the Account Selection (grouped_accounts only)', { aggregation_numbers: ['BLDG-1'] }, 'account_selection', []],
    ['a Typical account address', { addresses: ['123 main street unit 4, anytown, ca, 94000'] }, 'account_selection', ['A1']],
    ['an Atypical account address', { addresses: ['ACME Farm Irrigation,  12 mi North on FM 5555'] }, 'account_selection', ['A2']],
    ['a contract address', { addresses: ['123 main street unit 4, anytown, ca, 94000'] }, 'service_contract_selection', ['S1']],
    ['meters by their service point\'s address', { addresses: ['123 main street unit 4, anytown, ca, 94000'] }, 'meter_device_selection', ['M2']],
    ['an aggregation by grouped_addresses', { addresses: ['123 main street, anytown, ca, 94000'] }, 'aggregation_selection', ['G1']],
    ['an ambiguous service point address', { addresses: ['9 elm street, anytown, ca, 94000'] }, 'servicepoint_selection', []],
    ['the intersection of two fields', { account_numbers: ['100-1'], service_types: ['electric'] }, 'service_contract_selection', ['S1']],
    ['an empty intersection', { account_numbers: ['100-2'], service_types: ['natural_gas'] }, 'service_contract_selection', []],
    ['"_all" contracts', { contract_numbers: ['_all'] }, 'service_contract_selection', ['S1', 'S2', 'S3']],
    ['"_all" intersected', { contract_numbers: ['_all'], service_types: ['natural_gas'] }, 'service_contract_selection', ['S2']],
    ['"_all" meters', { meter_numbers: ['_all'] }, 'meter_device_selection', ['M1', 'M2', 'M3', 'M4']],
    ['"_all" service points', { servicepoint_numbers: ['_all'] }, 'servicepoint_selection', ['P1', 'P2', 'P3', 'P4', 'P5']],
    ['null fields (no preselection)', { account_numbers: null, meter_numbers: null }, 'account_selection', []],
  ])('%s', (_what, values, selection, ids) => {
    expect(pick(values, selection as SelectionType).ids).toEqual(ids);
  });

  it('reads meter links at the given instant (before a swap the old meter matches)', () => {
    expect(pick({ meter_numbers: ['MTR-1'] }, 'service_contract_selection', BEFORE_SWAP).ids).toEqual(['S1']);
  });

  it('turns on "include future" with _include_future, on Account and Service Contract Selections only', () => {
    expect(pick({ account_numbers: ['_include_future'] }, 'account_selection')).toEqual({ requested: true, ids: [], include_future: true });
    expect(pick({ contract_numbers: ['SC-1', '_include_future'] }, 'service_contract_selection'))
      .toEqual({ requested: true, ids: ['S1'], include_future: true });
    expect(pick({ contract_numbers: ['_include_future'] }, 'meter_device_selection').include_future).toBe(false);
    // A field holding only "_include_future" does not narrow the entries of the others.
    expect(pick({ contract_numbers: ['_include_future'], service_types: ['electric'] }, 'service_contract_selection').ids).toEqual(['S1', 'S3']);
  });

  it('raises the Preselection Error only when asked, preselections were given, and nothing matched (§7.4.3)', () => {
    const none = { account_numbers: ['999'], error_if_no_preselections: true };
    expect(needsPreselectionError(none, pick(none, 'account_selection'))).toBe(true);
    const off = { account_numbers: ['999'], error_if_no_preselections: false };
    expect(needsPreselectionError(off, pick(off, 'account_selection'))).toBe(false);
    const noFields = { error_if_no_preselections: true };
    expect(needsPreselectionError(noFields, pick(noFields, 'account_selection'))).toBe(false);
    const future = { account_numbers: ['_include_future'], error_if_no_preselections: true };
    expect(needsPreselectionError(future, pick(future, 'account_selection'))).toBe(false);
    const some = { account_numbers: ['100-1'], error_if_no_preselections: true };
    expect(needsPreselectionError(some, pick(some, 'account_selection'))).toBe(false);
  });
});

describe('Selections (§9.2.3)', () => {
  it('lists each Service Contract with its account and the meters that would be shared (§6.1.6)', () => {
    const entries = selectionEntries('service_contract_selection', index, AFTER_SWAP);
    expect(entries.find((e) => e.id === 'S1')).toMatchObject({
      number: 'SC-1', account_number: '100-1', types: ['electric', 'commercial'], meters: [{ id: 'M2', meter_number: 'MTR-2' }],
    });
    expect(entries.find((e) => e.id === 'S3')!.meters).toEqual([]);
    expect(selectionEntries('account_selection', index, AFTER_SWAP).map((e) => e.number)).toEqual(['100-0', '100-1', '100-2']);
  });

  it('records a choice with what was offered, and refuses what cannot be recorded', () => {
    expect(recordSelection('service_contract_selection', index, ['S1'], true))
      .toEqual({ type: 'service_contract_selection', selected: ['S1'], include_future: true, offered: ['S1', 'S2', 'S3'] });
    expect(recordSelection('service_contract_selection', index, ['S9'], false)).toMatch(/not offered.*S9/);
    expect(recordSelection('meter_device_selection', index, ['M2'], true)).toMatch(/no "include future"/);
    expect(recordSelection('account_selection', index, [], false)).toMatch(/nothing selected/);
  });

  it('follows the record when objects appear or vanish', () => {
    const record = recordSelection('service_contract_selection', index, ['S1', 'S2'], true);
    if (typeof record === 'string') throw new Error(record);
    const later = customerGraph();
    later.service_contracts = later.service_contracts.filter((s) => s.id !== 'S2');
    later.service_contracts.push({ id: 'S4', account_id: 'A1', contract_number: 'SC-4', service_types: ['electric'] });
    expect([...selectedIds(record, indexGraph(later))].sort()).toEqual(['S1', 'S4']);
    expect([...selectedIds({ ...record, include_future: false }, indexGraph(later))]).toEqual(['S1']);
  });
});
