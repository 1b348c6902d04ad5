import { describe, expect, it } from 'vitest';
import { validateAuthorizationDetails } from '../../rest-facade/authorization-details';
import { customerDataScopes } from '../../rest-facade/scopes/customer-data';
import { demoConfig, DESCRIPTIONS, TIMEZONE, validate } from './fixtures';

/**
 * The request-level rules of the engine: `scope` against the entries (RFC 6749 §3.3, RFC 9396 §3.1,
 * §5), the scope-specific checks of cds-wg3-01 §6.1.2/§6.1.3/§6.1.10/§4.11, direct-scope
 * preselections (§7.1, §7.4.3), duration order (§7.3) and `merge_selection_with` (§7.4.2).
 */

const NOW = new Date('2025-06-15T18:30:00Z');
const rejected = (error: string, pattern: RegExp) => ({ ok: false, error, error_description: expect.stringMatching(pattern) });

describe('scope and types', () => {
  it.each([
    ['an unknown scope', { scope: 'cds_nope' }, rejected('invalid_scope', /unknown scope "cds_nope"/)],
    ['a malformed scope', { scope: 'cds_usage  cds_meters' }, rejected('invalid_scope', /scope tokens/)],
    ['no scope and no details', { scope: null }, rejected('invalid_scope', /no scope/)],
    ['details that are not JSON', { scope: 'cds_usage', details: '[{' }, rejected('invalid_authorization_details', /not valid JSON/)],
    ['details that are not an array', { scope: 'cds_usage', details: { type: 'cds_usage' } }, rejected('invalid_authorization_details', /JSON array/)],
    ['an entry without type', { scope: 'cds_usage', details: [{ segment_end: 'infinite' }] }, rejected('invalid_authorization_details', /no string "type"/)],
    ['an entry that is not an object', { scope: 'cds_usage', details: ['cds_usage'] }, rejected('invalid_authorization_details', /not an object/)],
    ['an unknown type', { scope: 'cds_usage', details: [{ type: 'cds_usage_x' }] }, rejected('invalid_authorization_details', /unknown type "cds_usage_x"/)],
    ['a type of a scope not requested', { scope: 'cds_usage', details: [{ type: 'cds_meters' }] }, rejected('invalid_authorization_details', /belongs to scope "cds_meters", which the scope parameter does not request/)],
    ['two entries for one scope', { scope: 'cds_usage', details: [{ type: 'cds_usage' }, { type: 'cds_usage' }] }, rejected('invalid_authorization_details', /second entry for scope "cds_usage"/)],
  ])('rejects %s', (_what, args, expected) => {
    expect(validate({ ...args, flow: 'authorization_code', now: NOW })).toEqual(expected);
  });

  it('takes the scopes from the entries when scope is absent, and defaults the scopes without an entry', () => {
    const fromEntries = validate({ details: [{ type: 'cds_meters' }, { type: 'cds_usage' }], now: NOW });
    expect(fromEntries).toMatchObject({ ok: true, scopes: ['cds_meters', 'cds_usage'] });
    const mixed = validate({ scope: 'cds_usage cds_meters', details: [{ type: 'cds_meters', meter_numbers: ['M-1'] }], now: NOW });
    if (!mixed.ok) throw new Error(mixed.error_description);
    expect(mixed.entries.map((e) => [e.scope, e.values.meter_numbers])).toEqual([['cds_usage', null], ['cds_meters', ['M-1']]]);
  });

  it('uses the Scope Description id as scope and a separate RAR type when configured (§13.1.1)', () => {
    const { descriptions } = customerDataScopes(demoConfig((c) => { c.scopes = [{ id: 'cds_usage_1', type: 'cds_usage', rar_type: 'cds_usage_1ad' }]; }));
    const result = validateAuthorizationDetails({
      scope: 'cds_usage_1', authorizationDetails: [{ type: 'cds_usage_1ad', segment_start: 'P1Y' }],
      flow: 'authorization_code', scopeDescriptions: descriptions, timezone: TIMEZONE, now: NOW,
    });
    expect(result).toMatchObject({ ok: true, entries: [{ type: 'cds_usage_1ad', scope: 'cds_usage_1', scope_type: 'cds_usage' }] });
  });
});

describe('scope-specific rules', () => {
  it.each([
    ['§6.1.2 null account_programs', 'cds_account_programs', { account_programs: null }, /account_programs must list/],
    ['§6.1.2 omitted account_programs (default null)', 'cds_account_programs', {}, /account_programs must list/],
    ['§6.1.3 null service_programs', 'cds_service_programs', { service_programs: null }, /service_programs must list/],
    ['§6.1.10 null aggregation_numbers', 'cds_aggregation_consent', { premise_numbers: ['P'], aggregation_numbers: null }, /aggregation_numbers must list/],
    ['§6.1.10 null premise_numbers', 'cds_aggregation_consent', { aggregation_numbers: ['B'] }, /premise_numbers must list/],
    ['§6.1.10 error_if_no_preselections false', 'cds_aggregation_consent',
      { aggregation_numbers: ['B'], premise_numbers: ['P'], error_if_no_preselections: false }, /error_if_no_preselections must be true/],
    ['§6.1.10 allow_scope_modifications true', 'cds_aggregation_consent',
      { aggregation_numbers: ['B'], premise_numbers: ['P'], allow_scope_modifications: true }, /allow_scope_modifications must be false/],
    ['§4.11 aggregated usage without aggregation_numbers', 'cds_query_aggregated_usage', {}, /"aggregation_numbers" is required/],
    ['§4.11 aggregated usage with null aggregation_numbers', 'cds_query_aggregated_usage', { aggregation_numbers: null }, /aggregation_numbers must list/],
    ['§7.1 "_all" on a direct scope', 'cds_query_accounts', { account_numbers: ['_all'] }, /cannot use _all on a direct access scope/],
    ['§7.1 "_include_future" on a direct scope', 'cds_query_service_contracts', { contract_numbers: ['S-1', '_include_future'] }, /_include_future/],
    ['§7.4.3 direct error_if_no_preselections without preselections', 'cds_query_accounts', { error_if_no_preselections: true }, /no preselection field is set/],
    ['cds-wg1-02 §3.8 a string list over its maximum length', 'cds_accounts', { account_numbers: ['x'.repeat(10_001)] }, /longer than the maximum/],
    ['§7.3 a look-back before an absolute minimum bound', 'cds_usage', { segment_end: '2020-01-01T00:00:00Z' }, /outside the allowed range/],
  ])('rejects %s', (_what, scope, fields, pattern) => {
    const d = DESCRIPTIONS.find((x) => x.id === scope)!;
    expect(validate({ scope, details: [{ type: d.authorization_details_types_supported[0], ...fields }], now: NOW }))
      .toEqual(rejected('invalid_authorization_details', pattern));
  });

  it('rejects a window whose start is after its end (§7.3)', () => {
    // Bounds that let a start lie in the future, so the two ends can cross.
    const { descriptions } = customerDataScopes(demoConfig((c) => {
      c.scopes = [{
        id: 'cds_usage', type: 'cds_usage',
        durations: { segment_start: { default: 'P1D', minimum: '2000-01-01T00:00:00Z', maximum: '2030-01-01T00:00:00Z' } },
      }, {
        id: 'cds_query_bill_statements', type: 'cds_query_bill_statements',
        durations: { statement_date_start: { default: 'P1D', minimum: '2000-01-01', maximum: '2030-01-01' } },
      }];
    }));
    const run = (scope: string, fields: Record<string, unknown>) => validate({ scope, details: [{ type: scope, ...fields }], descriptions, now: NOW });
    expect(run('cds_usage', { segment_start: '2026-01-01T00:00:00Z', segment_end: '2025-12-01T00:00:00Z' }))
      .toEqual(rejected('invalid_authorization_details', /segment_start is after segment_end/));
    expect(run('cds_usage', { segment_start: '2025-12-01T00:00:00Z', segment_end: '2026-01-01T00:00:00Z' }).ok).toBe(true);
    expect(run('cds_query_bill_statements', { statement_date_start: '2026-01-01', statement_date_end: 'P30D' }))
      .toEqual(rejected('invalid_authorization_details', /statement_date_start is after statement_date_end/));
  });

  it('accepts the direct-scope preselections that make a request acceptable (§7.4.3)', () => {
    expect(validate({ scope: 'cds_query_accounts', details: [{ type: 'cds_query_accounts', error_if_no_preselections: true, account_numbers: ['A-1'] }], now: NOW }).ok).toBe(true);
    expect(validate({ scope: 'cds_query_aggregated_usage', details: [{ type: 'cds_query_aggregated_usage', aggregation_numbers: ['BLDG-1'] }], now: NOW }).ok).toBe(true);
  });

  it('enforces a configured ceiling on preselection values', () => {
    const { descriptions, policies } = customerDataScopes(demoConfig((c) => {
      c.scopes = [{ id: 'cds_query_accounts', type: 'cds_query_accounts', max_preselection_values: 2 }];
    }));
    const run = (account_numbers: string[]) => validateAuthorizationDetails({
      scope: 'cds_query_accounts', authorizationDetails: [{ type: 'cds_query_accounts', error_if_no_preselections: true, account_numbers }],
      flow: 'client_credentials', scopeDescriptions: descriptions, policies, timezone: TIMEZONE, now: NOW,
    });
    expect(run(['A-1', 'A-2']).ok).toBe(true);
    expect(run(['A-1', 'A-2', 'A-3'])).toEqual(rejected('invalid_authorization_details', /3 preselection values are more than the 2/));
  });

  it('keeps "_all" and "_include_future" on the consent scopes that define them (§7.1.1, §7.1.3)', () => {
    expect(validate({ scope: 'cds_service_contracts', details: [{ type: 'cds_service_contracts', contract_numbers: ['_all', '_include_future'] }], now: NOW }).ok).toBe(true);
    expect(validate({ scope: 'cds_meters', details: [{ type: 'cds_meters', meter_numbers: ['_all'] }], now: NOW }).ok).toBe(true);
  });
});

describe('merge_selection_with (§7.4.2)', () => {
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>, scope = 'cds_service_contracts cds_usage') =>
    validate({ scope, details: [{ type: 'cds_service_contracts', ...a }, { type: 'cds_usage', ...b }], now: NOW });

  it('accepts the §13.3.2 example and reports one merged group', () => {
    expect(merge(
      { contract_numbers: ['_all'], merge_selection_with: 'cds_usage' },
      { contract_numbers: ['_all'], merge_selection_with: 'cds_service_contracts' },
    )).toMatchObject({ ok: true, merge_groups: [['cds_service_contracts', 'cds_usage']] });
  });

  it('merges any number of scopes', () => {
    const result = validate({
      scope: 'cds_rate_plan cds_service_contracts cds_usage',
      details: [
        { type: 'cds_rate_plan', merge_selection_with: 'cds_service_contracts' },
        { type: 'cds_service_contracts', merge_selection_with: 'cds_usage' },
        { type: 'cds_usage', merge_selection_with: 'cds_rate_plan' },
      ],
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true, merge_groups: [['cds_rate_plan', 'cds_service_contracts', 'cds_usage']] });
  });

  it('leaves scopes without merge_selection_with in their own sections', () => {
    expect(merge({}, {})).toMatchObject({ ok: true, merge_groups: [] });
  });

  it.each([
    ['a scope not in the request', { merge_selection_with: 'cds_meters' }, { merge_selection_with: 'cds_service_contracts' }, /names no other scope/],
    ['itself', { merge_selection_with: 'cds_service_contracts' }, {}, /names no other scope/],
    ['a partner that does not merge back', { merge_selection_with: 'cds_usage' }, {}, /must also set merge_selection_with/],
    ['another Selection type', { merge_selection_with: 'cds_usage' },
      { merge_selection_with: 'cds_service_contracts', authorization_form_selection_type: 'meter_device_selection' }, /same authorization_form_selection_type/],
    ['another purpose', { merge_selection_with: 'cds_usage', purpose: 'default-01' }, { merge_selection_with: 'cds_service_contracts' }, /same purpose/],
    ['another allow_scope_modifications', { merge_selection_with: 'cds_usage', allow_scope_modifications: true },
      { merge_selection_with: 'cds_service_contracts' }, /same allow_scope_modifications/],
    ['other values of a shared preselection', { merge_selection_with: 'cds_usage', contract_numbers: ['S-1'] },
      { merge_selection_with: 'cds_service_contracts', contract_numbers: ['S-2'] }, /same contract_numbers/],
    ['a one-sided preselection set', { merge_selection_with: 'cds_usage' },
      { merge_selection_with: 'cds_service_contracts', premise_numbers: ['PR-1'] }, /premise_numbers .*must be null/],
  ])('rejects merging with %s', (_what, a, b, pattern) => {
    expect(merge(a, b)).toEqual(rejected('invalid_authorization_details', pattern));
  });
});
