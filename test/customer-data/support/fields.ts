/**
 * The OPTIONAL fields of each Customer Data object and the include field that reveals each
 * (cds-wg3-01 §7.2.x, §10.x.1), written out from the spec for the tests — independent of the
 * authorization-details engine's table. A field listed here must be absent unless its include
 * field is true in the Grant (or the scope treats it as true).
 */
export const REVEALED_BY: Record<string, Record<string, string>> = {
  accounts: {
    customer_number: 'include_account_numbers', account_number: 'include_account_numbers', account_entity: 'include_account_numbers',
    account_name: 'include_account_details', account_address: 'include_account_details', account_types: 'include_account_details',
    account_status: 'include_account_details', account_contacts: 'include_account_details', account_programs: 'include_account_programs',
  },
  service_contracts: {
    account_number: 'include_account_numbers', contract_number: 'include_contract_numbers', contract_entity: 'include_contract_numbers',
    rateplan_code: 'include_rate_plans', rateplan_name: 'include_rate_plans', contract_address: 'include_service_contract_details',
    contract_start: 'include_service_contract_details', contract_end: 'include_service_contract_details', service_programs: 'include_service_programs',
  },
  service_points: {
    premises: 'include_premises', servicepoint_address: 'include_service_point_addresses', latitude: 'include_coordinates', longitude: 'include_coordinates',
  },
  meter_devices: { meter_number: 'include_meter_numbers', meter_apps: 'include_meter_apps' },
  bill_statements: {
    file_uri: 'include_bill_statement_files', file_mimetype: 'include_bill_statement_files',
    previous_balance_amount: 'include_bill_statement_charges', previous_balance_paid: 'include_bill_statement_charges',
    previous_balance_unpaid: 'include_bill_statement_charges', new_charges_amount: 'include_bill_statement_charges',
    new_charges: 'include_bill_statement_charges', new_balance_amount: 'include_bill_statement_charges',
    account_programs: 'include_bill_statement_programs',
  },
  bill_sections: { line_items: 'include_bill_section_line_items', service_programs: 'include_bill_section_programs' },
  aggregations: { grouped_addresses: 'include_aggregation_addresses' },
};

/** The OPTIONAL fields an object of `api` may carry under a Grant entry with these values. */
export function allowedOptional(api: string, values: Record<string, unknown>): Set<string> {
  return new Set(Object.entries(REVEALED_BY[api] ?? {}).filter(([, include]) => values[include] === true).map(([field]) => field));
}
