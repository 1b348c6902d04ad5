import { indexGraph, selectedIds, type CustomerGraph } from '../authorization-details';
import { fetchCustomerGraph, type GraphClient } from '../graph';
import { offeredEntries } from './form/entries';
import type { GrantSelectionRecord } from './grantSelections';
import type { IdentityProvider } from './login/identity';
import type { ReceiptResource } from './receipts/receipt';

export type CustomerGraphLoader = (customerId: string, options?: { aggregationNumbers?: string[] }) => Promise<CustomerGraph>;

/** The signed-in customer's objects: their profile's accounts (identity provider), read through the graph. */
export function customerGraphLoader(graph: GraphClient, identity: IdentityProvider, clock: () => number): CustomerGraphLoader {
  return async (customerId, options = {}) => fetchCustomerGraph(graph, {
    accountIds: await identity.accountIds(customerId),
    aggregationNumbers: options.aggregationNumbers,
    at: clock(),
  });
}

/** The resources a recorded choice covers in today's data, as the form lists them (receipt changes, §9.4). */
export function describeResourcesWith(load: CustomerGraphLoader, clock: () => number) {
  return async (record: GrantSelectionRecord): Promise<ReceiptResource[]> => {
    const index = indexGraph(await load(record.customer_id));
    const at = clock();
    return record.sections.flatMap(({ selection }) => {
      const ids = selectedIds(selection, index);
      return offeredEntries(selection.type, index, at, false)
        .filter((e) => ids.has(e.id))
        .map((e) => ({ id: e.id, title: e.title, lines: e.lines }));
    });
  };
}
