import type { DurationFormat } from './durations';

/**
 * The Authorization Details Fields of cds-wg3-01 §7, as data: what kind each field is, what its
 * `format` may be, what it matches (preselection), reveals (include) or bounds (duration). The engine,
 * the Scope Description builder and the visibility functions all read this one table.
 */

export type ObjectKind = 'account' | 'service_contract' | 'service_point' | 'meter_device' | 'aggregation';

/** The listed API objects whose OPTIONAL fields include fields reveal (§7.2). */
export type RevealedObject = ObjectKind | 'bill_statement' | 'bill_section';

export type SpecialValue = '_all' | '_include_future';

interface Common {
  id: string;
  /** Section of cds-wg3-01 defining the field. */
  section: string;
  name: string;
  description: string;
  /** Formats §7 allows for the field's object; the first one is what this Server publishes. */
  formats: readonly string[];
}

export interface PreselectionField extends Common {
  kind: 'preselection';
  /** The objects whose own values the field is compared with (`addresses`: every object's address). */
  matches: ObjectKind | 'address';
  /** Special values with a meaning in the Selections (§7.1.1, §7.1.3, §7.1.6, §7.1.9). */
  specials: readonly SpecialValue[];
}

export interface IncludeField extends Common {
  kind: 'include';
  /** The object type this field adds to the Grant (related objects), if any. */
  adds?: ObjectKind | 'bill_statement' | 'bill_section' | 'usage_segment' | 'eac';
  /** OPTIONAL object fields the value `true` reveals. */
  reveals: Partial<Record<RevealedObject, readonly string[]>>;
}

export interface DurationField extends Common {
  kind: 'duration';
  format: DurationFormat;
  /** Start fields subtract a relative value, the others add it (§7.3). */
  direction: 'past' | 'future';
  /** The field at the other end of the same window, if any. */
  pairedWith?: string;
}

export interface OtherField extends Common {
  kind: 'other';
}

export type FieldSpec = PreselectionField | IncludeField | DurationField | OtherField;

const LIST = ['string_list_or_null', 'choice_list_or_null'] as const;
const CHOICES = ['choice_list_or_null'] as const;

const preselection = (
  id: string, section: string, matches: PreselectionField['matches'], formats: readonly string[], name: string,
  description: string, specials: readonly SpecialValue[] = [],
): PreselectionField => ({ kind: 'preselection', id, section, matches, formats, name, description, specials });

const include = (
  id: string, section: string, name: string, description: string,
  reveals: IncludeField['reveals'] = {}, adds?: IncludeField['adds'],
): IncludeField => ({ kind: 'include', id, section, formats: ['boolean'], name, description, reveals, adds });

const duration = (
  id: string, section: string, value: 'date' | 'datetime', direction: 'past' | 'future', name: string,
  description: string, pairedWith?: string,
): DurationField => {
  const format = value === 'date' ? 'relative_or_absolute_date' : 'relative_or_absolute_datetime';
  return { kind: 'duration', id, section, direction, name, description, pairedWith, format, formats: [format] };
};

const other = (id: string, section: string, formats: readonly string[], name: string, description: string): OtherField =>
  ({ kind: 'other', id, section, formats, name, description });

export const FIELDS: readonly FieldSpec[] = [
  // §7.1 preselection
  preselection('account_numbers', '7.1.1', 'account', LIST, 'Preselect account numbers',
    'Accounts (and their service contracts) to preselect, by account number.', ['_all', '_include_future']),
  preselection('account_programs', '7.1.2', 'account', CHOICES, 'Preselect account programs',
    'Accounts to preselect, by the programs they take part in.'),
  preselection('contract_numbers', '7.1.3', 'service_contract', LIST, 'Preselect contract numbers',
    'Service contracts (and their accounts) to preselect, by contract number.', ['_all', '_include_future']),
  preselection('service_types', '7.1.4', 'service_contract', CHOICES, 'Preselect service types',
    'Service contracts to preselect, by the services they provide.'),
  preselection('service_programs', '7.1.5', 'service_contract', CHOICES, 'Preselect service programs',
    'Service contracts to preselect, by the programs they take part in.'),
  preselection('servicepoint_numbers', '7.1.6', 'service_point', LIST, 'Preselect service point numbers',
    'Service points (and what is connected to them) to preselect, by service point number.', ['_all']),
  preselection('servicepoint_types', '7.1.7', 'service_point', CHOICES, 'Preselect service point types',
    'Service points to preselect, by type.'),
  preselection('premise_numbers', '7.1.8', 'service_point', LIST, 'Preselect premise numbers',
    'Service points to preselect, by the premises they belong to.'),
  preselection('meter_numbers', '7.1.9', 'meter_device', LIST, 'Preselect meter numbers',
    'Meters (and what they serve) to preselect, by meter number.', ['_all']),
  preselection('meter_types', '7.1.10', 'meter_device', CHOICES, 'Preselect meter types',
    'Meters to preselect, by type.'),
  preselection('meter_apps', '7.1.11', 'meter_device', CHOICES, 'Preselect meter apps',
    'Meters to preselect, by the meter apps they have.'),
  preselection('aggregation_numbers', '7.1.12', 'aggregation', LIST, 'Preselect aggregation numbers',
    'Aggregations (and their members) to preselect, by aggregation number.'),
  preselection('addresses', '7.1.13', 'address', LIST, 'Preselect addresses',
    'Resources to preselect by address; see the documentation for how addresses are normalised and matched.'),

  // §7.2 included data
  include('include_accounts', '7.2.1', 'Include accounts', 'Share the accounts related to the shared data.', {}, 'account'),
  include('include_account_numbers', '7.2.1.1', 'Include account numbers', 'Show customer and account numbers and the account entity.', {
    account: ['customer_number', 'account_number', 'account_entity'],
    service_contract: ['account_number'], bill_statement: ['account_number'], bill_section: ['account_number'],
  }),
  include('include_account_details', '7.2.1.2', 'Include account details', 'Show account name, address, types, status and contacts.', {
    account: ['account_name', 'account_address', 'account_types', 'account_status', 'account_contacts'],
  }),
  include('include_account_programs', '7.2.1.3', 'Include account programs', 'Show the programs of shared accounts.', {
    account: ['account_programs'],
  }),
  include('include_service_contracts', '7.2.2', 'Include service contracts', 'Share the service contracts related to the shared data.', {}, 'service_contract'),
  include('include_contract_numbers', '7.2.2.1', 'Include contract numbers', 'Show contract numbers and contract entities.', {
    service_contract: ['contract_number', 'contract_entity'],
  }),
  include('include_rate_plans', '7.2.2.2', 'Include rate plans', 'Show the rate plan of shared service contracts.', {
    service_contract: ['rateplan_code', 'rateplan_name'],
  }),
  include('include_service_contract_details', '7.2.2.3', 'Include service contract details', 'Show service address and contract dates.', {
    service_contract: ['contract_address', 'contract_start', 'contract_end'],
  }),
  include('include_service_programs', '7.2.2.4', 'Include service programs', 'Show the programs of shared service contracts.', {
    service_contract: ['service_programs'],
  }),
  include('include_service_points', '7.2.3', 'Include service points', 'Share the service points related to the shared data.', {}, 'service_point'),
  include('include_premises', '7.2.3.1', 'Include premises', 'Show the premises of shared service points.', {
    service_point: ['premises'],
  }),
  include('include_service_point_addresses', '7.2.3.2', 'Include service point addresses', 'Show service point addresses.', {
    service_point: ['servicepoint_address'],
  }),
  include('include_coordinates', '7.2.3.3', 'Include coordinates', 'Show service point latitude and longitude.', {
    service_point: ['latitude', 'longitude'],
  }),
  include('include_meter_devices', '7.2.4', 'Include meters', 'Share the meters related to the shared data.', {}, 'meter_device'),
  include('include_meter_numbers', '7.2.4.1', 'Include meter numbers', 'Show meter numbers.', { meter_device: ['meter_number'] }),
  include('include_meter_apps', '7.2.4.2', 'Include meter apps', 'Show the apps of shared meters.', { meter_device: ['meter_apps'] }),
  include('include_bill_statements', '7.2.5', 'Include bill statements', 'Share the bill statements of shared accounts.', {}, 'bill_statement'),
  include('include_bill_statement_files', '7.2.5.1', 'Include bill files', 'Link the bill document (e.g. PDF).', {
    bill_statement: ['file_uri', 'file_mimetype'],
  }),
  include('include_bill_statement_charges', '7.2.5.2', 'Include bill charges', 'Show balances and new charges of bills.', {
    bill_statement: ['previous_balance_amount', 'previous_balance_paid', 'previous_balance_unpaid', 'new_charges_amount', 'new_charges', 'new_balance_amount'],
  }),
  include('include_bill_statement_programs', '7.2.5.3', 'Include bill programs', 'Show the account programs on bills.', {
    bill_statement: ['account_programs'],
  }),
  include('include_bill_sections', '7.2.6', 'Include bill sections', 'Share the bill sections of shared services.', {}, 'bill_section'),
  include('include_bill_section_line_items', '7.2.6.1', 'Include bill line items', 'Show the line items of bill sections.', {
    bill_section: ['line_items'],
  }),
  include('include_bill_section_programs', '7.2.6.2', 'Include bill section programs', 'Show the service programs on bill sections.', {
    bill_section: ['service_programs'],
  }),
  include('include_aggregations', '7.2.7', 'Include aggregations', 'Share the aggregations related to the shared data.', {}, 'aggregation'),
  include('include_aggregation_addresses', '7.2.7.1', 'Include aggregation addresses', 'Show the addresses grouped in aggregations.', {
    aggregation: ['grouped_addresses'],
  }),
  include('include_usage_segments', '7.2.8', 'Include usage', 'Share the usage related to the shared data.', {}, 'usage_segment'),
  include('include_eacs', '7.2.9', 'Include energy attribute certificates', 'Share the certificates related to the shared data.', {}, 'eac'),
  {
    kind: 'include', id: 'include_usage_segment_value_types', section: '7.2.8.1', formats: ['choice_list_or_null'],
    name: 'Usage value formats', description: 'Which kinds of values usage segments carry (each choice is one Value Format).', reveals: {},
  },

  // §7.3 durations
  duration('sync_until', '7.3.1', 'datetime', 'future', 'Sync until', 'Until when shared data keeps being updated.'),
  duration('statement_date_start', '7.3.2', 'date', 'past', 'Bill statements from', 'Earliest statement date shared.', 'statement_date_end'),
  duration('statement_date_end', '7.3.3', 'date', 'future', 'Bill statements until', 'Latest statement date shared.', 'statement_date_start'),
  duration('start_date', '7.3.4', 'date', 'past', 'Bill sections from', 'Earliest bill section start date shared.', 'end_date'),
  duration('end_date', '7.3.5', 'date', 'future', 'Bill sections until', 'Latest bill section end date shared.', 'start_date'),
  duration('segment_start', '7.3.6', 'datetime', 'past', 'Usage from', 'Earliest usage shared.', 'segment_end'),
  duration('segment_end', '7.3.7', 'datetime', 'future', 'Usage until', 'Latest usage shared.', 'segment_start'),
  duration('expires', '7.3.8', 'datetime', 'future', 'Expires', 'When the Grant ends.'),

  // §7.4 other
  other('authorization_form_selection_type', '7.4.1', ['choice'], 'Selection type', 'Which list the customer picks from on the authorization form.'),
  other('merge_selection_with', '7.4.2', ['string_or_null'], 'Merge selection with', 'Another requested scope that shares this scope\'s selection.'),
  other('error_if_no_preselections', '7.4.3', ['boolean'], 'Error if no preselections', 'Fail instead of asking the customer to pick when nothing matches the preselections.'),
  other('purpose', '7.4.4', ['choice_or_null', 'choice'], 'Purpose', 'Which of the client\'s purposes to show the customer.'),
  other('allow_scope_modifications', '7.4.5', ['boolean'], 'Allow scope modifications', 'Whether the customer may edit the request on the authorization form.'),
  other('jwk', '7.4.6', ['jwk_or_null'], 'Response encryption key', 'A public EC P-256 key (JWK) to encrypt Customer Data API responses to.'),
];

const BY_ID = new Map(FIELDS.map((f) => [f.id, f]));

export function fieldSpec(id: string): FieldSpec | undefined {
  return BY_ID.get(id);
}

export function isPreselection(id: string): boolean {
  return BY_ID.get(id)?.kind === 'preselection';
}

export function durationField(id: string): DurationField | undefined {
  const spec = BY_ID.get(id);
  return spec?.kind === 'duration' ? spec : undefined;
}

export const PRESELECTION_FIELDS = FIELDS.filter((f): f is PreselectionField => f.kind === 'preselection');
export const INCLUDE_FIELDS = FIELDS.filter((f): f is IncludeField => f.kind === 'include');
export const DURATION_FIELDS = FIELDS.filter((f): f is DurationField => f.kind === 'duration');

/** The Selection Component choice ids (§9.2.3) and the object each one lists. */
export const SELECTION_TYPES = {
  account_selection: 'account',
  service_contract_selection: 'service_contract',
  servicepoint_selection: 'service_point',
  meter_device_selection: 'meter_device',
  aggregation_selection: 'aggregation',
} as const satisfies Record<string, ObjectKind>;

export type SelectionType = keyof typeof SELECTION_TYPES;

export function isSelectionType(value: unknown): value is SelectionType {
  return typeof value === 'string' && Object.hasOwn(SELECTION_TYPES, value);
}
