import { describe, expect, it } from 'vitest';
import {
  customerDataScopeProblems, customerDataScopes, customerDataServerMetadata, DEMO_VALUE_FORMATS, valueFormatSchema,
} from '../../rest-facade/scopes/customer-data';
import { scopeDescriptionSchema, type ScopeDescription } from '../../rest-facade/scopes/schema';
import { DESCRIPTIONS, demoConfig, PUBLIC_URL, sd } from './fixtures';

/**
 * The Scope Descriptions against cds-wg3-01 §6 as transcribed here, independently of the
 * implementation's table, and against the cds-wg1-02 §3.4/§3.8/§3.10 rules.
 */

const COMMON = ['authorization_form_selection_type', 'merge_selection_with', 'error_if_no_preselections', 'allow_scope_modifications', 'jwk'];
const NO_DATA = ['include_bill_statements', 'include_bill_sections', 'include_usage_segments'];

interface Transcribed {
  required: string[];
  conditional?: string[];
  forbidden?: string[];
  must?: string[];
  may?: string[];
  only?: string;
}

/** cds-wg3-01 §6.1.1–§6.1.10, read off the spec text. */
const CONSENT: Record<string, Transcribed> = {
  cds_rate_plan: {
    required: ['contract_numbers', 'service_types', 'include_contract_numbers', 'sync_until', ...COMMON],
    conditional: ['account_numbers', 'meter_numbers', 'addresses', 'include_accounts', 'include_account_numbers', 'include_meter_devices', 'include_meter_numbers'],
    forbidden: NO_DATA, only: 'service_contract_selection',
  },
  cds_account_programs: {
    required: ['account_numbers', 'account_programs', 'include_account_numbers', 'sync_until', ...COMMON],
    conditional: ['addresses'], forbidden: NO_DATA, only: 'account_selection',
  },
  cds_service_programs: {
    required: ['contract_numbers', 'service_programs', 'service_types', 'include_contract_numbers', 'sync_until', ...COMMON],
    conditional: ['account_numbers', 'meter_numbers', 'addresses', 'include_accounts', 'include_account_numbers', 'include_rate_plans', 'include_meter_devices', 'include_meter_numbers'],
    forbidden: NO_DATA, only: 'service_contract_selection',
  },
  cds_accounts: {
    required: ['account_numbers', 'include_account_numbers', 'sync_until', ...COMMON],
    conditional: ['addresses', 'include_account_details', 'include_account_programs', 'include_aggregations'],
    forbidden: NO_DATA, only: 'account_selection',
  },
  cds_service_contracts: {
    required: ['contract_numbers', 'service_types', 'include_contract_numbers', 'sync_until', ...COMMON],
    conditional: ['account_numbers', 'meter_numbers', 'addresses', 'include_account_numbers', 'include_account_details', 'include_account_programs',
      'include_rate_plans', 'include_service_contract_details', 'include_service_programs', 'include_meter_devices', 'include_meter_numbers',
      'include_meter_apps', 'include_aggregations'],
    forbidden: NO_DATA, must: ['service_contract_selection'], may: ['account_selection'],
  },
  cds_meters: {
    required: ['meter_numbers', 'meter_types', 'include_meter_numbers', 'sync_until', ...COMMON],
    conditional: ['account_numbers', 'contract_numbers', 'service_types', 'servicepoint_numbers', 'servicepoint_types', 'premise_numbers', 'addresses',
      'include_accounts', 'include_account_numbers', 'include_account_details', 'include_account_programs', 'include_service_contracts',
      'include_contract_numbers', 'include_rate_plans', 'include_service_contract_details', 'include_service_programs', 'include_service_points',
      'include_premises', 'include_service_point_addresses', 'include_coordinates', 'include_meter_apps', 'include_aggregations'],
    forbidden: NO_DATA, must: ['meter_device_selection'], may: ['service_contract_selection', 'account_selection', 'servicepoint_selection'],
  },
  cds_bill_statements: {
    required: ['account_numbers', 'statement_date_start', 'statement_date_end', ...COMMON],
    conditional: ['contract_numbers', 'meter_numbers', 'addresses', 'include_bill_statement_files', 'include_bill_statement_charges', 'include_bill_statement_programs'],
    forbidden: ['include_usage_segments'], only: 'account_selection',
  },
  cds_service_bills: {
    required: ['contract_numbers', 'service_types', 'start_date', 'end_date', ...COMMON],
    conditional: ['account_numbers', 'meter_numbers', 'addresses', 'statement_date_start', 'statement_date_end', 'include_bill_statements',
      'include_bill_statement_files', 'include_bill_statement_charges', 'include_bill_statement_programs', 'include_bill_section_line_items',
      'include_bill_section_programs', 'include_aggregations', 'include_service_points', 'include_meter_devices', 'include_meter_numbers'],
    forbidden: ['include_usage_segments'], must: ['service_contract_selection', 'account_selection'], may: [],
  },
  cds_usage: {
    required: ['include_meter_devices', 'include_meter_numbers', 'include_usage_segment_value_types', 'segment_start', 'segment_end', ...COMMON],
    conditional: ['account_numbers', 'contract_numbers', 'service_types', 'servicepoint_numbers', 'servicepoint_types', 'premise_numbers', 'meter_numbers',
      'meter_types', 'aggregation_numbers', 'addresses', 'include_accounts', 'include_account_numbers', 'include_service_contracts',
      'include_contract_numbers', 'include_service_points', 'include_premises', 'include_service_point_addresses', 'include_coordinates',
      'include_aggregations', 'include_aggregation_addresses', 'include_bill_sections', 'include_bill_section_line_items', 'include_bill_section_programs'],
    must: [], may: ['account_selection', 'service_contract_selection', 'servicepoint_selection', 'meter_device_selection', 'aggregation_selection'],
  },
  cds_aggregation_consent: {
    required: ['aggregation_numbers', 'premise_numbers', 'expires', 'authorization_form_selection_type', 'error_if_no_preselections', 'allow_scope_modifications'],
    only: 'aggregation_selection',
  },
};

/** §6.1.9: what each offered Selection adds to the required list. */
const USAGE_PER_SELECTION: Record<string, string[]> = {
  account_selection: ['sync_until', 'account_numbers', 'include_accounts', 'include_account_numbers', 'include_service_contracts', 'include_contract_numbers'],
  service_contract_selection: ['sync_until', 'account_numbers', 'contract_numbers', 'include_accounts', 'include_account_numbers', 'include_service_contracts', 'include_contract_numbers'],
  servicepoint_selection: ['sync_until', 'servicepoint_numbers', 'include_service_points'],
  meter_device_selection: ['sync_until', 'meter_numbers'],
  aggregation_selection: ['sync_until', 'aggregation_numbers', 'include_aggregations'],
};

/** cds-wg3-01 §6.2.1–§6.2.8. */
const DIRECT: Record<string, string[]> = {
  cds_query_accounts: ['sync_until'],
  cds_query_service_contracts: ['sync_until'],
  cds_query_service_points: ['sync_until'],
  cds_query_meter_devices: ['sync_until'],
  cds_query_bill_statements: ['sync_until', 'statement_date_start', 'statement_date_end'],
  cds_query_bill_sections: ['sync_until', 'start_date', 'end_date'],
  cds_query_aggregations: ['sync_until'],
  cds_query_usage: ['sync_until', 'segment_start', 'segment_end'],
};

const ids = (d: ScopeDescription) => d.authorization_details_fields_supported.map((f) => f.id);
const field = (d: ScopeDescription, id: string) => d.authorization_details_fields_supported.find((f) => f.id === id);

describe('Customer Data Scope Descriptions', () => {
  it('offers every §6 scope type, with unique ids and RAR types', () => {
    const types = new Set(DESCRIPTIONS.map((d) => d.type));
    expect([...types].sort()).toEqual([...Object.keys(CONSENT), ...Object.keys(DIRECT)].sort());
    const rar = DESCRIPTIONS.flatMap((d) => d.authorization_details_types_supported);
    expect(new Set(rar).size).toBe(rar.length);
  });

  it.each(DESCRIPTIONS.map((d) => [d.id, d] as const))('%s passes the cds-wg1-02 and cds-wg3-01 rules', (_id, d) => {
    expect(scopeDescriptionSchema.safeParse(d).success).toBe(true);
    expect(customerDataScopeProblems(d)).toEqual([]);
  });

  describe.each(Object.entries(CONSENT))('%s (§6.1)', (type, t) => {
    const d = DESCRIPTIONS.find((x) => x.type === type)!;
    const choices = field(d, 'authorization_form_selection_type')?.choices?.map((c) => c.id) ?? [];

    it('is a code-flow scope without client_credentials', () => {
      expect(d.response_types_supported).toContain('code');
      expect(d.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
      expect(d.grant_types_supported).not.toContain('client_credentials');
      expect(d.code_challenge_methods_supported).toEqual(['S256']);
    });

    it('lists the required and conditional fields, none forbidden, all optional', () => {
      const extra = type === 'cds_usage' ? choices.flatMap((c) => USAGE_PER_SELECTION[c]) : [];
      expect(ids(d)).toEqual(expect.arrayContaining([...t.required, ...(t.conditional ?? []), ...extra]));
      for (const id of t.forbidden ?? []) expect(ids(d)).not.toContain(id);
      for (const f of d.authorization_details_fields_supported) expect(f.is_required, f.id).toBe(false);
    });

    it('offers the Selections §6 allows, with a default', () => {
      const selection = field(d, 'authorization_form_selection_type')!;
      expect(selection.format).toBe('choice');
      expect(selection.choices!.map((c) => c.id)).toContain(selection.default);
      if (t.only) expect(choices).toEqual([t.only]);
      else {
        expect(choices).toEqual(expect.arrayContaining(t.must!));
        for (const c of choices) expect([...t.must!, ...t.may!]).toContain(c);
        expect(choices.length).toBeGreaterThan(0);
      }
    });

    it('has the jwk field of §7.4.6 exactly on 6.1.1–6.1.9', () => {
      const jwk = field(d, 'jwk');
      if (type === 'cds_aggregation_consent') expect(jwk).toBeUndefined();
      else expect(jwk).toMatchObject({ format: 'jwk_or_null', is_required: false, default: null });
    });
  });

  it('fixes the §6.1.10 defaults', () => {
    const d = sd('cds_aggregation_consent');
    expect(field(d, 'error_if_no_preselections')?.default).toBe(true);
    expect(field(d, 'allow_scope_modifications')?.default).toBe(false);
    expect(ids(d)).not.toContain('merge_selection_with');
  });

  describe.each(Object.entries(DIRECT))('%s (§6.2)', (type, required) => {
    const all = DESCRIPTIONS.filter((x) => x.type === type);

    it.each(all.map((d) => [d.id, d] as const))('%s is a client_credentials scope with its fields', (_id, d) => {
      expect(d.response_types_supported).toEqual([]);
      expect(d.grant_types_supported).toContain('client_credentials');
      expect(ids(d)).toEqual(expect.arrayContaining(required));
      for (const id of ['merge_selection_with', 'purpose', 'allow_scope_modifications']) expect(ids(d)).not.toContain(id);
      // §7.1.13 keeps `addresses` off direct scopes; §4.11 asks for it on the aggregations query.
      if (type !== 'cds_query_aggregations') expect(ids(d)).not.toContain('addresses');
    });
  });

  it('publishes the §4.11 aggregated usage scope with aggregation_numbers required', () => {
    const d = sd('cds_query_aggregated_usage');
    expect(d.type).toBe('cds_query_usage');
    expect(field(d, 'aggregation_numbers')).toMatchObject({ is_required: true });
    expect(field(d, 'aggregation_numbers')).not.toHaveProperty('default');
  });

  it('carries a Value Format on every include_usage_segment_value_types Choice and on no other (§5.2)', () => {
    for (const d of DESCRIPTIONS) {
      for (const f of d.authorization_details_fields_supported) {
        for (const c of f.choices ?? []) {
          const format = (c as { usagesegment_format?: unknown }).usagesegment_format;
          if (f.id === 'include_usage_segment_value_types') {
            expect(valueFormatSchema.parse(format)).toEqual(DEMO_VALUE_FORMATS.find((o) => o.format.id === c.id)!.format);
          } else expect(format, `${d.id}.${f.id}.${c.id}`).toBeUndefined();
        }
      }
    }
  });

  it('lists the Server-default Purposes as purpose choices on consent scopes only (§7.4.4)', () => {
    const purpose = field(sd('cds_usage'), 'purpose')!;
    expect(purpose.format).toBe('choice_or_null');
    expect(purpose.choices!.map((c) => c.id)).toEqual(['default-01']);
    expect(field(sd('cds_query_usage'), 'purpose')).toBeUndefined();
  });

  it('lists a Client\'s own Purposes in Client-specific descriptions', () => {
    const { descriptions } = customerDataScopes(demoConfig(), {
      purposes: {
        p1: { id: 'p1', name: 'Audit', content: 'Energy audit only.', related_uri: null, scopes_supported: ['cds_usage'] },
        p2: { id: 'p2', name: 'Other', content: 'Other.', related_uri: null, scopes_supported: ['cds_meters'] },
      },
    });
    expect(field(sd('cds_usage', descriptions), 'purpose')!.choices!.map((c) => c.id)).toEqual(['p1']);
    expect(field(sd('cds_accounts', descriptions), 'purpose')).toBeUndefined();
  });
});

describe('the rules check can fail', () => {
  const broken = (id: string, change: (d: ScopeDescription) => void) => {
    const d = structuredClone(sd(id));
    change(d);
    return customerDataScopeProblems(d).join('\n');
  };
  const drop = (d: ScopeDescription, fieldId: string) => {
    d.authorization_details_fields_supported = d.authorization_details_fields_supported.filter((f) => f.id !== fieldId);
  };

  it.each([
    ['a missing required field', 'cds_rate_plan', (d: ScopeDescription) => drop(d, 'service_types'), /must list service_types/],
    ['a forbidden field', 'cds_accounts', (d: ScopeDescription) => d.authorization_details_fields_supported.push({
      ...field(d, 'include_accounts')!, id: 'include_usage_segments',
    }), /must not list include_usage_segments/],
    ['a required consent field', 'cds_meters', (d: ScopeDescription) => { field(d, 'meter_numbers')!.is_required = true; delete field(d, 'meter_numbers')!.default; }, /is_required false/],
    ['a wrong format', 'cds_meters', (d: ScopeDescription) => { field(d, 'meter_types')!.format = 'string_list_or_null'; }, /meter_types must have format/],
    ['client_credentials on a consent scope', 'cds_usage', (d: ScopeDescription) => { d.grant_types_supported.push('client_credentials'); }, /client_credentials/],
    ['a direct scope with response types', 'cds_query_usage', (d: ScopeDescription) => { d.response_types_supported = ['code']; }, /response_types_supported must be \[\]/],
    ['a missing MUST selection', 'cds_service_bills', (d: ScopeDescription) => { field(d, 'authorization_form_selection_type')!.choices!.pop(); }, /must be offered/],
    ['two selections where one is required', 'cds_accounts', (d: ScopeDescription) => {
      field(d, 'authorization_form_selection_type')!.choices!.push({ ...field(d, 'authorization_form_selection_type')!.choices![0], id: 'meter_device_selection' });
    }, /not allowed|exactly one/],
    ['a 6.1.10 default changed', 'cds_aggregation_consent', (d: ScopeDescription) => { field(d, 'allow_scope_modifications')!.default = true; }, /must default to false/],
    ['a jwk default', 'cds_usage', (d: ScopeDescription) => { field(d, 'jwk')!.default = {}; }, /jwk/],
    ['usagesegment_format elsewhere', 'cds_meters', (d: ScopeDescription) => {
      (field(d, 'meter_types')!.choices![0] as Record<string, unknown>).usagesegment_format = DEMO_VALUE_FORMATS[0].format;
    }, /must not carry usagesegment_format/],
    ['a value format missing', 'cds_usage', (d: ScopeDescription) => {
      delete (field(d, 'include_usage_segment_value_types')!.choices![0] as Record<string, unknown>).usagesegment_format;
    }, /needs a valid usagesegment_format/],
    ['a default outside its choices', 'cds_usage', (d: ScopeDescription) => { field(d, 'authorization_form_selection_type')!.default = 'nope'; }, /default/],
    ['for_types outside the types', 'cds_usage', (d: ScopeDescription) => { field(d, 'segment_end')!.for_types = ['other']; }, /for_types/],
    ['a missing maximum', 'cds_usage', (d: ScopeDescription) => { delete field(d, 'segment_end')!.maximum; }, /maximum is REQUIRED/],
    ['a default out of bounds', 'cds_usage', (d: ScopeDescription) => { field(d, 'segment_start')!.maximum = 'P1M'; }, /default .*outside/],
    ['an implied include defaulting to false', 'cds_bill_statements', (d: ScopeDescription) => d.authorization_details_fields_supported.push({
      ...field(d, 'include_bill_statement_files')!, id: 'include_account_numbers', default: false,
    }), /always true/],
  ])('flags %s', (_what, id, change, pattern) => {
    expect(broken(id, change)).toMatch(pattern);
  });

  it('refuses configurations that break §6', () => {
    expect(() => customerDataScopes(demoConfig((c) => { c.scopes = [{ id: 'x', type: 'cds_meters', selections: ['servicepoint_selection'] }]; })))
      .toThrow(/must include meter_device_selection/);
    expect(() => customerDataScopes(demoConfig((c) => { c.scopes = [{ id: 'x', type: 'cds_meters', omit: ['meter_types'] }]; })))
      .toThrow(/cannot be omitted/);
    expect(() => customerDataScopes(demoConfig((c) => { c.scopes = [{ id: 'x', type: 'cds_meters' }, { id: 'x', type: 'cds_meters' }]; })))
      .toThrow(/twice/);
    expect(() => customerDataScopes(demoConfig((c) => { c.scopes = [{ id: 'x', type: 'cds_nope' }]; })))
      .toThrow(/not a Customer Data scope type/);
  });
});

describe('Server Metadata extension (§5)', () => {
  const config = demoConfig();

  it('has the version, the nine API URLs under PUBLIC_URL and their reference maps', () => {
    const metadata = customerDataServerMetadata(config, DESCRIPTIONS);
    const base = `${PUBLIC_URL}/cds-customerdata-api/v1`;
    expect(metadata).toEqual({
      cds_customerdata_version: 'v1',
      cds_accounts_api: `${base}/accounts`,
      cds_servicecontracts_api: `${base}/service-contracts`,
      cds_servicepoints_api: `${base}/service-points`,
      cds_meterdevices_api: `${base}/meter-devices`,
      cds_billstatement_api: `${base}/bill-statements`,
      cds_billsection_api: `${base}/bill-sections`,
      cds_aggregations_api: `${base}/aggregations`,
      cds_usagesegments_api: `${base}/usage-segments`,
      cds_usagesegments_additional_value_types: {},
      cds_eacs_api: `${base}/eacs`,
      cds_eac_formats: { 'ege-rec-v1': config.eacFormats[0] },
    });
  });

  it('lists only the APIs the offered scopes need', () => {
    expect(customerDataServerMetadata(config, [sd('cds_query_accounts')])).toEqual({
      cds_customerdata_version: 'v1',
      cds_accounts_api: `${PUBLIC_URL}/cds-customerdata-api/v1/accounts`,
      cds_servicecontracts_api: `${PUBLIC_URL}/cds-customerdata-api/v1/service-contracts`,
      cds_servicepoints_api: `${PUBLIC_URL}/cds-customerdata-api/v1/service-points`,
      cds_meterdevices_api: `${PUBLIC_URL}/cds-customerdata-api/v1/meter-devices`,
    });
    const usage = customerDataServerMetadata(config, [sd('cds_query_aggregated_usage')]);
    expect(usage.cds_usagesegments_additional_value_types).toEqual({});
    expect(usage).not.toHaveProperty('cds_accounts_api');
    expect(customerDataServerMetadata(config, [])).toEqual({ cds_customerdata_version: 'v1' });
  });

  it('keys additional Value Types by their type (digest part 10 #21)', () => {
    const extra = { type: 'exampleutility_temperature', name: 'Temperature', description: 'Outdoor temperature.', documentation: `${PUBLIC_URL}/docs/t` };
    const metadata = customerDataServerMetadata(demoConfig((c) => { c.additionalValueTypes = [extra]; }), DESCRIPTIONS);
    expect(metadata.cds_usagesegments_additional_value_types).toEqual({ exampleutility_temperature: extra });
  });
});

describe('Value Format catalogue (§10.8.2)', () => {
  it('is valid, with unique ids', () => {
    for (const offer of DEMO_VALUE_FORMATS) expect(valueFormatSchema.parse(offer.format)).toEqual(offer.format);
    const formatIds = DEMO_VALUE_FORMATS.map((o) => o.format.id);
    expect(new Set(formatIds).size).toBe(formatIds.length);
  });

  it.each([
    [{ id: 'x', type: 'electric_usage', units: 'therm' }],
    [{ id: 'x', type: 'electric_demand', units: 'kW' }],
    [{ id: 'x', type: 'cost', currency: 'usd', indexes: [0] }],
    [{ id: 'x', type: 'cost', currency: 'USD', indexes: [-1] }],
    [{ type: 'water_usage', units: 'gal' }],
    [{ id: 'x', type: 'electric_usage', units: 'kWh', direction: 'sideways' }],
  ])('rejects %j', (format) => {
    expect(valueFormatSchema.safeParse(format).success).toBe(false);
  });
});
