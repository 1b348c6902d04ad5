/**
 * Native record types of the EAC (energy attribute certificate) registry simulator.
 * snake_case JSON, ISO-8601 UTC timestamps, quantities as decimal strings, page-number paging.
 */

/** Who a certificate was retired for, and what `beneficiary_refs` then holds. */
export type EacBeneficiaryKind =
  | 'CUSTOMER' // CIS CUST_NO values
  | 'ACCOUNT' // CIS ACCT_ID values
  | 'CONTRACT' // CIS SA_ID values
  | 'TARIFF' // CIS RATE_CD values
  | 'PROGRAM' // CIS PROG_CD values
  | 'GENERAL'; // retired for all customers (compliance); no refs

export interface EacGenerator {
  generator_id: string;
  name: string;
  fuel_code: 'SUN';
  /** Nameplate capacity, decimal kW. */
  capacity_kw: string;
  /** CIS SP_ID of the generation's service point; null for the utility-scale plant. */
  sp_id: string | null;
  commissioned_on: string;
}

export interface EacCertificate {
  certificate_id: string;
  /** Registry serial numbers of the certificate block. */
  serial_numbers: string[];
  generator_id: string;
  /** Generation period the certificate covers, [vintage_start, vintage_end). */
  vintage_start: string;
  vintage_end: string;
  /** Generated energy: integer Wh and the same in MWh (exact decimal). */
  quantity_wh: string;
  quantity_mwh: string;
  status: 'ACTIVE' | 'RETIRED';
  beneficiary_kind: EacBeneficiaryKind;
  beneficiary_refs: string[];
  /** Key of the data format (see GET /registry/v1/formats). */
  format_code: string;
  /** Path (on the registry) of the certificate's data document. */
  data_path: string;
  issued_at: string;
  updated_at: string;
}

export interface EacFormat {
  format_code: string;
  name: string;
  description: string;
  documentation_url: string;
}

export interface EacPage<T> {
  data: T[];
  meta: { page: number; per_page: number; total_pages: number; total_count: number };
}

/** Error body of every registry error response. */
export interface EacError {
  errors: { status: string; code: string; detail: string }[];
}
