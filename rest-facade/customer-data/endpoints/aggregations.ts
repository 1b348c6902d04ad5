import type { CustomerDataEndpoint } from '../endpoint';
import { intersect, throughId, visibleRestriction } from '../filters';
import { listingOperation } from '../operation';
import { omitNulls } from '../present';
import { VisibleReferences } from '../references';
import { listAggregations } from '../schemas';
import { searchPlan } from '../scope';

interface AggregationNode {
  cds_aggregation_id: string;
  grouped_accounts: string[];
  grouped_servicecontracts: string[];
  grouped_servicepoints: string[];
  grouped_meters: { currentMeterDevices: { id: string }[] }[];
  grouped_aggregations: string[];
  grouped_regions: object[];
}

const SEARCH = { id: null, aggregationNumber: null, groupedAddresses: 'grouped_addresses', regionName: null } as const;
/** §10.7.2 type-specific fields: absent (null in the graph) unless their type is. */
const TYPE_FIELDS = ['countries', 'provinces', 'municipalities', 'account_types', 'service_types', 'servicepoint_types', 'premise_numbers', 'meter_types'];
const REGION_TYPE_FIELDS = ['postal_codes', 'counties', 'neighborhoods', 'city_blocks'];

/** §10.7 Aggregations. */
export const aggregations: CustomerDataEndpoint<'aggregations', typeof listAggregations.query, AggregationNode> = {
  listing: listAggregations,
  api: 'aggregations',
  operation: listingOperation<AggregationNode>('ListAggregations'),
  ttlSeconds: 600,
  optionalFields: ['grouped_addresses'],
  plan({ query, parts }) {
    const filter = {
      ids: intersect(query.cds_aggregation_ids, visibleRestriction(parts)),
      aggregationNumbers: query.aggregation_numbers,
      aggregationTypes: query.aggregation_types,
    };
    return searchPlan(filter, query.q, SEARCH, parts);
  },
  visibleThrough: throughId('cds_aggregation_id'),
  present(nodes, { access }) {
    const refs = new VisibleReferences(access);
    return nodes.map(({ grouped_meters, ...n }) => ({
      ...omitNulls(n, TYPE_FIELDS),
      grouped_accounts: refs.keep('accounts', n.grouped_accounts),
      grouped_servicecontracts: refs.keep('service_contracts', n.grouped_servicecontracts),
      grouped_servicepoints: refs.keep('service_points', n.grouped_servicepoints),
      grouped_meterdevices: refs.keep('meter_devices', grouped_meters.flatMap((p) => p.currentMeterDevices.map((m) => m.id))),
      grouped_aggregations: refs.keep('aggregations', n.grouped_aggregations),
      grouped_regions: n.grouped_regions.map((r) => omitNulls(r, REGION_TYPE_FIELDS)),
    }));
  },
};
