import type { Logger } from '../../lib/logger';
import type { ClientRepository } from '../clients';
import type { GrantRecord, GrantRepository } from '../grants';
import type { GraphClient } from '../graph';
import type { ScopeRegistry } from '../scopes';
import type { Store } from '../store';
import { graphAggregationFacts, type AccountOwners } from './aggregationFacts';
import { graphGrantSource } from './graphSource';
import { admitGrant } from './pending/admission';
import { GrantWorkSchedule } from './pending/schedule';
import { createPendingGrantWorker, type PendingGrantWorker } from './pending/worker';
import { createAccessResolver, type AccessResolver, type RecordedSelections } from './resolve';

/** The settings of the access resolver and the asynchronous Grants (lib/config.ts, README). */
export interface AccessSettings {
  timezone: string;
  /** ACCESS_CACHE_TTL: seconds a Grant's resolution is reused (0 = never). */
  cacheTtlSeconds: number;
  /** CDS_AGGREGATION_MIN_CUSTOMERS: the anonymisation threshold of §4.11 (aggregations with `sometimes` consent). */
  aggregationMinCustomers: number;
  /** First `eta` of a pending Grant and the pause between looks at a parent's sub-Grants. */
  pendingEtaMs?: number;
  recheckMs?: number;
  retryMs?: number;
}

export interface AccessDeps {
  store: Store;
  log: Logger;
  clock: () => number;
  grants: GrantRepository;
  clients: ClientRepository;
  scopes: ScopeRegistry;
  graph: GraphClient;
  selections: RecordedSelections;
  /** The accounts of a customer (the consent pages' identity provider). */
  accountsOf(customerId: string): Promise<string[]>;
  /** The customers holding accounts (the sub-Grants of §4.11 go to customers). */
  accountOwners: AccountOwners;
  settings: AccessSettings;
}

export interface AccessServices {
  resolver: AccessResolver;
  /** Hook for the token endpoint's Grant: a Grant needing preparation leaves as `pending` (§6, §4.11). */
  admit(grant: GrantRecord): Promise<GrantRecord>;
  /** The background step advancing pending Grants; `start(intervalMs)` once per process. */
  worker: PendingGrantWorker;
}

export function createAccessServices(deps: AccessDeps): AccessServices {
  const { settings } = deps;
  const schedule = new GrantWorkSchedule(deps.store);
  const source = graphGrantSource({ graph: deps.graph, accountsOf: deps.accountsOf, clock: deps.clock });
  const resolver = createAccessResolver({
    grants: deps.grants, scopes: deps.scopes, selections: deps.selections, source, store: deps.store, log: deps.log,
    clock: deps.clock, timezone: settings.timezone, cacheTtlSeconds: settings.cacheTtlSeconds,
  });
  const worker = createPendingGrantWorker({
    grants: deps.grants, clients: deps.clients, scopes: deps.scopes, facts: graphAggregationFacts(deps.graph, deps.accountOwners),
    minCustomers: settings.aggregationMinCustomers, clock: deps.clock, timezone: settings.timezone,
    schedule, log: deps.log, recheckMs: settings.recheckMs ?? 5_000, retryMs: settings.retryMs ?? 30_000,
  });
  return {
    resolver,
    admit: (grant) => admitGrant({ grants: deps.grants, scopes: deps.scopes, schedule, clock: deps.clock, etaMs: settings.pendingEtaMs ?? 10_000 }, grant),
    worker,
  };
}
