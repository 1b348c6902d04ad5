import { loadOperation, type GraphClient } from '../graph';
import type { AggregationFacts, AggregationTenant } from './pending/consentPlan';
import type { AggregationFactsSource } from './pending/wholeBuilding';

interface Member {
  servicePointAddress: string | null;
  premises: { premiseNumber: string }[];
  currentServiceContracts: { accountId: string }[];
}

interface FactsData {
  aggregations: {
    nodes: {
      id: string;
      aggregationNumber: string | null;
      consentRequirements: { types: string[] }[];
      groupedServicePoints: Member[];
      groupedAggregations: { groupedServicePoints: Member[] }[];
    }[];
  };
}

export const AggregationFactsOperation = loadOperation<FactsData, { aggregationNumbers: string[] }>(
  new URL('./operations/AggregationFacts.graphql', import.meta.url),
);

/** Who holds an account: the CIS customer (the person who signs in on the consent pages). */
export type AccountOwners = (accountIds: string[]) => Promise<Map<string, string>>;

/**
 * The strictest consent requirement wins (§10.7.6): `always` over `sometimes` over `never`; an
 * aggregation that states none is treated as `sometimes` (released only above the threshold).
 */
function consentOf(requirements: { types: string[] }[]): AggregationFacts['consent'] {
  const types = new Set(requirements.flatMap((r) => r.types));
  if (types.has('always')) return 'always';
  if (types.has('never') && !types.has('sometimes')) return 'never';
  return 'sometimes';
}

/** The §4.11 facts through the graph: one query for every named aggregation, one owner lookup. */
export function graphAggregationFacts(graph: GraphClient, owners: AccountOwners): AggregationFactsSource {
  return {
    async byNumbers(numbers) {
      if (numbers.length === 0) return [];
      const data = await graph.execute(AggregationFactsOperation, { aggregationNumbers: numbers });
      const nodes = data.aggregations.nodes.filter((n) => n.aggregationNumber !== null && numbers.includes(n.aggregationNumber));
      const members = (n: FactsData['aggregations']['nodes'][number]) => [...n.groupedServicePoints, ...n.groupedAggregations.flatMap((c) => c.groupedServicePoints)];
      const accountIds = [...new Set(nodes.flatMap((n) => members(n).flatMap((m) => m.currentServiceContracts.map((c) => c.accountId))))];
      const ownerOf = accountIds.length > 0 ? await owners(accountIds) : new Map<string, string>();
      return nodes.map((n) => {
        const byCustomer = new Map<string, { premises: Set<string>; addresses: Set<string> }>();
        for (const member of members(n)) {
          for (const { accountId } of member.currentServiceContracts) {
            const customer = ownerOf.get(accountId);
            if (!customer) continue;
            const entry = byCustomer.get(customer) ?? { premises: new Set<string>(), addresses: new Set<string>() };
            for (const p of member.premises) entry.premises.add(p.premiseNumber);
            if (member.servicePointAddress) entry.addresses.add(member.servicePointAddress);
            byCustomer.set(customer, entry);
          }
        }
        const tenants: AggregationTenant[] = [...byCustomer].map(([customer_id, e]) => ({
          customer_id, premise_numbers: [...e.premises].sort(), addresses: [...e.addresses].sort(),
        }));
        return { id: n.id, aggregation_number: n.aggregationNumber!, consent: consentOf(n.consentRequirements), tenants };
      });
    },
  };
}
