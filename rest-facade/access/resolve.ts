import type { Logger } from '../../lib/logger';
import {
  entryVisibility, isPreselection, type CustomerGraph, type ResolvedAuthorizationDetailsEntry, type SelectionRecord,
} from '../authorization-details';
import { grantAccess, type GrantRecord, type GrantRepository } from '../grants';
import type { ExecuteOptions } from '../graph';
import type { ScopeRegistry } from '../scopes';
import { customerDataScopeType } from '../scopes/customer-data';
import { getJson, setJson, type Store } from '../store';
import {
  CUSTOMER_DATA_APIS, emptyParts, type Access, type ApiParts, type GrantParts, type GrantStanding, type PublicJwk,
} from './access';
import { enabledEntries } from './entries';
import type { GrantGraphSource, PreselectedNumbers } from './graphSource';
import type { ResolvedAddresses } from './pending/addressResolution';
import { parentStatusFrom } from './pending/subGrants';
import { partsFromVisibility, unrestrictedParts } from './parts';
import { unionAccess } from './union';

/**
 * The access resolver (DESIGN.md "Grant scoping happens in the facade"): from a token's Grants to
 * what each Customer Data API may serve. Per Grant, one read of the graph it is about (the
 * Customer's objects, or the objects its preselections name), then the pure visibility rules of
 * the authorization-details engine, re-derived from the recorded selection on every uncached
 * resolution so access follows the data (meter swaps, move-outs). Results are cached per Grant
 * under its `modified`, so any change to the Grant (status, enabled access) is a new key.
 */

/** The Customer's choice recorded beside a consent Grant (the consent pages write it). */
export interface RecordedSelections {
  get(grantId: string): Promise<{ customer_id: string; sections: { scopes: string[]; selection: SelectionRecord }[] } | null>;
}

export interface ResolverDeps {
  grants: GrantRepository;
  scopes: ScopeRegistry;
  selections: RecordedSelections;
  /** The aggregations a direct Grant's `addresses` were resolved to while it was pending (§4.11). */
  resolvedAddresses: Pick<ResolvedAddresses, 'get'>;
  source: GrantGraphSource;
  store: Store;
  log: Logger;
  clock: () => number;
  timezone: string;
  /** Seconds a Grant's resolved parts are reused; 0 disables the cache. */
  cacheTtlSeconds: number;
}

export interface AccessResolver {
  /** The access of a token (its `accessGrants`) or of Grants by id; unknown or inactive Grants give nothing. */
  resolve(grants: { grantIds: string[] } | { accessGrants: readonly { grant_id: string }[] }, options?: ExecuteOptions): Promise<Access>;
  /** Drops the cached resolution of a Grant (e.g. after its data changed). */
  invalidate(grantId: string): Promise<void>;
}

type CachedParts = ApiParts & { jwk: PublicJwk | null };

const cacheKey = (grant: GrantRecord) => `access:grant:${grant.grant_id}:${grant.modified}`;

const NUMBER_FIELDS = ['account_numbers', 'contract_numbers', 'servicepoint_numbers', 'meter_numbers', 'aggregation_numbers'] as const;
const MEMBER_INCLUDES = ['include_accounts', 'include_service_contracts', 'include_service_points', 'include_meter_devices'];

function hasPreselection(entry: ResolvedAuthorizationDetailsEntry): boolean {
  return Object.entries(entry.values).some(([id, value]) => isPreselection(id) && Array.isArray(value));
}

function merge(into: ApiParts, more: ApiParts): void {
  for (const api of CUSTOMER_DATA_APIS) (into[api] as unknown[]).push(...more[api]);
}

function jwkOf(entries: ResolvedAuthorizationDetailsEntry[]): PublicJwk | null {
  const key = entries.map((e) => e.values.jwk).find((k) => k !== null && k !== undefined && typeof k === 'object');
  return (key as PublicJwk | undefined) ?? null;
}

export function createAccessResolver(deps: ResolverDeps): AccessResolver {
  /** The numbers the direct entries name (addresses: as resolved), for one graph read around them. */
  async function numbersOf(grant: GrantRecord, entries: ResolvedAuthorizationDetailsEntry[]): Promise<PreselectedNumbers> {
    const numbers: PreselectedNumbers = {};
    if (entries.some((e) => Array.isArray(e.values.addresses))) {
      numbers.aggregation_numbers = (await deps.resolvedAddresses.get(grant.grant_id)) ?? [];
    }
    for (const entry of entries) {
      for (const field of NUMBER_FIELDS) {
        const value = entry.values[field];
        if (Array.isArray(value)) numbers[field] = [...new Set([...(numbers[field] ?? []), ...value.filter((x): x is string => typeof x === 'string')])];
      }
      if (customerDataScopeType(entry.scope_type)?.primary === 'aggregation' && MEMBER_INCLUDES.some((f) => entry.values[f] === true)) {
        numbers.aggregation_members = true;
      }
    }
    return numbers;
  }

  async function compute(grant: GrantRecord, options?: ExecuteOptions): Promise<CachedParts> {
    const entries = enabledEntries(grant, deps.scopes, deps.timezone);
    const consent = entries.filter((e) => e.consent);
    const filtered = entries.filter((e) => !e.consent && hasPreselection(e));
    const open = entries.filter((e) => !e.consent && !hasPreselection(e));
    const record = consent.length > 0 ? await deps.selections.get(grant.grant_id) : null;
    if (consent.length > 0 && !record) deps.log.warn({ grant_id: grant.grant_id }, 'consent grant without a recorded selection: it shows nothing');
    const [customerGraph, preselectedGraph] = await Promise.all([
      record ? deps.source.customer(record.customer_id, options) : null,
      filtered.length > 0 ? deps.source.preselected(await numbersOf(grant, filtered), options) : null,
    ]);
    // Relationships are read as of after the graph read: an install the graph reports as ended has ended by then.
    const now = new Date(deps.clock());
    const parts = emptyParts();
    const visible = (entry: ResolvedAuthorizationDetailsEntry, graph: CustomerGraph, selection: SelectionRecord | null) =>
      merge(parts, partsFromVisibility(grant.grant_id, entry, entryVisibility(entry, graph, selection, { now, timezone: deps.timezone }), graph, deps.timezone));
    for (const entry of consent) {
      if (!record || !customerGraph) continue;
      const selection = record.sections.find((s) => s.scopes.includes(entry.scope))?.selection ?? null;
      // A scope that makes objects available needs the Customer's choice; without one it shows nothing.
      if (!selection && customerDataScopeType(entry.scope_type)?.primary !== null) continue;
      visible(entry, customerGraph, selection);
    }
    for (const entry of filtered) visible(entry, preselectedGraph!, null);
    for (const entry of open) merge(parts, unrestrictedParts(grant.grant_id, entry));
    return { ...parts, jwk: jwkOf(entries) };
  }

  async function cached(grant: GrantRecord, options?: ExecuteOptions): Promise<CachedParts> {
    if (deps.cacheTtlSeconds > 0) {
      const hit = await getJson<CachedParts>(deps.store, cacheKey(grant));
      if (hit && CUSTOMER_DATA_APIS.every((api) => Array.isArray(hit[api]))) return hit;
    }
    const parts = await compute(grant, options);
    if (deps.cacheTtlSeconds > 0) await setJson(deps.store, cacheKey(grant), parts, { ttlSeconds: deps.cacheTtlSeconds });
    return parts;
  }

  async function forGrant(grantId: string, options?: ExecuteOptions): Promise<GrantParts> {
    const grant = await deps.grants.get(grantId);
    const nowMs = deps.clock();
    const none = (standing: GrantStanding): GrantParts => ({ ...emptyParts(), standing, jwk: null });
    if (!grant) return none({ grant_id: grantId, status: 'unknown', complete: true });
    const access = grantAccess(grant, nowMs);
    const standing: GrantStanding = { grant_id: grantId, status: access.status, complete: access.status !== 'pending' };
    // §8.2: no-access statuses give nothing; `pending` gives what is enabled so far.
    if (!access.hasAccess) return none(standing);
    // §4.11: a parent's data stops the moment a sub-Grant's consent lapses, before the worker catches up.
    if (grant.children.length > 0 && parentStatusFrom(await deps.grants.collection.getMany(grant.children), nowMs) !== 'active') {
      return none({ ...standing, status: 'needs_sub_grants' });
    }
    return { ...(await cached(grant, options)), standing };
  }

  return {
    async resolve(input, options) {
      const ids = 'grantIds' in input ? input.grantIds : input.accessGrants.map((g) => g.grant_id);
      return unionAccess(await Promise.all([...new Set(ids)].map((id) => forGrant(id, options))));
    },
    async invalidate(grantId) {
      const grant = await deps.grants.get(grantId);
      if (grant) await deps.store.del(cacheKey(grant));
    },
  };
}
