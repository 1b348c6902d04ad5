import type { z } from 'zod';
import { ErrorResponse, errorResponses, registerEndpoint } from '../../openapi';
import {
  AccountList, AggregationList, BillSectionList, BillStatementList, EnergyAttributeCertificateList, MeterDeviceList,
  ServiceContractList, ServicePointList, UsageSegmentList,
} from './listing';
import {
  AccountsQuery, AggregationsQuery, BillSectionsQuery, BillStatementsQuery, EacsQuery, MeterDevicesQuery,
  ServiceContractsQuery, ServicePointsQuery, UsageSegmentsQuery,
} from './queries';

/** Where the Customer Data APIs live (the §13 examples' paths); the Server Metadata links here. */
export const CUSTOMER_DATA_BASE_PATH = '/cds-customerdata-api/v1';

interface Listing<Q extends z.ZodObject, L extends z.ZodObject> {
  /** Path below the base path. */
  name: string;
  operationId: string;
  /** The Server Metadata key whose URL this is (§5). */
  metadataKey: string;
  /** The response's list member. */
  listKey: string;
  section: string;
  noun: string;
  query: Q;
  list: L;
}

function listing<Q extends z.ZodObject, L extends z.ZodObject>(l: Listing<Q, L>) {
  const spec = registerEndpoint({
    method: 'get',
    path: `${CUSTOMER_DATA_BASE_PATH}/${l.name}`,
    operationId: l.operationId,
    summary: `List ${l.noun}`,
    description:
      `cds-wg3-01 ${l.section}: the ${l.noun} the access token's Grants allow, at most 100 per page, with ` +
      '`next`/`previous` links that keep the filters. Filters combine by intersection. When a Grant carries ' +
      'a `jwk` (§7.4.6) the body is encrypted instead (`application/octet-stream`, `X-CDS-*-JWE-*` headers).',
    tags: ['Customer Data'],
    security: ['cds_access_token'],
    query: l.query,
    responses: {
      200: { description: `A page of ${l.noun}.`, schema: l.list, binary: ['application/octet-stream'] },
      ...errorResponses(400, 401, 403, 429, 503),
      502: { description: 'A system behind the API answered with something unusable (`bad_gateway`).', schema: ErrorResponse },
    },
  });
  return { ...spec, metadataKey: l.metadataKey, listKey: l.listKey, query: l.query, list: l.list };
}

export const listAccounts = listing({
  name: 'accounts', operationId: 'listAccounts', metadataKey: 'cds_accounts_api', listKey: 'accounts',
  section: '§10.1.10', noun: 'Accounts', query: AccountsQuery, list: AccountList,
});
export const listServiceContracts = listing({
  name: 'service-contracts', operationId: 'listServiceContracts', metadataKey: 'cds_servicecontracts_api', listKey: 'service_contracts',
  section: '§10.2.7', noun: 'Service Contracts', query: ServiceContractsQuery, list: ServiceContractList,
});
export const listServicePoints = listing({
  name: 'service-points', operationId: 'listServicePoints', metadataKey: 'cds_servicepoints_api', listKey: 'service_points',
  section: '§10.3.5', noun: 'Service Points', query: ServicePointsQuery, list: ServicePointList,
});
export const listMeterDevices = listing({
  name: 'meter-devices', operationId: 'listMeterDevices', metadataKey: 'cds_meterdevices_api', listKey: 'meter_devices',
  section: '§10.4.5', noun: 'Meter Devices', query: MeterDevicesQuery, list: MeterDeviceList,
});
export const listBillStatements = listing({
  name: 'bill-statements', operationId: 'listBillStatements', metadataKey: 'cds_billstatement_api', listKey: 'bill_statements',
  section: '§10.5.4', noun: 'Bill Statements', query: BillStatementsQuery, list: BillStatementList,
});
export const listBillSections = listing({
  name: 'bill-sections', operationId: 'listBillSections', metadataKey: 'cds_billsection_api', listKey: 'bill_sections',
  section: '§10.6.9', noun: 'Bill Sections', query: BillSectionsQuery, list: BillSectionList,
});
export const listAggregations = listing({
  name: 'aggregations', operationId: 'listAggregations', metadataKey: 'cds_aggregations_api', listKey: 'aggregations',
  section: '§10.7.8', noun: 'Aggregations', query: AggregationsQuery, list: AggregationList,
});
export const listUsageSegments = listing({
  name: 'usage-segments', operationId: 'listUsageSegments', metadataKey: 'cds_usagesegments_api', listKey: 'usage_segments',
  section: '§10.8.8', noun: 'Usage Segments', query: UsageSegmentsQuery, list: UsageSegmentList,
});
export const listEacs = listing({
  name: 'eacs', operationId: 'listEnergyAttributeCertificates', metadataKey: 'cds_eacs_api', listKey: 'eacs',
  section: '§10.9.4', noun: 'Energy Attribute Certificates', query: EacsQuery, list: EnergyAttributeCertificateList,
});

/** The nine listing endpoints of §10, in the spec's order. */
export const customerDataListings = [
  listAccounts, listServiceContracts, listServicePoints, listMeterDevices, listBillStatements, listBillSections,
  listAggregations, listUsageSegments, listEacs,
] as const;
