import { randomUUID } from 'node:crypto';
import { OAuthError } from '../errors';
import { mintAccessToken } from './accessToken';
import { nowSeconds, type OAuthDeps } from './deps';
import type { OAuthClient, OAuthCredential } from './directory';
import { opaqueValue } from './opaque';
import type { AccessTokenRecord, AuthorizationDetail, TokenFamily } from './tokens';

/** RFC 6749 §5.1 plus RFC 9396 §7 `authorization_details` and cds-wg1-02 §8.4 `cds_grant_ids`. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
  authorization_details?: AuthorizationDetail[];
  cds_grant_ids?: string[];
}

export interface Issuance {
  client: OAuthClient;
  credential: OAuthCredential | null;
  scope: string[];
  authorization_details: AuthorizationDetail[];
  grant_ids: string[];
  target_grant_id?: string;
  /** The Grants this flow created or modified: reported as `cds_grant_ids` (§8.4); omitted when empty. */
  changed_grant_ids: string[];
  withRefreshToken: boolean;
  /** Chosen before redemption when a replay must be able to name the family (codes). */
  fid?: string;
}

function response(
  deps: OAuthDeps, token: string, record: AccessTokenRecord, extra: { refresh_token?: string; changed: string[] },
): TokenResponse {
  return {
    access_token: token,
    token_type: 'Bearer',
    expires_in: deps.config.ACCESS_TOKEN_TTL,
    scope: record.scope,
    ...(extra.refresh_token ? { refresh_token: extra.refresh_token } : {}),
    ...(record.authorization_details.length > 0 ? { authorization_details: record.authorization_details } : {}),
    ...(extra.changed.length > 0 ? { cds_grant_ids: extra.changed } : {}),
  };
}

async function mint(deps: OAuthDeps, family: TokenFamily, scope: string, now: number) {
  const { token, claims } = await mintAccessToken(await deps.signingKey(), {
    issuer: deps.issuer,
    audience: deps.issuer,
    clientId: family.client_id,
    scope,
    grantIds: family.grant_ids,
    fid: family.fid,
    now,
    ttl: deps.config.ACCESS_TOKEN_TTL,
  });
  const record: AccessTokenRecord = {
    jti: claims.jti,
    fid: family.fid,
    client_id: family.client_id,
    credential_id: family.credential_id,
    grant_ids: family.grant_ids,
    target_grant_id: family.target_grant_id,
    scope,
    authorization_details: family.authorization_details,
    iat: claims.iat,
    exp: claims.exp,
  };
  return { token, record };
}

/** Starts a token family: one access token, plus a refresh token when the flow allows one. */
export async function issueTokens(deps: OAuthDeps, issuance: Issuance): Promise<TokenResponse> {
  const now = nowSeconds(deps);
  const family: TokenFamily = {
    fid: issuance.fid ?? randomUUID(),
    client_id: issuance.client.client_id,
    credential_id: issuance.credential?.credential_id ?? null,
    grant_ids: issuance.grant_ids,
    target_grant_id: issuance.target_grant_id ?? null,
    scope: issuance.scope.join(' '),
    authorization_details: issuance.authorization_details,
    exp: now + (issuance.withRefreshToken ? deps.config.REFRESH_TOKEN_TTL : deps.config.ACCESS_TOKEN_TTL),
  };
  const { token, record } = await mint(deps, family, family.scope, now);
  const refresh = issuance.withRefreshToken
    ? { token: opaqueValue(), record: { fid: family.fid, client_id: family.client_id, exp: family.exp } }
    : undefined;
  if (!(await deps.tokens.issue(family, record, refresh))) {
    throw new OAuthError('invalid_grant', 'the authorization was revoked while the tokens were being issued');
  }
  return response(deps, token, record, { refresh_token: refresh?.token, changed: issuance.changed_grant_ids });
}

/**
 * RFC 6749 §6 with rotation: a new access token (possibly narrower in scope) and a new refresh
 * token in the same family; the family's lifetime does not grow.
 */
export async function rotateTokens(deps: OAuthDeps, family: TokenFamily, scope: string[]): Promise<TokenResponse> {
  const now = nowSeconds(deps);
  const { token, record } = await mint(deps, family, scope.join(' '), now);
  const refresh = { token: opaqueValue(), record: { fid: family.fid, client_id: family.client_id, exp: family.exp } };
  await deps.tokens.rotate(record, refresh);
  return response(deps, token, record, { refresh_token: refresh.token, changed: [] });
}
