import type { Logger } from '../../lib/logger';
import {
  entryVisibility, isPreselection, type CustomerGraph, type ResolvedAuthorizationDetailsEntry, type SelectionRecord,
} from '../authorization-details';
import { grantAccess, type GrantRecord, type GrantRepository } from '../grants';
import type { ExecuteOptions } from '../graph';
import { LIMITED_ACCESS_STATUSES } from '../oauth';
import type { ScopeRegistry } from '../scopes';
import { customerDataScopeType } from '../scopes/customer-data';
import { getJson, setJson, type Store } from '../store';
import {
  CUSTOMER_DATA_APIS, emptyParts, type Access, type ApiParts, type GrantParts, type GrantStanding, type PublicJwk,
} from './access';
import { enabledEntries } from './entries';
import { SEED_FILTERS, type GrantGraphSource, type Preselections, type SeedField } from './graphSource';
import type { ResolvedAddresses } from './pending/addressResolution';
import { parentStatusFrom } from './pending/subGrants';
import { partsFromVisibility, placeholderParts, unrestrictedParts } from './parts';
import { unionAccess } from './union';
import { addUsageReferences } from './usageReferences';

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
  /** The preselections the direct entries populate (addresses: as resolved), for one graph read around them. */
  async function preselectionsOf(grant: GrantRecord, entries: ResolvedAuthorizationDetailsEntry[]): Promise<Preselections> {
    const values: Preselections['values'] = {};
    const add = (field: SeedField, more: unknown[]) => {
      values[field] = [...new Set([...(values[field] ?? []), ...more.filter((x): x is string => typeof x === 'string')])];
    };
    if (entries.some((e) => Array.isArray(e.values.addresses))) add('aggregation_numbers', (await deps.resolvedAddresses.get(grant.grant_id)) ?? []);
    let members = false;
    for (const entry of entries) {
      for (const field of Object.keys(SEED_FILTERS) as SeedField[]) {
        const value = entry.values[field];
        if (Array.isArray(value)) add(field, value);
      }
      if (customerDataScopeType(entry.scope_type)?.primary === 'aggregation' && MEMBER_INCLUDES.some((f) => entry.values[f] === true)) members = true;
    }
    return { values, aggregation_members: members };
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
      filtered.length > 0 ? deps.source.preselected(await preselectionsOf(grant, filtered), options) : null,
    ]);
    // Relationships are read as of after the graph read: an install the graph reports as ended has ended by then.
    const now = new Date(deps.clock());
    const parts = emptyParts();
    const readSections = (contracts: string[], bounds: { after: string | null; before: string | null }) => deps.source.billSections(contracts, bounds, options);
    const visible = async (entry: ResolvedAuthorizationDetailsEntry, graph: CustomerGraph, selection: SelectionRecord | null) => {
      const v = entryVisibility(entry, graph, selection, { now, timezone: deps.timezone });
      const entryParts = partsFromVisibility(grant.grant_id, entry, v, graph, deps.timezone);
      await addUsageReferences(entryParts, v, graph, deps.timezone, readSections);
      merge(parts, entryParts);
    };
    for (const entry of consent) {
      if (!record || !customerGraph) continue;
      const selection = record.sections.find((s) => s.scopes.includes(entry.scope))?.selection ?? null;
      // A scope that makes objects available needs the Customer's choice; without one it shows nothing.
      if (!selection && customerDataScopeType(entry.scope_type)?.primary !== null) continue;
      await visible(entry, customerGraph, selection);
    }
    for (const entry of filtered) await visible(entry, preselectedGraph!, null);
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

  /** A limited Grant's placeholders: every API its whole scope reaches, empty (./parts.ts placeholderParts). */
  function placeholders(grant: GrantRecord): CachedParts {
    const entries = enabledEntries({ ...grant, enabled_scope: grant.scope, enabled_authorization_details: grant.authorization_details }, deps.scopes, deps.timezone);
    const parts = emptyParts();
    for (const entry of entries) merge(parts, placeholderParts(grant.grant_id, entry));
    return { ...parts, jwk: jwkOf(entries) };
  }

  async function forGrant(grantId: string, options?: ExecuteOptions): Promise<GrantParts> {
    const grant = await deps.grants.get(grantId);
    const nowMs = deps.clock();
    const standingAs = (status: string): GrantStanding => ({ grant_id: grantId, status, complete: !LIMITED_ACCESS_STATUSES.has(status) });
    if (!grant) return { ...emptyParts(), standing: standingAs('unknown'), jwk: null };
    const access = grantAccess(grant, nowMs);
    const standing = standingAs(access.status);
    // §8.2: no-access statuses give nothing; a limited one (`pending` …) what is enabled so far,
    // and empty places for the rest of its scope.
    if (!access.hasAccess && standing.complete) return { ...emptyParts(), standing, jwk: null };
    // §4.11: a parent's data stops the moment a sub-Grant's consent lapses, before the worker catches up.
    if (grant.children.length > 0 && parentStatusFrom(await deps.grants.collection.getMany(grant.children), nowMs) !== 'active') {
      return { ...placeholders(grant), standing: standingAs('needs_sub_grants') };
    }
    const enabled = access.hasAccess ? await cached(grant, options) : null;
    if (standing.complete) return { ...enabled!, standing };
    const parts = placeholders(grant);
    if (enabled) {
      merge(parts, enabled);
      parts.jwk = enabled.jwk ?? parts.jwk;
    }
    return { ...parts, standing };
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
