import type { ClientRepository } from '../clients/repository';
import type { Store, StoreOp } from '../store';
import { Collection } from '../registration/collection';
import { isoAt, type Clock } from '../registration/clock';
import { newId } from '../registration/ids';
import type { Cursor, Page } from '../registration/keyset';
import { credentialRecordSchema, type CredentialRecord } from './schema';
import { newClientSecret, secretDigest, secretMatches } from './secret';

export interface CredentialFilters {
  credential_ids?: string[];
  client_ids?: string[];
  /** Inclusive bounds on `created` (ISO datetimes). */
  after?: string;
  before?: string;
}

/** How long an undelivered secret waits for its one showing before only the mask remains. */
const REVEAL_TTL_SECONDS = 30 * 24 * 3600;

/** §7.1: a Credential works until its expiry; 0 means it never expires. */
export function credentialIsActive(credential: CredentialRecord, nowSeconds: number): boolean {
  return credential.client_secret_expires_at === 0 || nowSeconds < credential.client_secret_expires_at;
}

/**
 * Credentials (§7). A secret exists in clear only until it is shown once: in the response that
 * created it, or (for Credentials created for the other Clients of a registration) on the first
 * Credentials API read. After that only its SHA-256 digest remains.
 */
export class CredentialRepository {
  readonly collection: Collection<CredentialRecord>;

  constructor(private readonly store: Store, private readonly clock: Clock, private readonly clients: ClientRepository) {
    this.collection = new Collection(store, {
      kind: 'credential',
      schema: credentialRecordSchema,
      id: (c) => c.credential_id,
      registration: (c) => c.registration_id,
      sortKey: (c) => c.modified,
      indexes: (c) => [`client:${c.client_id}`],
    });
  }

  private revealKey(credentialId: string) {
    return `wg1:credential:${credentialId}:reveal`;
  }

  /**
   * A new `client_secret` Credential for a Client. Returns the record, the secret in clear, and the
   * store batch that saves it (so registration can write everything in one atomic step).
   * `deferReveal`: keep the secret for one later Credentials API read instead of this response.
   */
  prepare(input: { registrationId: string; clientId: string; expiresAt?: number; deferReveal?: boolean }): {
    record: CredentialRecord; secret: string; ops: StoreOp[];
  } {
    const secret = newClientSecret();
    const now = isoAt(this.clock());
    const record: CredentialRecord = {
      credential_id: newId(),
      registration_id: input.registrationId,
      client_id: input.clientId,
      created: now,
      modified: now,
      type: 'client_secret',
      secret_sha256: secretDigest(secret),
      secret_hint: secret.slice(-4),
      client_secret_expires_at: input.expiresAt ?? 0,
    };
    const ops = this.collection.writeOps(record);
    if (input.deferReveal) ops.push({ op: 'set', key: this.revealKey(record.credential_id), value: secret, ttlSeconds: REVEAL_TTL_SECONDS });
    return { record, secret, ops };
  }

  get(credentialId: string): Promise<CredentialRecord | null> {
    return this.collection.get(credentialId);
  }

  async getOwned(registrationId: string, credentialId: string): Promise<CredentialRecord | null> {
    const credential = await this.collection.get(credentialId);
    return credential?.registration_id === registrationId ? credential : null;
  }

  ofClient(registrationId: string, clientId: string): Promise<CredentialRecord[]> {
    return this.collection.all(registrationId, `client:${clientId}`);
  }

  put(record: CredentialRecord, previous: CredentialRecord): Promise<CredentialRecord> {
    return this.collection.put(record, previous);
  }

  /** The secret in clear if it has not been shown yet; taking it means it is never shown again. */
  takeUndeliveredSecret(credentialId: string): Promise<string | null> {
    return this.store.take(this.revealKey(credentialId));
  }

  /**
   * For the token endpoint: the active Credential of `clientId` whose secret this is, or null.
   * The comparison is constant-time per Credential.
   */
  async verifyClientSecret(clientId: string, secret: string): Promise<CredentialRecord | null> {
    const client = await this.clients.get(clientId);
    if (!client) return null;
    const nowSeconds = Math.floor(this.clock() / 1000);
    let found: CredentialRecord | null = null;
    for (const credential of await this.ofClient(client.registration_id, clientId)) {
      if (secretMatches(secret, credential.secret_sha256) && credentialIsActive(credential, nowSeconds)) found = credential;
    }
    return found;
  }

  /** §7.3: newest `modified` first; filters intersect; `after`/`before` are inclusive on `created`. */
  list(registrationId: string, filters: CredentialFilters, cursor: Cursor | null, limit: number): Promise<Page<CredentialRecord>> {
    const ids = filters.credential_ids && new Set(filters.credential_ids);
    const clients = filters.client_ids && new Set(filters.client_ids);
    const after = filters.after ? Date.parse(filters.after) : undefined;
    const before = filters.before ? Date.parse(filters.before) : undefined;
    const index = filters.client_ids?.length === 1 ? `client:${filters.client_ids[0]}` : 'all';
    return this.collection.page(registrationId, index, cursor, limit, (c) =>
      (!ids || ids.has(c.credential_id))
      && (!clients || clients.has(c.client_id))
      && (after === undefined || Date.parse(c.created) >= after)
      && (before === undefined || Date.parse(c.created) <= before));
  }
}
