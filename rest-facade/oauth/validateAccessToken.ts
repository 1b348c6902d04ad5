import { looksLikeJwt, verifyAccessToken } from './accessToken';
import { nowSeconds, type OAuthDeps } from './deps';
import type { OAuthClient, OAuthCredential, OAuthGrant } from './directory';
import { checkLiveness } from './liveness';
import { scopeTokens } from './params';
import type { AccessTokenRecord } from './tokens';

/** What a request authenticated by an access token may rely on (`req.auth`). */
export interface TokenAuth {
  clientId: string;
  /** The registration the Client belongs to: the boundary of everything the token may reach. */
  registrationId: string;
  /** The Credential the token was issued through; null for public Clients. */
  credentialId: string | null;
  /** The token's scope, as granted. */
  scope: string;
  scopes: string[];
  /** Every Grant the token depends on, freshly read and all giving access. */
  grants: OAuthGrant[];
  /**
   * The Grants whose enabled access (`enabled_scope`, `enabled_authorization_details`) the token
   * exercises: for a Grant Admin token (§3.3.2) the administered Grant, otherwise the token's own.
   */
  accessGrants: OAuthGrant[];
  /** Set for Grant Admin tokens: the administered Grant's id. */
  grantAdminOf: string | null;
  authorizationDetails: AccessTokenRecord['authorization_details'];
  client: OAuthClient;
  credential: OAuthCredential | null;
  jti: string;
  /** Epoch seconds. */
  exp: number;
  iat: number;
}

export type TokenValidation =
  | { ok: true; auth: TokenAuth; record: AccessTokenRecord }
  | { ok: false; reason: string };

/**
 * Signature, lifetime, revocation, then the live state of the Client, Credential and Grants behind
 * the token: the same answer in every process, at once, after any change (§7.6, §8.2).
 */
export async function validateAccessToken(deps: OAuthDeps, token: string): Promise<TokenValidation> {
  if (!looksLikeJwt(token)) return { ok: false, reason: 'the access token is malformed' };
  const verified = await verifyAccessToken(await deps.signingKey(), token, { issuer: deps.issuer, audience: deps.issuer, now: nowSeconds(deps) });
  if (!verified.ok) return { ok: false, reason: verified.reason === 'expired' ? 'the access token has expired' : 'the access token is invalid' };
  const record = await deps.tokens.getAccess(verified.claims.jti);
  if (!record || record.client_id !== verified.claims.client_id) return { ok: false, reason: 'the access token has been revoked' };
  const liveness = await checkLiveness(record, deps.directory, deps.clock());
  if (!liveness.live) return { ok: false, reason: liveness.reason };
  const { client, credential, grants } = liveness;
  const target = record.target_grant_id;
  return {
    ok: true,
    record,
    auth: {
      clientId: client.client_id,
      registrationId: client.registration_id,
      credentialId: record.credential_id,
      scope: record.scope,
      scopes: scopeTokens(record.scope),
      grants,
      accessGrants: target === null ? grants : grants.filter((g) => g.grant_id === target),
      grantAdminOf: target,
      authorizationDetails: record.authorization_details,
      client,
      credential,
      jti: record.jti,
      exp: record.exp,
      iat: record.iat,
    },
  };
}
