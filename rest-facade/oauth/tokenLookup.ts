import { decodeJwt } from 'jose';
import { looksLikeJwt, verifyAccessToken } from './accessToken';
import type { OAuthDeps } from './deps';
import type { AccessTokenRecord, RefreshTokenRecord, TokenFamily } from './tokens';

/** A token presented to the revocation or introspection endpoint, found by its kind. */
export type FoundToken =
  | { kind: 'access_token'; record: AccessTokenRecord }
  | { kind: 'refresh_token'; record: RefreshTokenRecord; family: TokenFamily }
  | { kind: 'unknown' };

/**
 * Finds a token of ours, live or expired, by its shape: JWT access tokens by their signed `jti`,
 * anything else as a refresh token (RFC 7009 §2.1: the hint is only an optimisation).
 */
export async function findToken(deps: OAuthDeps, token: string): Promise<FoundToken> {
  if (looksLikeJwt(token)) {
    // Expiry does not matter here; the signature does (an unsigned jti could revoke someone else's token).
    let now: number;
    try {
      now = Number(decodeJwt(token).iat ?? 0);
    } catch {
      return { kind: 'unknown' };
    }
    const verified = await verifyAccessToken(await deps.signingKey(), token, { issuer: deps.issuer, audience: deps.issuer, now });
    if (!verified.ok) return { kind: 'unknown' };
    const record = await deps.tokens.getAccess(verified.claims.jti);
    return record ? { kind: 'access_token', record } : { kind: 'unknown' };
  }
  const record = await deps.tokens.getRefresh(token);
  const family = record && (await deps.tokens.getFamily(record.fid));
  return record && family ? { kind: 'refresh_token', record, family } : { kind: 'unknown' };
}
