import { getJson, type Store, type StoreOp } from '../store';
import { storageId } from './opaque';

/** An RFC 9396 authorization details entry: a `type` plus type-specific members. */
export type AuthorizationDetail = { type: string } & Record<string, unknown>;

/**
 * One issuance and everything derived from it: a client_credentials request, or one authorization
 * code and the refresh tokens rotated from it. Revoking the family kills every access and refresh
 * token it ever produced (code replay, refresh-token replay, RFC 7009 refresh revocation).
 */
export interface TokenFamily {
  fid: string;
  client_id: string;
  /** The Credential the Client authenticated with; null for public (`none`) Clients. */
  credential_id: string | null;
  /** Every Grant the tokens depend on; all must give access for a token to work. */
  grant_ids: string[];
  /** A Grant Admin issuance (§3.3.2): the other Client's Grant whose access the tokens exercise. */
  target_grant_id: string | null;
  scope: string;
  authorization_details: AuthorizationDetail[];
  /** Epoch seconds; the family (and so its refresh tokens) ends then. */
  exp: number;
}

/** What the server remembers about one access token (the JWT itself is never stored). */
export interface AccessTokenRecord extends Omit<TokenFamily, 'exp'> {
  jti: string;
  iat: number;
  /** Epoch seconds: the JWT's `exp` (the family's `exp` bounds its refresh tokens). */
  exp: number;
}

export interface RefreshTokenRecord {
  fid: string;
  client_id: string;
  exp: number;
}

const keys = {
  family: (fid: string) => `oauth:family:${fid}`,
  access: (jti: string) => `oauth:at:${jti}`,
  refresh: (token: string) => `oauth:rt:${storageId(token)}`,
  refreshUsed: (token: string) => `oauth:rt-used:${storageId(token)}`,
};

const ttl = (exp: number, now: number) => Math.max(1, exp - now);

/** What a revoked family's key holds until it would have expired anyway. */
interface Tombstone {
  revoked: true;
}

export class TokenStore {
  constructor(
    private readonly store: Store,
    private readonly nowSeconds: () => number,
    /** The longest a family can live: how long a revocation must be remembered. */
    private readonly maxFamilySeconds: number,
  ) {}

  /**
   * Starts a family with its first access token (and refresh token). The family key is claimed
   * with set-if-absent, so a family revoked before it was written (a code replay racing the first
   * redemption) can never come to life; that case returns false and issues nothing.
   */
  async issue(family: TokenFamily, access: AccessTokenRecord, refresh?: { token: string; record: RefreshTokenRecord }): Promise<boolean> {
    const now = this.nowSeconds();
    const claimed = await this.store.set(keys.family(family.fid), JSON.stringify(family), { onlyIfAbsent: true, ttlSeconds: ttl(family.exp, now) });
    if (!claimed) return false;
    const ops: StoreOp[] = [
      { op: 'set', key: keys.access(access.jti), value: JSON.stringify(access), ttlSeconds: ttl(access.exp, now) },
    ];
    if (refresh) {
      ops.push({ op: 'set', key: keys.refresh(refresh.token), value: JSON.stringify(refresh.record), ttlSeconds: ttl(refresh.record.exp, now) });
    }
    await this.store.atomically(ops);
    return true;
  }

  /** Adds a rotated refresh token and its access token to an existing family. */
  async rotate(access: AccessTokenRecord, refresh: { token: string; record: RefreshTokenRecord }) {
    const now = this.nowSeconds();
    await this.store.atomically([
      { op: 'set', key: keys.access(access.jti), value: JSON.stringify(access), ttlSeconds: ttl(access.exp, now) },
      { op: 'set', key: keys.refresh(refresh.token), value: JSON.stringify(refresh.record), ttlSeconds: ttl(refresh.record.exp, now) },
    ]);
  }

  /** A live family; null once revoked or expired. */
  async getFamily(fid: string): Promise<TokenFamily | null> {
    const family = await getJson<TokenFamily | Tombstone>(this.store, keys.family(fid));
    return family && !('revoked' in family) ? family : null;
  }

  /** The access token's record, only while both it and its family are alive. */
  async getAccess(jti: string): Promise<AccessTokenRecord | null> {
    const record = await getJson<AccessTokenRecord>(this.store, keys.access(jti));
    if (!record) return null;
    return (await this.getFamily(record.fid)) ? record : null;
  }

  async revokeAccess(jti: string) {
    await this.store.del(keys.access(jti));
  }

  /** Ends the family: every access and refresh token issued from it stops working at once. */
  async revokeFamily(fid: string) {
    const tombstone: Tombstone = { revoked: true };
    await this.store.set(keys.family(fid), JSON.stringify(tombstone), { ttlSeconds: this.maxFamilySeconds });
  }

  /** A live refresh token's record (its family alive too), without consuming it. */
  async getRefresh(token: string): Promise<RefreshTokenRecord | null> {
    const record = await getJson<RefreshTokenRecord>(this.store, keys.refresh(token));
    if (!record) return null;
    return (await this.getFamily(record.fid)) ? record : null;
  }

  /**
   * Consumes a refresh token exactly once. Returns 'redeemed' to the one caller that won;
   * 'replayed' (with the family it belonged to) when it was already used, so the caller can end
   * the family (RFC 9700 §4.14.2); 'unknown' otherwise.
   */
  async redeemRefresh(token: string, record: RefreshTokenRecord, usedUntil: number): Promise<Redemption> {
    return redeemOnce(this.store, {
      live: keys.refresh(token),
      used: keys.refreshUsed(token),
      marker: { fid: record.fid },
      ttlSeconds: ttl(usedUntil, this.nowSeconds()),
    });
  }

  /** Whether a refresh token was rotated away earlier, and from which family. */
  async replayedRefresh(token: string): Promise<UsedMarker | null> {
    return getJson<UsedMarker>(this.store, keys.refreshUsed(token));
  }
}

export interface UsedMarker {
  fid: string;
}

export type Redemption = { outcome: 'redeemed' } | { outcome: 'replayed'; marker: UsedMarker };

/**
 * One-time redemption shared by codes and refresh tokens: the "used" marker is written with
 * set-if-absent before the live key is deleted, so of any number of concurrent attempts exactly one
 * wins, and every loser learns which family to revoke.
 */
export async function redeemOnce(store: Store, args: {
  live: string;
  used: string;
  marker: UsedMarker;
  ttlSeconds: number;
}): Promise<Redemption> {
  const won = await store.set(args.used, JSON.stringify(args.marker), { onlyIfAbsent: true, ttlSeconds: args.ttlSeconds });
  if (!won) {
    const marker = await getJson<UsedMarker>(store, args.used);
    return { outcome: 'replayed', marker: marker ?? args.marker };
  }
  await store.del(args.live);
  return { outcome: 'redeemed' };
}
