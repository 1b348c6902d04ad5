import { matchAddresses } from '../../authorization-details';
import type { GrantRecord } from '../../grants';
import { scopeTokens } from '../../grants';
import { loadOperation, type GraphClient } from '../../graph';
import type { ScopeRegistry } from '../../scopes';
import { getJson, setJson, type Store } from '../../store';

/**
 * cds-wg3-01 §4.11 (last paragraph): a direct aggregations query naming `addresses` is answered
 * after the Server has looked up which aggregations those addresses are. The Grant starts
 * `pending`; this step matches the addresses against every aggregation (§7.1.13.1: a unique match
 * only) and records the aggregation numbers beside the Grant, where the resolver reads them.
 */

export const AGGREGATIONS_QUERY_TYPE = 'cds_query_aggregations';

interface AddressesData {
  aggregations: { nodes: { id: string; aggregationNumber: string | null; groupedAddresses: string[] }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

export const AggregationAddressesOperation = loadOperation<AddressesData, { after: string | null }>(
  new URL('../operations/AggregationAddresses.graphql', import.meta.url),
);

/** The addresses a Grant's aggregations-query entries name. */
export function requestedAddresses(grant: GrantRecord, scopes: ScopeRegistry): string[] {
  return [...new Set(scopeTokens(grant.scope).flatMap((id) => {
    const sd = scopes.get(id);
    if (sd?.type !== AGGREGATIONS_QUERY_TYPE) return [];
    const entry = grant.authorization_details.find((e) => sd.authorization_details_types_supported.includes(e.type));
    return Array.isArray(entry?.addresses) ? (entry.addresses as unknown[]).filter((a): a is string => typeof a === 'string') : [];
  }))];
}

const key = (grantId: string) => `access:grant-addresses:${grantId}`;

/** The aggregation numbers the Grant's addresses resolved to (null until resolved). */
export class ResolvedAddresses {
  constructor(private readonly store: Store) {}

  async get(grantId: string): Promise<string[] | null> {
    const value = await getJson<{ aggregation_numbers: string[] }>(this.store, key(grantId));
    return Array.isArray(value?.aggregation_numbers) ? value.aggregation_numbers : null;
  }

  async put(grantId: string, aggregationNumbers: string[]): Promise<void> {
    await setJson(this.store, key(grantId), { aggregation_numbers: aggregationNumbers });
  }
}

/** Reads every aggregation's addresses through the graph and keeps the unique matches. */
export async function resolveAddresses(graph: GraphClient, addresses: string[]): Promise<string[]> {
  const candidates: { id: string; addresses: string[] }[] = [];
  const numberOf = new Map<string, string>();
  let after: string | null = null;
  do {
    const data: AddressesData = await graph.execute(AggregationAddressesOperation, { after });
    for (const node of data.aggregations.nodes) {
      if (node.aggregationNumber === null) continue;
      numberOf.set(node.id, node.aggregationNumber);
      candidates.push({ id: node.id, addresses: node.groupedAddresses });
    }
    after = data.aggregations.pageInfo.hasNextPage ? data.aggregations.pageInfo.endCursor : null;
  } while (after !== null);
  return [...matchAddresses(addresses, candidates)].map((id) => numberOf.get(id)!).sort();
}
