/** The §6 scope types as the ground truth reads them, written from the spec independently of the facade's table. */

export type Kind = 'account' | 'service_contract' | 'service_point' | 'meter_device' | 'aggregation';

/** What each scope type makes available before include fields, and which include fields it treats as true (§6). */
export const SCOPES: Record<string, { primary: Kind | 'usage' | 'bill_statement' | 'bill_section'; implied: string[] }> = {
  cds_rate_plan: { primary: 'service_contract', implied: ['include_service_contracts'] },
  cds_account_programs: { primary: 'account', implied: ['include_accounts'] },
  cds_service_programs: { primary: 'service_contract', implied: ['include_service_contracts'] },
  cds_accounts: { primary: 'account', implied: ['include_accounts'] },
  cds_service_contracts: { primary: 'service_contract', implied: ['include_accounts', 'include_service_contracts'] },
  cds_meters: { primary: 'meter_device', implied: ['include_meter_devices'] },
  cds_bill_statements: { primary: 'bill_statement', implied: ['include_bill_statements', 'include_accounts'] },
  cds_service_bills: { primary: 'bill_section', implied: ['include_bill_sections', 'include_accounts', 'include_service_contracts'] },
  cds_usage: { primary: 'usage', implied: ['include_usage_segments'] },
  cds_query_accounts: { primary: 'account', implied: ['include_accounts'] },
  cds_query_service_contracts: { primary: 'service_contract', implied: ['include_accounts', 'include_service_contracts'] },
  cds_query_service_points: { primary: 'service_point', implied: ['include_service_points'] },
  cds_query_meter_devices: { primary: 'meter_device', implied: ['include_meter_devices'] },
  cds_query_bill_statements: { primary: 'bill_statement', implied: ['include_bill_statements'] },
  cds_query_aggregations: { primary: 'aggregation', implied: ['include_aggregations'] },
  cds_query_usage: { primary: 'usage', implied: ['include_usage_segments'] },
};
