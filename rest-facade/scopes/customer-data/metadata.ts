import type { ScopeDescription } from '../schema';
import type { CustomerDataConfig } from './config';
import { customerDataScopeType, type PrimaryObject } from './scopeTypes';

/**
 * The cds-wg3-01 §5 extension of the Authorization Server Metadata: the version, the Customer Data
 * API URLs the offered scopes need, and the reference maps that go with the usage and EAC APIs.
 * The metadata engineer merges this object into the (possibly Client-specific) metadata document.
 */

export const CUSTOMER_DATA_VERSION = 'v1';

/** Each API's metadata key, its path under PUBLIC_URL, and what makes a scope need it. */
const APIS = [
  { key: 'cds_accounts_api', path: 'accounts', include: 'include_accounts', object: 'account' },
  { key: 'cds_servicecontracts_api', path: 'service-contracts', include: 'include_service_contracts', object: 'service_contract' },
  { key: 'cds_servicepoints_api', path: 'service-points', include: 'include_service_points', object: 'service_point' },
  { key: 'cds_meterdevices_api', path: 'meter-devices', include: 'include_meter_devices', object: 'meter_device' },
  { key: 'cds_billstatement_api', path: 'bill-statements', include: 'include_bill_statements', object: 'bill_statement' },
  { key: 'cds_billsection_api', path: 'bill-sections', include: 'include_bill_sections', object: 'bill_section' },
  { key: 'cds_aggregations_api', path: 'aggregations', include: 'include_aggregations', object: 'aggregation' },
  { key: 'cds_usagesegments_api', path: 'usage-segments', include: 'include_usage_segments', object: 'usage_segment' },
  { key: 'cds_eacs_api', path: 'eacs', include: 'include_eacs', object: null },
] as const satisfies readonly { key: string; path: string; include: string; object: PrimaryObject | null }[];

export const CUSTOMER_DATA_API_BASE = '/cds-customerdata-api/v1';

/** `PUBLIC_URL` + the path of one Customer Data listing API. */
export function customerDataApiUrl(publicUrl: string, api: (typeof APIS)[number]['path']): string {
  return `${publicUrl.replace(/\/$/, '')}${CUSTOMER_DATA_API_BASE}/${api}`;
}

function needs(sd: ScopeDescription, api: (typeof APIS)[number]): boolean {
  const scopeType = customerDataScopeType(sd.type);
  if (!scopeType) return false;
  return scopeType.primary === api.object
    || scopeType.implied.includes(api.include)
    || sd.authorization_details_fields_supported.some((f) => f.id === api.include);
}

/** The §5 fields for metadata listing `descriptions` (the Customer Data ones among them count). */
export function customerDataServerMetadata(config: CustomerDataConfig, descriptions: readonly ScopeDescription[]): Record<string, unknown> {
  const metadata: Record<string, unknown> = { cds_customerdata_version: CUSTOMER_DATA_VERSION };
  for (const api of APIS) {
    if (descriptions.some((sd) => needs(sd, api))) metadata[api.key] = customerDataApiUrl(config.publicUrl, api.path);
  }
  if (metadata.cds_usagesegments_api) {
    // Keyed by the Value Type (digest part 10 #21: the description object has no `id`).
    metadata.cds_usagesegments_additional_value_types = Object.fromEntries(config.additionalValueTypes.map((t) => [t.type, t]));
  }
  if (metadata.cds_eacs_api) metadata.cds_eac_formats = Object.fromEntries(config.eacFormats.map((f) => [f.id, f]));
  return metadata;
}
