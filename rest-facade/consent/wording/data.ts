import type { ReadingKind } from './readings';

/**
 * What each consent scope shares, in the customer's words with example values (cds-wg3-01
 * §9.2.2.1: no spec jargon such as "Usage Segment"; a short summary plus details with examples).
 * Keyed by the Scope Description `type` (§6.1) and the include fields of §7.2.
 */

export const CONSENT_SCOPE_TYPES = [
  'cds_rate_plan', 'cds_account_programs', 'cds_service_programs', 'cds_accounts', 'cds_service_contracts',
  'cds_meters', 'cds_bill_statements', 'cds_service_bills', 'cds_usage', 'cds_aggregation_consent',
] as const;
export type ConsentScopeType = (typeof CONSENT_SCOPE_TYPES)[number];

/** The short summary line per scope type. */
export const SCOPE_SUMMARY: Record<ConsentScopeType, string> = {
  cds_rate_plan: 'The rate plan (pricing plan) of your services',
  cds_account_programs: 'Which utility programs your accounts take part in',
  cds_service_programs: 'Which utility programs your services take part in',
  cds_accounts: 'Your list of utility accounts',
  cds_service_contracts: 'Your list of services (such as electric, gas or water service)',
  cds_meters: 'Your list of meters',
  cds_bill_statements: 'Your bills',
  cds_service_bills: 'The charges for each of your services on your bills',
  cds_usage: 'How much energy or water you use, as measured by your meters',
  cds_aggregation_consent: 'Including your usage in a combined total for a group of customers (such as your building)',
};

/** A short title per scope type, for Request Section headings ("Your services and your usage"). */
export const SCOPE_TITLE: Record<ConsentScopeType, string> = {
  cds_rate_plan: 'your rate plans',
  cds_account_programs: 'your account programs',
  cds_service_programs: 'your service programs',
  cds_accounts: 'your accounts',
  cds_service_contracts: 'your services',
  cds_meters: 'your meters',
  cds_bill_statements: 'your bills',
  cds_service_bills: 'your charges per service',
  cds_usage: 'your usage',
  cds_aggregation_consent: 'joining a combined total',
};

/**
 * The objects whose details a scope keeps up to date (`sync_until`), for duration sentences:
 * merged scopes share one sentence ("Your account, service and meter details: …", §9.2.2.2).
 */
export const SCOPE_OBJECTS: Record<ConsentScopeType, string[]> = {
  cds_rate_plan: ['service', 'rate plan'],
  cds_account_programs: ['account program'],
  cds_service_programs: ['service program'],
  cds_accounts: ['account'],
  cds_service_contracts: ['service'],
  cds_meters: ['meter'],
  cds_bill_statements: ['account'],
  cds_service_bills: ['account', 'service'],
  cds_usage: ['account', 'service', 'meter'],
  cds_aggregation_consent: [],
};

/** One detail line: an include field with an example value, or the kinds of readings asked for. */
export type DataItem = {
  /** The §7.2 field that enables it. */
  field: string;
  label: string;
} & ({ example: string } | { kinds: ReadingKind[] });

/** One detail line per §7.2 include field, with an example value. */
export const INCLUDE_ITEMS: Record<string, { label: string; example: string }> = {
  include_accounts: { label: 'Your accounts', example: 'a residential account opened in 2019' },
  include_account_numbers: { label: 'Account and customer numbers', example: 'account 4815-1623, customer C-000123' },
  include_account_details: {
    label: 'Account name, mailing address, type, status and contact details',
    example: 'Jane Doe · 123 Main St, Springfield · residential · active · jane@example.com',
  },
  include_account_programs: { label: 'Programs your accounts are enrolled in', example: 'low-income discount, since April 2023' },
  include_service_contracts: { label: 'Your services', example: 'electric service started June 1, 2021' },
  include_contract_numbers: { label: 'Service numbers and who supplies each service', example: 'service SA-88421, supplied by Example Clean Power' },
  include_rate_plans: { label: 'Rate plans', example: 'E-TOU-C time-of-use plan' },
  include_service_contract_details: { label: 'Service addresses and start and end dates', example: '123 Main St, Springfield · since June 1, 2021' },
  include_service_programs: { label: 'Programs your services are enrolled in', example: 'electric vehicle charging plan' },
  include_service_points: { label: 'Service locations (where the utility delivers your service)', example: 'service location SP-10023, residential' },
  include_premises: { label: 'Building (premise) identifiers', example: 'premise PR-5531' },
  include_service_point_addresses: { label: 'Addresses of your service locations', example: '123 Main St, Springfield, CA 94000' },
  include_coordinates: { label: 'Map position of your service locations', example: 'latitude 37.7749, longitude −122.4194' },
  include_meter_devices: { label: 'Your meters', example: 'smart electric meter' },
  include_meter_numbers: { label: 'Meter numbers', example: 'meter M-4471-0021' },
  include_meter_apps: { label: 'Apps installed on your meters', example: 'in-home energy display app, installed March 2024' },
  include_bill_statements: { label: 'Bills', example: 'bill of May 3, 2026: $84.12 due May 24, 2026' },
  include_bill_statement_files: { label: 'Copies of your bills (PDF)', example: 'bill-2026-05.pdf' },
  include_bill_statement_charges: { label: 'Bill charges, payments and balances', example: 'previous balance $70.00, paid $70.00, new charges $84.12' },
  include_bill_statement_programs: { label: 'Program credits on your bills', example: 'solar credit balance $12.40' },
  include_bill_sections: { label: 'Charges for each service on your bills', example: 'electric service April 2 – May 1: $61.30' },
  include_bill_section_line_items: { label: 'Line-by-line charges', example: 'peak energy 112 kWh × $0.41 = $45.92' },
  include_bill_section_programs: { label: 'Programs shown with each service on your bills', example: 'demand response credit −$5.00' },
  include_aggregations: { label: 'Groups your services belong to, such as your building or ZIP code', example: 'building B-221 (42 units)' },
  include_aggregation_addresses: { label: 'Addresses in those groups', example: '100–120 Oak Ave, Springfield' },
  include_usage_segments: { label: 'Usage readings from your meters', example: '0.42 kWh used from 10:00 to 10:15 am on May 1, 2026' },
  include_eacs: { label: 'Renewable energy certificates linked to your services', example: '1 MWh solar certificate for April 2026' },
};

/** Enabled include fields of one normalised authorization-details entry, in the table's order. */
export function dataItems(entry: Record<string, unknown>): DataItem[] {
  return Object.entries(INCLUDE_ITEMS)
    .filter(([field]) => entry[field] === true)
    .map(([field, item]) => ({ field, ...item }));
}
