/**
 * Whether aggregated usage may be released without the members' consent (cds-wg3-01 §4.11, §12.3),
 * and whose consent is needed otherwise. Pure: the facts come from the graph (./aggregationFacts.ts).
 */

/** A customer with a current contract at a service point grouped in the aggregation. */
export interface AggregationTenant {
  /** The CIS customer id: the person who signs in on the consent pages. */
  customer_id: string;
  premise_numbers: string[];
  /** The tenant's service point addresses in the aggregation (units of one building share its premise). */
  addresses: string[];
}

export interface AggregationFacts {
  id: string;
  aggregation_number: string;
  /** The Aggregation's Consent Requirement types (§10.7.6): `always`, `sometimes` or `never`. */
  consent: 'always' | 'sometimes' | 'never';
  /** Every tenant of the aggregation, chunks (`grouped_aggregations`) included. */
  tenants: AggregationTenant[];
}

/** One sub-Grant to create: a customer's consent to be included in these aggregations. */
export interface TenantConsent {
  customer_id: string;
  aggregation_numbers: string[];
  premise_numbers: string[];
  addresses: string[];
}

/**
 * `never`: released as is. `always`: every tenant must consent. `sometimes`: released when it
 * groups at least `minCustomers` distinct customers (the anonymisation threshold), otherwise every
 * tenant must consent. One consent per customer, covering all their aggregations of the request.
 */
export function consentPlan(aggregations: readonly AggregationFacts[], minCustomers: number): TenantConsent[] {
  const byCustomer = new Map<string, { aggregations: Set<string>; premises: Set<string>; addresses: Set<string> }>();
  for (const aggregation of aggregations) {
    const customers = new Set(aggregation.tenants.map((t) => t.customer_id));
    const needed = aggregation.consent === 'always' || (aggregation.consent === 'sometimes' && customers.size < minCustomers);
    if (!needed) continue;
    for (const tenant of aggregation.tenants) {
      const entry = byCustomer.get(tenant.customer_id) ?? { aggregations: new Set<string>(), premises: new Set<string>(), addresses: new Set<string>() };
      entry.aggregations.add(aggregation.aggregation_number);
      for (const p of tenant.premise_numbers) entry.premises.add(p);
      for (const a of tenant.addresses) entry.addresses.add(a);
      byCustomer.set(tenant.customer_id, entry);
    }
  }
  return [...byCustomer].sort(([a], [b]) => a.localeCompare(b)).map(([customer_id, e]) => ({
    customer_id,
    aggregation_numbers: [...e.aggregations].sort(),
    premise_numbers: [...e.premises].sort(),
    addresses: [...e.addresses].sort(),
  }));
}
