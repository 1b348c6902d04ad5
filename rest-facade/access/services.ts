import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { GrantSelections } from '../consent';
import type { GrantRecord } from '../grants';
import type { GraphClient } from '../graph';
import type { Wg1Repositories } from '../registration';
import type { ScopeRegistry } from '../scopes';
import type { Store } from '../store';
import { graphAggregationFacts, type AccountOwners } from './aggregationFacts';
import { graphGrantSource } from './graphSource';
import { ResolvedAddresses, resolveAddresses } from './pending/addressResolution';
import { admitGrant } from './pending/admission';
import { GrantWorkSchedule } from './pending/schedule';
import { createPendingGrantWorker, type PendingGrantWorker } from './pending/worker';
import { createAccessResolver, type AccessResolver } from './resolve';

/** What the access resolver reads from outside the facade. */
export interface AccessConnections {
  graph: GraphClient;
  /** The accounts of a customer (the consent pages' identity provider: the CIS profile's accounts). */
  accountsOf(customerId: string): Promise<string[]>;
  /** The customers holding accounts (§4.11 sub-Grants go to customers). */
  accountOwners: AccountOwners;
  /** Timings of the asynchronous Grants (tests shorten them). */
  timings?: { pendingEtaMs?: number; recheckMs?: number; retryMs?: number };
}

export interface AccessServices {
  resolver: AccessResolver;
  /** Hook for the token endpoint's Grant: a Grant needing preparation leaves as `pending` (§6, §4.11). */
  admit(grant: GrantRecord): Promise<GrantRecord>;
  /** The background step advancing pending Grants: `start(intervalMs)` once per process, `stop()` at shutdown. */
  worker: PendingGrantWorker;
}

export interface AccessDeps {
  store: Store;
  log: Logger;
  clock: () => number;
  config: Config;
  scopes: ScopeRegistry;
  repos: Wg1Repositories;
  connections: AccessConnections;
}

export function createAccessServices(deps: AccessDeps): AccessServices {
  const { config, connections, repos } = deps;
  const timings = connections.timings ?? {};
  const schedule = new GrantWorkSchedule(deps.store);
  const resolvedAddresses = new ResolvedAddresses(deps.store);
  const source = graphGrantSource({ graph: connections.graph, accountsOf: connections.accountsOf, clock: deps.clock });
  const resolver = createAccessResolver({
    grants: repos.grants, scopes: deps.scopes, selections: new GrantSelections(deps.store), resolvedAddresses, source, store: deps.store,
    log: deps.log, clock: deps.clock, timezone: config.CDS_TIMEZONE, cacheTtlSeconds: config.ACCESS_CACHE_TTL,
  });
  const worker = createPendingGrantWorker({
    grants: repos.grants, clients: repos.clients, scopes: deps.scopes,
    facts: graphAggregationFacts(connections.graph, connections.accountOwners),
    minCustomers: config.CDS_AGGREGATION_MIN_CUSTOMERS, clock: deps.clock, timezone: config.CDS_TIMEZONE,
    schedule, log: deps.log, recheckMs: timings.recheckMs ?? 5_000, retryMs: timings.retryMs ?? 30_000,
    lookupAddresses: (addresses) => resolveAddresses(connections.graph, addresses), resolvedAddresses,
  });
  const admission = { grants: repos.grants, scopes: deps.scopes, schedule, clock: deps.clock, etaMs: timings.pendingEtaMs ?? 10_000 };
  return { resolver, admit: (grant) => admitGrant(admission, grant), worker };
}
