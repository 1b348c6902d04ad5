import type { CustomerDataEndpoint } from '../endpoint';
import { intersect, throughId, visibleRestriction } from '../filters';
import { listingOperation } from '../operation';
import { decimals } from '../present';
import { VisibleReferences } from '../references';
import { listServicePoints } from '../schemas';
import { searchPlan } from '../scope';

interface ServicePointNode {
  cds_servicepoint_id: string;
  current_servicecontracts: string[];
  previous_servicecontracts: string[];
}

const SEARCH = { id: null, servicePointNumber: null, servicePointAddress: 'servicepoint_address', premiseNumber: 'premises' } as const;

/** §10.3 Service Points. */
export const servicePoints: CustomerDataEndpoint<'service_points', typeof listServicePoints.query, ServicePointNode> = {
  listing: listServicePoints,
  api: 'service_points',
  operation: listingOperation<ServicePointNode>('ListServicePoints'),
  ttlSeconds: 300,
  optionalFields: ['servicepoint_address', 'latitude', 'longitude', 'premises'],
  plan({ query, parts, access }) {
    const contracts = new VisibleReferences(access).restriction('service_contracts');
    const filter = {
      ids: intersect(query.cds_servicepoint_ids, visibleRestriction(parts)),
      servicePointNumbers: query.servicepoint_numbers,
      // Only contracts the token may see can be asked about (they are all its references show).
      currentServiceContractIds: query.current_servicecontracts && intersect(query.current_servicecontracts, contracts),
      previousServiceContractIds: query.previous_servicecontracts && intersect(query.previous_servicecontracts, contracts),
    };
    return searchPlan(filter, query.q, SEARCH, parts);
  },
  visibleThrough: throughId('cds_servicepoint_id'),
  present(nodes, { access }) {
    const refs = new VisibleReferences(access);
    return nodes.map((n) => ({
      ...decimals(n, ['latitude', 'longitude']),
      current_servicecontracts: refs.keep('service_contracts', n.current_servicecontracts),
      previous_servicecontracts: refs.keep('service_contracts', n.previous_servicecontracts),
    }));
  },
};
