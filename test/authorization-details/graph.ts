import type { CustomerGraph } from '../../rest-facade/authorization-details';

/**
 * A small Customer with the situations the rules must handle:
 * - account A1 (parent AP): electric S1 at P1, gas S2 at P2; meter M1 at P1 swapped for M2 on
 *   2025-03-01 (local midnight, 08:00Z); M3 at P2;
 * - account A2: electric S3 at P3, ended 2024-06-30 (move-out); meter M4 stays at P3 and now
 *   measures the next occupant (whose contract is not this Customer's, so not in the graph);
 * - building aggregation G1 over P1 and P2; a Typical and an Atypical address; two service
 *   points sharing one address (P4, P5: an ambiguous match).
 */
export function customerGraph(): CustomerGraph {
  return {
    accounts: [
      { id: 'AP', account_number: '100-0', customer_number: 'C-1', account_name: 'Acme Holdings', parent_id: null, program_numbers: [] },
      {
        id: 'A1', account_number: '100-1', customer_number: 'C-1', account_name: 'Acme HQ', parent_id: 'AP',
        account_address: { text: 'Acme Co.\n123 Main St. #4\nAnytown, CA 94000', typical: true }, program_numbers: ['CARE'],
      },
      {
        id: 'A2', account_number: '100-2', customer_number: 'C-1', account_name: 'Acme Farm', parent_id: null,
        account_address: { text: 'Acme Farm Irrigation, 12 mi North on FM 5555', typical: false }, program_numbers: ['BUDGET'],
      },
    ],
    service_contracts: [
      {
        id: 'S1', account_id: 'A1', contract_number: 'SC-1', service_types: ['electric', 'commercial'], program_numbers: ['SMARTDAYS'],
        rateplan_code: 'E-19', contract_start: '2019-01-01', contract_end: null,
        contract_address: { text: '123 Main Street Unit 4\nAnytown, CA 94000', typical: true },
      },
      {
        id: 'S2', account_id: 'A1', contract_number: 'SC-2', service_types: ['natural_gas', 'commercial'], program_numbers: [],
        rateplan_code: 'G-NR1', contract_start: '2019-01-01', contract_end: null,
      },
      {
        id: 'S3', account_id: 'A2', contract_number: 'SC-3', service_types: ['electric', 'agriculture'], program_numbers: ['CSOL'],
        rateplan_code: 'AG-5', contract_start: '2018-05-01', contract_end: '2024-06-30',
      },
    ],
    service_points: [
      {
        id: 'P1', servicepoint_number: 'SP-1', servicepoint_types: ['electric', 'physical'], premise_numbers: ['PR-1'],
        servicepoint_address: { text: '123 Main St #4\nAnytown, CA 94000', typical: true },
        current_servicecontracts: ['S1'], previous_servicecontracts: [],
      },
      {
        id: 'P2', servicepoint_number: 'SP-2', servicepoint_types: ['natural_gas', 'physical'], premise_numbers: ['PR-1'],
        servicepoint_address: { text: '125 Main St\nAnytown, CA 94000', typical: true },
        current_servicecontracts: ['S2'], previous_servicecontracts: [],
      },
      {
        id: 'P3', servicepoint_number: 'SP-3', servicepoint_types: ['electric', 'physical'], premise_numbers: ['PR-3'],
        servicepoint_address: { text: 'Pump 7, 12 mi North on FM 5555', typical: false },
        current_servicecontracts: [], previous_servicecontracts: ['S3'],
      },
      {
        id: 'P4', servicepoint_number: 'SP-4', servicepoint_types: ['electric', 'virtual'], premise_numbers: [],
        servicepoint_address: '9 Elm St, Anytown, CA 94000', current_servicecontracts: [], previous_servicecontracts: [],
      },
      {
        id: 'P5', servicepoint_number: 'SP-5', servicepoint_types: ['electric', 'virtual'], premise_numbers: [],
        servicepoint_address: '9 Elm Street\nAnytown CA 94000', current_servicecontracts: [], previous_servicecontracts: [],
      },
    ],
    meter_devices: [
      {
        id: 'M1', meter_number: 'MTR-1', meter_types: ['electric_usage', 'ami_meter'], app_numbers: [],
        installations: [{ servicepoint_id: 'P1', start: '2019-01-01T08:00:00Z', end: '2025-03-01T08:00:00Z' }],
      },
      {
        id: 'M2', meter_number: 'MTR-2', meter_types: ['electric_usage', 'ami_meter', 'bidirectional'], app_numbers: ['MA-1002'],
        installations: [{ servicepoint_id: 'P1', start: '2025-03-01T08:00:00Z', end: null }],
      },
      {
        id: 'M3', meter_number: 'MTR-3', meter_types: ['natural_gas_usage', 'amr_meter'], app_numbers: [],
        installations: [{ servicepoint_id: 'P2', start: '2019-01-01T08:00:00Z', end: null }],
      },
      {
        id: 'M4', meter_number: 'MTR-4', meter_types: ['electric_usage', 'ami_meter'], app_numbers: ['MA-2001'],
        installations: [{ servicepoint_id: 'P3', start: '2018-05-01T07:00:00Z', end: null }],
      },
    ],
    aggregations: [
      {
        id: 'G1', aggregation_number: 'BLDG-1', aggregation_types: ['servicepoint_number'], name: 'Main St building',
        grouped_accounts: [], grouped_servicecontracts: [], grouped_servicepoints: ['P1', 'P2'], grouped_meterdevices: [],
        grouped_aggregations: [], grouped_addresses: ['123 Main St\nAnytown, CA 94000'],
      },
    ],
  };
}
