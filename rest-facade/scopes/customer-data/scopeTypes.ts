import type { SelectionType } from '../../authorization-details/fields';

/**
 * The scopes of cds-wg3-01 §6 as data: for each Scope Description `type`, the authorization details
 * fields it MUST list, lists when the Server has the data (this Server has all of it), MUST NOT list,
 * which Selections it offers, which include fields it treats as true, and what it makes available.
 */

/** What a scope makes available before any include field (§6.1.x "objects made available", §6.2.x). */
export type PrimaryObject =
  | 'account' | 'service_contract' | 'service_point' | 'meter_device' | 'aggregation'
  | 'bill_statement' | 'bill_section' | 'usage_segment';

export interface CustomerDataScopeType {
  type: string;
  section: string;
  /** §6.1 (authorization code, Customer consent) or §6.2 (client_credentials, direct access). */
  consent: boolean;
  name: string;
  description: string;
  required: readonly string[];
  /** Listed "when the Server has access to the data"; this Server does. */
  conditional: readonly string[];
  forbidden: readonly string[];
  /**
   * Fields this Server supports beyond §6's lists (§6 allows it), mostly what the Scenarios of §4
   * ask for (e.g. §4.1's filters on the query scopes, §4.10's `meter_apps` on `cds_meters`).
   */
  extras: readonly string[];
  /** `authorization_form_selection_type` choices: MUST offer, MAY offer; `anyOf` = at least one (§6.1.9). */
  selections?: { must: readonly SelectionType[]; may: readonly SelectionType[]; exactlyOne?: boolean; anyOf?: boolean };
  /** §6.1.9: fields that become required when a Selection is offered. */
  perSelection?: Partial<Record<SelectionType, readonly string[]>>;
  /** Include fields the scope treats as `true` whatever the request says. */
  implied: readonly string[];
  primary: PrimaryObject | null;
  /** Preselection fields that stay in the echoed authorization details (§6.1.2, §6.1.3). */
  echoedPreselections: readonly string[];
  /** Fields a request must not leave `null` (§6.1.2, §6.1.3, §6.1.10). */
  nonNull: readonly string[];
  /** Field values a request must keep (§6.1.10), also the field objects' required defaults. */
  fixed: Readonly<Record<string, unknown>>;
}

const CONSENT_COMMON = [
  'authorization_form_selection_type', 'merge_selection_with', 'error_if_no_preselections', 'allow_scope_modifications', 'jwk',
] as const;
const NO_DATA_LISTS = ['include_bill_statements', 'include_bill_sections', 'include_usage_segments'] as const;

type ConsentInput = Omit<CustomerDataScopeType, 'consent' | 'echoedPreselections' | 'nonNull' | 'fixed' | 'extras'>
  & Partial<Pick<CustomerDataScopeType, 'echoedPreselections' | 'nonNull' | 'fixed' | 'extras'>>;

const consent = (s: ConsentInput): CustomerDataScopeType => ({
  echoedPreselections: [], nonNull: [], fixed: {}, extras: [], ...s, consent: true,
});

type DirectInput = Omit<CustomerDataScopeType, 'consent' | 'echoedPreselections' | 'nonNull' | 'fixed' | 'forbidden' | 'conditional'>;

// §7.1.13, §7.4.2, §7.4.4, §7.4.5: never on a direct scope.
const DIRECT_FORBIDDEN = ['addresses', 'merge_selection_with', 'purpose', 'allow_scope_modifications'] as const;

const direct = (s: DirectInput): CustomerDataScopeType => ({
  ...s, consent: false, conditional: [], forbidden: DIRECT_FORBIDDEN, echoedPreselections: [], nonNull: [], fixed: {},
});

// §4.1 (and §4.2 for the first two) asks these of the account, contract, service point and meter queries.
const SELF_ACCESS_FIELDS = [
  'account_numbers', 'contract_numbers', 'servicepoint_numbers', 'premise_numbers', 'meter_numbers',
  'include_account_numbers', 'include_account_details', 'include_account_programs',
  'include_service_contracts', 'include_contract_numbers', 'include_rate_plans', 'include_service_contract_details',
  'include_service_programs', 'include_service_points', 'include_premises', 'include_service_point_addresses',
  'include_coordinates', 'include_meter_devices', 'include_meter_numbers', 'include_meter_apps', 'include_accounts',
  'error_if_no_preselections', 'jwk',
] as const;

export const CUSTOMER_DATA_SCOPE_TYPES: readonly CustomerDataScopeType[] = [
  consent({
    type: 'cds_rate_plan', section: '6.1.1', name: 'Rate plan',
    description: 'The rate plans (tariffs) of the services the customer selects.',
    required: ['contract_numbers', 'service_types', 'include_contract_numbers', 'sync_until', ...CONSENT_COMMON],
    conditional: ['account_numbers', 'meter_numbers', 'addresses', 'include_accounts', 'include_account_numbers',
      'include_meter_devices', 'include_meter_numbers'],
    forbidden: NO_DATA_LISTS,
    selections: { must: ['service_contract_selection'], may: [], exactlyOne: true },
    implied: ['include_service_contracts', 'include_rate_plans'],
    primary: 'service_contract',
  }),
  consent({
    type: 'cds_account_programs', section: '6.1.2', name: 'Account program participation',
    description: 'Whether the accounts the customer selects take part in the requested programs.',
    required: ['account_numbers', 'account_programs', 'include_account_numbers', 'sync_until', ...CONSENT_COMMON],
    conditional: ['addresses'],
    forbidden: NO_DATA_LISTS,
    selections: { must: ['account_selection'], may: [], exactlyOne: true },
    implied: ['include_accounts', 'include_account_programs'],
    primary: 'account',
    echoedPreselections: ['account_programs'],
    nonNull: ['account_programs'],
  }),
  consent({
    type: 'cds_service_programs', section: '6.1.3', name: 'Service program participation',
    description: 'Whether the services the customer selects take part in the requested programs.',
    required: ['contract_numbers', 'service_programs', 'service_types', 'include_contract_numbers', 'sync_until', ...CONSENT_COMMON],
    conditional: ['account_numbers', 'meter_numbers', 'addresses', 'include_accounts', 'include_account_numbers',
      'include_rate_plans', 'include_meter_devices', 'include_meter_numbers'],
    forbidden: NO_DATA_LISTS,
    selections: { must: ['service_contract_selection'], may: [], exactlyOne: true },
    implied: ['include_service_contracts', 'include_service_programs'],
    primary: 'service_contract',
    echoedPreselections: ['service_programs'],
    nonNull: ['service_programs'],
  }),
  consent({
    type: 'cds_accounts', section: '6.1.4', name: 'Account list',
    description: 'The accounts the customer selects.',
    required: ['account_numbers', 'include_account_numbers', 'sync_until', ...CONSENT_COMMON],
    conditional: ['addresses', 'include_account_details', 'include_account_programs', 'include_aggregations'],
    forbidden: NO_DATA_LISTS,
    selections: { must: ['account_selection'], may: [], exactlyOne: true },
    implied: ['include_accounts'],
    primary: 'account',
  }),
  consent({
    type: 'cds_service_contracts', section: '6.1.5', name: 'Service list',
    description: 'The services (service contracts) the customer selects.',
    required: ['contract_numbers', 'service_types', 'include_contract_numbers', 'sync_until', ...CONSENT_COMMON],
    conditional: ['account_numbers', 'meter_numbers', 'addresses', 'include_account_numbers', 'include_account_details',
      'include_account_programs', 'include_rate_plans', 'include_service_contract_details', 'include_service_programs',
      'include_meter_devices', 'include_meter_numbers', 'include_meter_apps', 'include_aggregations'],
    forbidden: NO_DATA_LISTS,
    selections: { must: ['service_contract_selection'], may: ['account_selection'] },
    implied: ['include_accounts', 'include_service_contracts'],
    primary: 'service_contract',
  }),
  consent({
    type: 'cds_meters', section: '6.1.6', name: 'Meter list',
    description: 'The meters the customer selects, directly or through their services.',
    required: ['meter_numbers', 'meter_types', 'include_meter_numbers', 'sync_until', ...CONSENT_COMMON],
    conditional: ['account_numbers', 'contract_numbers', 'service_types', 'servicepoint_numbers', 'servicepoint_types',
      'premise_numbers', 'addresses', 'include_accounts', 'include_account_numbers', 'include_account_details',
      'include_account_programs', 'include_service_contracts', 'include_contract_numbers', 'include_rate_plans',
      'include_service_contract_details', 'include_service_programs', 'include_service_points', 'include_premises',
      'include_service_point_addresses', 'include_coordinates', 'include_meter_apps', 'include_aggregations'],
    forbidden: NO_DATA_LISTS,
    extras: ['meter_apps'], // §4.10 Meter App Transparency
    selections: {
      must: ['meter_device_selection'], may: ['service_contract_selection', 'account_selection', 'servicepoint_selection'],
    },
    implied: ['include_meter_devices'],
    primary: 'meter_device',
  }),
  consent({
    type: 'cds_bill_statements', section: '6.1.7', name: 'Bill statements',
    description: 'The bills of the accounts the customer selects.',
    required: ['account_numbers', 'statement_date_start', 'statement_date_end', ...CONSENT_COMMON],
    conditional: ['contract_numbers', 'meter_numbers', 'addresses', 'include_bill_statement_files',
      'include_bill_statement_charges', 'include_bill_statement_programs'],
    forbidden: ['include_usage_segments'],
    selections: { must: ['account_selection'], may: [], exactlyOne: true },
    implied: ['include_bill_statements', 'include_accounts', 'include_account_numbers'],
    primary: 'bill_statement',
  }),
  consent({
    type: 'cds_service_bills', section: '6.1.8', name: 'Service bills',
    description: 'The bill sections (charges per service) of what the customer selects.',
    required: ['contract_numbers', 'service_types', 'start_date', 'end_date', ...CONSENT_COMMON],
    conditional: ['account_numbers', 'meter_numbers', 'addresses', 'statement_date_start', 'statement_date_end',
      'include_bill_statements', 'include_bill_statement_files', 'include_bill_statement_charges',
      'include_bill_statement_programs', 'include_bill_section_line_items', 'include_bill_section_programs',
      'include_aggregations', 'include_service_points', 'include_meter_devices', 'include_meter_numbers'],
    forbidden: ['include_usage_segments'],
    selections: { must: ['service_contract_selection', 'account_selection'], may: [] },
    implied: ['include_bill_sections', 'include_accounts', 'include_account_numbers', 'include_service_contracts', 'include_contract_numbers'],
    primary: 'bill_section',
  }),
  consent({
    type: 'cds_usage', section: '6.1.9', name: 'Meter usage',
    description: 'The usage (interval and billed) of what the customer selects.',
    required: ['include_meter_devices', 'include_meter_numbers', 'include_usage_segment_value_types', 'segment_start',
      'segment_end', ...CONSENT_COMMON],
    conditional: ['account_numbers', 'contract_numbers', 'service_types', 'servicepoint_numbers', 'servicepoint_types',
      'premise_numbers', 'meter_numbers', 'meter_types', 'aggregation_numbers', 'addresses', 'include_accounts',
      'include_account_numbers', 'include_service_contracts', 'include_contract_numbers', 'include_service_points',
      'include_premises', 'include_service_point_addresses', 'include_coordinates', 'include_aggregations',
      'include_aggregation_addresses', 'include_bill_sections', 'include_bill_section_line_items',
      'include_bill_section_programs'],
    forbidden: [],
    extras: ['include_eacs'], // §7.2.9: the certificates behind supply-mix values
    selections: {
      must: [], may: ['account_selection', 'service_contract_selection', 'servicepoint_selection', 'meter_device_selection', 'aggregation_selection'],
      anyOf: true,
    },
    perSelection: {
      account_selection: ['sync_until', 'account_numbers', 'include_accounts', 'include_account_numbers', 'include_service_contracts', 'include_contract_numbers'],
      service_contract_selection: ['sync_until', 'account_numbers', 'contract_numbers', 'include_accounts', 'include_account_numbers',
        'include_service_contracts', 'include_contract_numbers'],
      servicepoint_selection: ['sync_until', 'servicepoint_numbers', 'include_service_points'],
      meter_device_selection: ['sync_until', 'meter_numbers'],
      aggregation_selection: ['sync_until', 'aggregation_numbers', 'include_aggregations'],
    },
    implied: ['include_usage_segments'],
    primary: 'usage_segment',
  }),
  consent({
    type: 'cds_aggregation_consent', section: '6.1.10', name: 'Aggregation inclusion',
    description: 'The customer\'s consent to be included in the requested aggregations.',
    required: ['aggregation_numbers', 'premise_numbers', 'expires', 'authorization_form_selection_type',
      'error_if_no_preselections', 'allow_scope_modifications'],
    conditional: [],
    forbidden: [],
    selections: { must: ['aggregation_selection'], may: [], exactlyOne: true },
    implied: [],
    primary: null,
    // §4.11: the sub-Grants name the aggregations and premises consented to.
    echoedPreselections: ['aggregation_numbers', 'premise_numbers'],
    nonNull: ['aggregation_numbers', 'premise_numbers'],
    fixed: { error_if_no_preselections: true, allow_scope_modifications: false },
  }),

  direct({
    type: 'cds_query_accounts', section: '6.2.1', name: 'Accounts query', description: 'Query the accounts this client may see.',
    required: ['sync_until'], extras: SELF_ACCESS_FIELDS.filter((f) => f !== 'include_accounts'),
    implied: ['include_accounts'], primary: 'account',
  }),
  direct({
    type: 'cds_query_service_contracts', section: '6.2.2', name: 'Service contracts query',
    description: 'Query the service contracts this client may see.',
    required: ['sync_until'], extras: SELF_ACCESS_FIELDS.filter((f) => f !== 'include_accounts' && f !== 'include_service_contracts'),
    implied: ['include_accounts', 'include_service_contracts'], primary: 'service_contract',
  }),
  direct({
    type: 'cds_query_service_points', section: '6.2.3', name: 'Service points query',
    description: 'Query the service points this client may see.',
    required: ['sync_until'], extras: SELF_ACCESS_FIELDS.filter((f) => f !== 'include_service_points'),
    implied: ['include_service_points'], primary: 'service_point',
  }),
  direct({
    type: 'cds_query_meter_devices', section: '6.2.4', name: 'Meter devices query',
    description: 'Query the meters this client may see.',
    required: ['sync_until'], extras: [...SELF_ACCESS_FIELDS.filter((f) => f !== 'include_meter_devices'), 'meter_types', 'meter_apps'],
    implied: ['include_meter_devices'], primary: 'meter_device',
  }),
  direct({
    type: 'cds_query_bill_statements', section: '6.2.5', name: 'Bill statements query',
    description: 'Query the bill statements this client may see.',
    required: ['sync_until', 'statement_date_start', 'statement_date_end'],
    // §4.2
    extras: ['account_numbers', 'include_accounts', 'include_account_numbers', 'include_bill_statement_files',
      'include_bill_statement_charges', 'include_bill_statement_programs', 'error_if_no_preselections', 'jwk'],
    implied: ['include_bill_statements'], primary: 'bill_statement',
  }),
  direct({
    type: 'cds_query_bill_sections', section: '6.2.6', name: 'Bill sections query',
    description: 'Query the bill sections this client may see.',
    required: ['sync_until', 'start_date', 'end_date'],
    // §4.2, plus §4.3's service points and meters
    extras: ['account_numbers', 'contract_numbers', 'include_accounts', 'include_account_numbers', 'include_service_contracts',
      'include_contract_numbers', 'include_bill_section_line_items', 'include_bill_section_programs', 'include_service_points',
      'include_meter_devices', 'error_if_no_preselections', 'jwk'],
    implied: ['include_bill_sections'], primary: 'bill_section',
  }),
  direct({
    type: 'cds_query_aggregations', section: '6.2.7', name: 'Aggregations query',
    description: 'Query the aggregations (e.g. buildings, regions) this client may see.',
    required: ['sync_until'],
    // §4.11 asks for `addresses` here although §7.1.13 keeps it off direct scopes (docs/spec-decisions.md)
    extras: ['servicepoint_numbers', 'aggregation_numbers', 'addresses', 'include_service_points', 'include_premises',
      'include_service_point_addresses', 'include_aggregation_addresses', 'error_if_no_preselections', 'jwk'],
    implied: ['include_aggregations'], primary: 'aggregation',
  }),
  direct({
    type: 'cds_query_usage', section: '6.2.8', name: 'Usage query', description: 'Query the usage this client may see.',
    required: ['sync_until', 'segment_start', 'segment_end'],
    // §4.1, §4.3, §4.11, §4.12
    extras: ['meter_numbers', 'aggregation_numbers', 'include_meter_devices', 'include_meter_numbers', 'include_aggregations',
      'include_aggregation_addresses', 'include_bill_sections', 'include_usage_segment_value_types', 'include_eacs',
      'error_if_no_preselections', 'jwk'],
    implied: ['include_usage_segments', 'include_usage_segment_value_types'], primary: 'usage_segment',
  }),
];

const BY_TYPE = new Map(CUSTOMER_DATA_SCOPE_TYPES.map((t) => [t.type, t]));

/** The §6 rules of a Scope Description `type`, or undefined when it is not a Customer Data scope. */
export function customerDataScopeType(type: string): CustomerDataScopeType | undefined {
  return BY_TYPE.get(type);
}

/**
 * Every field id the Scope Description of this type lists, given the Selections it offers:
 * required, conditional, extras and per-Selection requirements, never the forbidden ones.
 */
export function listedFields(scopeType: CustomerDataScopeType, selections: readonly SelectionType[]): Set<string> {
  const ids = new Set([...scopeType.required, ...scopeType.conditional, ...scopeType.extras]);
  for (const selection of selections) for (const id of scopeType.perSelection?.[selection] ?? []) ids.add(id);
  for (const id of scopeType.forbidden) {
    // §4.11 overrides §7.1.13 for `addresses` on the aggregations query (digest part 10 #9).
    if (!(id === 'addresses' && scopeType.type === 'cds_query_aggregations')) ids.delete(id);
  }
  return ids;
}
