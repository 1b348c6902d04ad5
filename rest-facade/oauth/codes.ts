import { getJson, type Store } from '../store';
import { opaqueValue, storageId } from './opaque';
import { redeemOnce, type Redemption, type UsedMarker, type AuthorizationDetail } from './tokens';

/** RFC 6749 §4.1.2 recommends at most ten minutes; a minute is plenty for a redirect and a POST. */
export const CODE_LIFETIME_SECONDS = 60;
/** How long a redeemed code is remembered, so that a replay can revoke what it issued (RFC 6749 §4.1.2). */
const USED_MEMORY_SECONDS = 24 * 3600;

/** Everything an authorization code is bound to (RFC 6749 §4.1.3, RFC 7636 §4.4). */
export interface AuthorizationCodeRecord {
  client_id: string;
  redirect_uri: string;
  /** Whether the authorization request named the redirect_uri; if so the token request must repeat it. */
  redirect_uri_given: boolean;
  code_challenge: string | null;
  scope: string[];
  authorization_details: AuthorizationDetail[];
  grant_ids: string[];
  /** Epoch seconds. */
  exp: number;
}

const keys = {
  live: (code: string) => `oauth:code:${storageId(code)}`,
  used: (code: string) => `oauth:code-used:${storageId(code)}`,
};

export class CodeStore {
  constructor(private readonly store: Store) {}

  async issue(record: AuthorizationCodeRecord): Promise<string> {
    const code = opaqueValue();
    // The store keeps it a little past `exp` so an expired code reads as expired, not unknown.
    await this.store.set(keys.live(code), JSON.stringify(record), { ttlSeconds: CODE_LIFETIME_SECONDS * 2 });
    return code;
  }

  get(code: string) {
    return getJson<AuthorizationCodeRecord>(this.store, keys.live(code));
  }

  used(code: string) {
    return getJson<UsedMarker>(this.store, keys.used(code));
  }

  /** Exactly one redemption wins; the marker names the family the winner is about to create. */
  redeem(code: string, fid: string): Promise<Redemption> {
    return redeemOnce(this.store, { live: keys.live(code), used: keys.used(code), marker: { fid }, ttlSeconds: USED_MEMORY_SECONDS });
  }
}
