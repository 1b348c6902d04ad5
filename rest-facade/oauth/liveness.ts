import type { Directory, OAuthClient, OAuthCredential, OAuthGrant } from './directory';

/** cds-wg1-02 §8.2: the statuses in which a Grant gives no access at all. */
export const NO_ACCESS_STATUSES = new Set(['future', 'disabled', 'suspended', 'revoked', 'closed', 'expired']);

/**
 * §8.2: statuses whose access is limited to what `enabled_*` hold, possibly nothing yet; a token
 * on such a Grant works and sees what is enabled (`pending`: "MUST still provide access as data
 * becomes available").
 */
export const LIMITED_ACCESS_STATUSES = new Set(['pending', 'needs_authorization', 'needs_sub_grants']);

/** Whether a Grant currently gives any access: status, schedule (`not_before`/`not_after`) and enabled access. */
export function grantGivesAccess(grant: OAuthGrant, nowMs: number): boolean {
  if (NO_ACCESS_STATUSES.has(grant.status)) return false;
  if (grant.not_before !== null && Date.parse(grant.not_before) > nowMs) return false;
  if (grant.not_after !== null && Date.parse(grant.not_after) <= nowMs) return false;
  return LIMITED_ACCESS_STATUSES.has(grant.status) || grant.enabled_scope !== '' || grant.enabled_authorization_details.length > 0;
}

/** §7.1: 0 never expires; otherwise the secret works strictly before `client_secret_expires_at`. */
export function credentialIsLive(credential: OAuthCredential, nowMs: number): boolean {
  return credential.client_secret_expires_at === 0 || credential.client_secret_expires_at * 1000 > nowMs;
}

export interface IssuanceRef {
  client_id: string;
  credential_id: string | null;
  grant_ids: string[];
}

export type Liveness =
  | { live: true; client: OAuthClient; credential: OAuthCredential | null; grants: OAuthGrant[] }
  | { live: false; reason: string };

/**
 * Everything a token stands on, read fresh on every use so that disabling a Client (§5.2), expiring
 * a Credential (§7.6) or closing/revoking a Grant (§8.2) takes effect on the very next request,
 * in every process.
 */
export async function checkLiveness(ref: IssuanceRef, directory: Directory, nowMs: number): Promise<Liveness> {
  const [client, credential, grants] = await Promise.all([
    directory.client(ref.client_id),
    ref.credential_id === null ? Promise.resolve(null) : directory.credential(ref.credential_id),
    directory.grants(ref.grant_ids),
  ]);
  if (!client || client.cds_status === 'disabled') return { live: false, reason: 'the client is disabled' };
  if (ref.credential_id !== null && (!credential || credential.client_id !== client.client_id || !credentialIsLive(credential, nowMs))) {
    return { live: false, reason: 'the credential the token was issued through has expired' };
  }
  const live: OAuthGrant[] = [];
  for (const grant of grants) {
    if (!grant || !grantGivesAccess(grant, nowMs)) return { live: false, reason: 'the grant no longer gives access' };
    live.push(grant);
  }
  return { live: true, client, credential, grants: live };
}
