import { echoed, resolveDurations, validateAuthorizationDetails } from '../../authorization-details';
import type { ClientRepository } from '../../clients';
import type { GrantRecord, GrantRepository } from '../../grants';
import { scopeTokens } from '../../grants';
import { nextModified } from '../../registration/clock';
import type { AuthorizationDetail, ScopeDescription, ScopeRegistry } from '../../scopes';
import { consentPlan, type AggregationFacts, type TenantConsent } from './consentPlan';
import { parentAccess } from './subGrants';

/**
 * cds-wg3-01 §4.11 (and §4.12): a usage Grant over aggregations starts `pending`; once evaluated it
 * becomes `active`, or `needs_sub_grants` with one `cds_aggregation_consent` sub-Grant per tenant
 * customer whose consent the aggregation needs.
 */

export const USAGE_QUERY_TYPE = 'cds_query_usage';
export const AGGREGATION_CONSENT_TYPE = 'cds_aggregation_consent';

/** The graph's answer about aggregations, by `aggregation_number` (unknown numbers are absent). */
export interface AggregationFactsSource {
  byNumbers(numbers: string[]): Promise<AggregationFacts[]>;
}

export interface WholeBuildingDeps {
  grants: GrantRepository;
  clients: ClientRepository;
  scopes: ScopeRegistry;
  facts: AggregationFactsSource;
  /** Fewest distinct customers an aggregation with `sometimes` consent must group to be released as is. */
  minCustomers: number;
  clock: () => number;
  timezone: string;
}

/** The Scope Descriptions of the Grant's scope, with the authorization details entry of each. */
function entriesOf(grant: GrantRecord, scopes: ScopeRegistry) {
  return scopeTokens(grant.scope).flatMap((id) => {
    const sd = scopes.get(id);
    if (!sd) return [];
    const entry = grant.authorization_details.find((e) => sd.authorization_details_types_supported.includes(e.type));
    return [{ sd, entry: entry as Record<string, unknown> | undefined }];
  });
}

/** The aggregation numbers a Grant's usage query scopes name (§4.11: populated, else rejected at the token endpoint). */
export function requestedAggregations(grant: GrantRecord, scopes: ScopeRegistry): string[] {
  const numbers = entriesOf(grant, scopes)
    .filter(({ sd, entry }) => sd.type === USAGE_QUERY_TYPE && Array.isArray(entry?.aggregation_numbers))
    .flatMap(({ entry }) => (entry!.aggregation_numbers as unknown[]).filter((n): n is string => typeof n === 'string'));
  return [...new Set(numbers)];
}

/**
 * The registration's Client that holds the Aggregation Inclusion scope, and that scope (§4.11
 * `client_id`). A production Client is preferred: tenants are real customers, and a sandbox
 * Client is authorized only by the sandbox's test customers.
 */
async function consentClient(deps: WholeBuildingDeps, registrationId: string): Promise<{ client_id: string; sd: ScopeDescription } | null> {
  const candidates = (await deps.clients.ofRegistration(registrationId)).filter((c) => c.cds_status !== 'disabled')
    .sort((a, b) => Number(b.cds_status === 'production') - Number(a.cds_status === 'production'));
  for (const client of candidates) {
    const sd = scopeTokens(client.scope).map((id) => deps.scopes.get(id)).find((d) => d?.type === AGGREGATION_CONSENT_TYPE);
    if (sd) return { client_id: client.client_id, sd };
  }
  return null;
}

/**
 * The sub-Grant's authorization details, built by the same engine an authorization request goes
 * through, so defaults (`expires`, `error_if_no_preselections` …) are the published ones; plus the
 * tenant's `addresses`, which §4.11 allows on these Server-made Grants.
 */
function consentDetails(sd: ScopeDescription, tenant: TenantConsent, now: Date, timezone: string): AuthorizationDetail[] {
  const type = sd.authorization_details_types_supported[0];
  const result = validateAuthorizationDetails({
    scope: sd.id,
    authorizationDetails: [{ type, aggregation_numbers: tenant.aggregation_numbers, premise_numbers: tenant.premise_numbers }],
    flow: 'authorization_code',
    scopeDescriptions: [sd],
    timezone,
    now,
  });
  if (!result.ok) throw new Error(`cannot build the ${sd.id} sub-Grant: ${result.error_description}`);
  const [entry] = echoed(resolveDurations(result.entries, { now, timezone })) as AuthorizationDetail[];
  // §4.11 MAY: the tenant's addresses tell the Client whom to ask (a building's units share its premise).
  return [tenant.addresses.length > 0 ? { ...entry, addresses: tenant.addresses } : entry];
}

/**
 * Evaluates a pending usage Grant and stores the outcome: the parent and its new sub-Grants are
 * written in one atomic batch, so a crash never leaves sub-Grants the parent does not list.
 */
export async function evaluateWholeBuilding(deps: WholeBuildingDeps, grant: GrantRecord): Promise<GrantRecord> {
  const facts = await deps.facts.byNumbers(requestedAggregations(grant, deps.scopes));
  const plan = consentPlan(facts, deps.minCustomers);
  if (plan.length === 0) return deps.grants.update(grant, parentAccess(grant, 'active'));
  const consent = await consentClient(deps, grant.registration_id);
  if (!consent) {
    // Nobody in this registration can ask the tenants: the Server cannot release the data (§8.2 `disabled`).
    return deps.grants.update(grant, { status: 'disabled', enabled_scope: '', enabled_authorization_details: [], eta: null });
  }
  const now = new Date(deps.clock());
  const children = plan.map((tenant) => deps.grants.build({
    registration_id: grant.registration_id,
    client_id: consent.client_id,
    origin: 'server',
    subject: tenant.customer_id,
    parent: grant.grant_id,
    status: 'needs_authorization',
    scope: consent.sd.id,
    authorization_details: consentDetails(consent.sd, tenant, now, deps.timezone),
    enabled_scope: '',
    enabled_authorization_details: [],
  }));
  const parent: GrantRecord = {
    ...grant,
    ...parentAccess(grant, 'needs_sub_grants'),
    children: [...grant.children, ...children.map((c) => c.grant_id)],
    modified: nextModified(deps.clock, grant.modified),
  };
  const collection = deps.grants.collection;
  await collection.store.atomically([...children.flatMap((c) => collection.writeOps(c)), ...collection.writeOps(parent, grant)]);
  return parent;
}
