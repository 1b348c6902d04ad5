import type { CustomerDataEndpoint } from '../endpoint';
import { intersect, onVisible, throughId, visibleRestriction } from '../filters';
import { programs, type GraphProgram } from '../objects';
import { listingOperation } from '../operation';
import { listAccounts } from '../schemas';
import { allRevealed, searchPlan } from '../scope';

interface AccountNode {
  cds_account_id: string;
  account_programs?: GraphProgram[];
}

/** `q` over §10.1.10's fields, each searchable only when the token may see it (graph search field → gate). */
const SEARCH = {
  id: null, customerNumber: 'customer_number', accountNumber: 'account_number', accountAddress: 'account_address',
  accountName: 'account_name', contactValue: 'account_contacts', programNumber: 'account_programs',
} as const;

/** §10.1 Accounts. */
export const accounts: CustomerDataEndpoint<'accounts', typeof listAccounts.query, AccountNode> = {
  listing: listAccounts,
  api: 'accounts',
  operation: listingOperation<AccountNode>('ListAccounts'),
  ttlSeconds: 300,
  optionalFields: [
    'customer_number', 'account_number', 'account_entity', 'account_name', 'account_address', 'account_types',
    'account_status', 'account_contacts', 'account_programs',
  ],
  plan({ query, parts }) {
    const visible = allRevealed(parts);
    const filter = {
      ids: intersect(query.cds_account_ids, visibleRestriction(parts)),
      customerNumbers: onVisible(query.customer_numbers, visible.has('customer_number')),
      accountNumbers: onVisible(query.account_numbers, visible.has('account_number')),
      accountStatuses: onVisible(query.account_statuses, visible.has('account_status')),
    };
    return searchPlan(filter, query.q, SEARCH, parts);
  },
  visibleThrough: throughId('cds_account_id'),
  present: (nodes) => nodes.map((n) => (n.account_programs ? { ...n, account_programs: programs(n.account_programs) } : n)),
};
