import type { AuthorizationDetail } from '../scopes';
import type { Store } from '../store';
import { Collection } from '../registration/collection';
import { isoAt, nextModified, type Clock } from '../registration/clock';
import { newId } from '../registration/ids';
import type { Cursor, Page } from '../registration/keyset';
import { grantAccess, scopeTokens } from './access';
import { grantRecordSchema, type GrantRecord, type GrantStatus } from './schema';

/** Statuses of a Grant the Server is still preparing (cds-wg1-02 §8.2, cds-wg3-01 §6, §4.11). */
const PREPARING: ReadonlySet<GrantStatus> = new Set(['pending', 'needs_sub_grants']);

export interface GrantFilters {
  grant_ids?: string[];
  parents?: string[];
  statuses?: GrantStatus[];
  client_ids?: string[];
  /** A `scope` token or an `authorization_details[].type` (§8.5). */
  scopes?: string[];
  states?: string[];
  receipt_confirmations?: string[];
  /** Inclusive bounds on `created`. */
  after?: string;
  before?: string;
}

export interface NewGrant {
  registration_id: string;
  client_id: string;
  origin: GrantRecord['origin'];
  subject?: string | null;
  scope: string;
  authorization_details?: AuthorizationDetail[];
  status?: GrantStatus;
  /** Defaults to the full `scope`/`authorization_details`. */
  enabled_scope?: string;
  enabled_authorization_details?: AuthorizationDetail[];
  states?: string[];
  receipt_confirmations?: string[];
  parent?: string | null;
  replacing?: string[];
  not_before?: string | null;
  not_after?: string | null;
  eta?: string | null;
  /** When the Grant was requested (ms), if not now: relative durations in its details were counted from it (cds-wg3-01 §7.3). */
  created?: number;
}

/** Key-order-independent JSON, to compare authorization_details entries. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Grants (§8): user authorizations, client_credentials grants and Server-created Grants. */
export class GrantRepository {
  readonly collection: Collection<GrantRecord>;

  constructor(store: Store, private readonly clock: Clock) {
    this.collection = new Collection(store, {
      kind: 'grant',
      schema: grantRecordSchema,
      id: (g) => g.grant_id,
      registration: (g) => g.registration_id,
      sortKey: (g) => g.modified,
      indexes: (g) => [`client:${g.client_id}`],
    });
  }

  /** A new Grant record (not yet stored; `create` stores it). */
  build(input: NewGrant): GrantRecord {
    const now = isoAt(input.created ?? this.clock());
    const authorizationDetails = input.authorization_details ?? [];
    const notAfter = input.not_after ?? null;
    return {
      grant_id: newId(),
      registration_id: input.registration_id,
      client_id: input.client_id,
      origin: input.origin,
      subject: input.subject ?? null,
      replacing: input.replacing ?? [],
      replaced_by: [],
      parent: input.parent ?? null,
      children: [],
      created: now,
      modified: now,
      not_before: input.not_before ?? null,
      not_after: notAfter,
      eta: input.eta ?? null,
      // A35: `expires` (when access is removed) equals the scheduled `not_after` when one is known.
      expires: notAfter,
      status: input.status ?? 'active',
      scope: input.scope,
      authorization_details: authorizationDetails,
      states: input.states ?? [],
      receipt_confirmations: input.receipt_confirmations ?? [],
      enabled_scope: input.enabled_scope ?? input.scope,
      enabled_authorization_details: input.enabled_authorization_details ?? authorizationDetails,
    };
  }

  create(input: NewGrant): Promise<GrantRecord> {
    return this.collection.put(this.build(input));
  }

  get(grantId: string): Promise<GrantRecord | null> {
    return this.collection.get(grantId);
  }

  async getOwned(registrationId: string, grantId: string): Promise<GrantRecord | null> {
    const grant = await this.collection.get(grantId);
    return grant?.registration_id === registrationId ? grant : null;
  }

  /** Stores a changed Grant; `modified` advances. */
  update(previous: GrantRecord, changes: Partial<Omit<GrantRecord, 'grant_id' | 'registration_id' | 'created' | 'modified'>>): Promise<GrantRecord> {
    const next: GrantRecord = { ...previous, ...changes, modified: nextModified(this.clock, previous.modified) };
    return this.collection.put(next, previous);
  }

  ofClient(registrationId: string, clientId: string): Promise<GrantRecord[]> {
    return this.collection.all(registrationId, `client:${clientId}`);
  }

  /**
   * For the token endpoint (A31): the Grant behind a client_credentials issuance. An existing Grant
   * of this Client with the same scope and authorization_details that still gives access is reused
   * (its `modified` advances); otherwise a new active Grant is created. A Grant still being prepared
   * (`pending`, `needs_sub_grants`) is reused for the same request (`detailsAt` its `created`), so
   * repeating it while the Server works does not start the work (and its sub-Grants) again.
   */
  async upsertClientCredentialsGrant(input: {
    registration_id: string; client_id: string; scope: string; authorization_details: AuthorizationDetail[];
    at?: number;
    detailsAt?: (instant: Date) => AuthorizationDetail[];
  }): Promise<GrantRecord> {
    const { detailsAt, at, ...fields } = input;
    const wanted = canonicalJson(input.authorization_details);
    const now = this.clock();
    const sameAccess = (g: GrantRecord) => {
      const access = grantAccess(g, now);
      const held = canonicalJson(g.authorization_details);
      if (PREPARING.has(access.status)) return held === (detailsAt ? canonicalJson(detailsAt(new Date(g.created))) : wanted);
      return held === wanted && access.hasAccess;
    };
    const existing = (await this.ofClient(input.registration_id, input.client_id)).find((g) =>
      g.origin === 'client_credentials' && g.scope === input.scope && sameAccess(g));
    if (existing) return this.update(existing, {});
    return this.create({ ...fields, origin: 'client_credentials', created: at });
  }

  /** §8.5: newest `modified` first; filters intersect. Statuses are compared as of now. */
  list(registrationId: string, filters: GrantFilters, cursor: Cursor | null, limit: number): Promise<Page<GrantRecord>> {
    const set = <T>(values?: T[]) => (values ? new Set(values) : undefined);
    const ids = set(filters.grant_ids);
    const parents = set(filters.parents);
    const statuses = set(filters.statuses);
    const clients = set(filters.client_ids);
    const scopes = set(filters.scopes);
    const states = set(filters.states);
    const receipts = set(filters.receipt_confirmations);
    const after = filters.after ? Date.parse(filters.after) : undefined;
    const before = filters.before ? Date.parse(filters.before) : undefined;
    const now = this.clock();
    const index = filters.client_ids?.length === 1 ? `client:${filters.client_ids[0]}` : 'all';
    return this.collection.page(registrationId, index, cursor, limit, (g) =>
      (!ids || ids.has(g.grant_id))
      && (!parents || (g.parent !== null && parents.has(g.parent)))
      && (!statuses || statuses.has(grantAccess(g, now).status))
      && (!clients || clients.has(g.client_id))
      && (!scopes || scopeTokens(g.scope).some((s) => scopes.has(s)) || g.authorization_details.some((d) => scopes.has(d.type)))
      && (!states || g.states.some((s) => states.has(s)))
      && (!receipts || g.receipt_confirmations.some((r) => receipts.has(r)))
      && (after === undefined || Date.parse(g.created) >= after)
      && (before === undefined || Date.parse(g.created) <= before));
  }
}
