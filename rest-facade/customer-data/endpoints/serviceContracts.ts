import type { CustomerDataEndpoint } from '../endpoint';
import { intersect, onVisible, throughId, visibleRestriction } from '../filters';
import { programs, type GraphProgram } from '../objects';
import { listingOperation } from '../operation';
import { listServiceContracts } from '../schemas';
import { allRevealed, searchPlan } from '../scope';

interface ServiceContractNode {
  cds_servicecontract_id: string;
  service_programs?: GraphProgram[];
}

const SEARCH = {
  id: null, accountNumber: 'account_number', contractNumber: 'contract_number', contractAddress: 'contract_address',
  ratePlanCode: 'rateplan_code', ratePlanName: 'rateplan_name', programNumber: 'service_programs',
} as const;

/** §10.2 Service Contracts. */
export const serviceContracts: CustomerDataEndpoint<'service_contracts', typeof listServiceContracts.query, ServiceContractNode> = {
  listing: listServiceContracts,
  api: 'service_contracts',
  operation: listingOperation<ServiceContractNode>('ListServiceContracts'),
  ttlSeconds: 300,
  optionalFields: [
    'account_number', 'contract_number', 'contract_entity', 'contract_address', 'contract_start', 'contract_end',
    'rateplan_code', 'rateplan_name', 'service_programs',
  ],
  plan({ query, parts }) {
    const visible = allRevealed(parts);
    const filter = {
      ids: intersect(query.cds_servicecontract_ids, visibleRestriction(parts)),
      accountNumbers: onVisible(query.account_numbers, visible.has('account_number')),
      contractNumbers: onVisible(query.contract_numbers, visible.has('contract_number')),
      contractStatuses: query.contract_statuses,
      contractTypes: query.contract_types,
      serviceTypes: query.service_types,
    };
    return searchPlan(filter, query.q, SEARCH, parts);
  },
  visibleThrough: throughId('cds_servicecontract_id'),
  present: (nodes) => nodes.map((n) => (n.service_programs ? { ...n, service_programs: programs(n.service_programs) } : n)),
};
