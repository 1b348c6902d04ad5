import { OAuthError } from '../../errors';
import type { AuthenticatedClient } from '../clientAuthentication';
import { nowSeconds, type OAuthDeps } from '../deps';
import { rotateTokens, type TokenResponse } from '../issue';
import { checkLiveness } from '../liveness';
import { required, scopeTokens, single, type RawParams } from '../params';

const invalidGrant = (description: string) => new OAuthError('invalid_grant', description);

/**
 * RFC 6749 §6 with rotation (RFC 9700 §4.14.2): each refresh token works once; presenting a
 * rotated one again revokes the whole family. A narrower `scope` is allowed, a wider one is not.
 */
export async function refreshTokenFlow(deps: OAuthDeps, caller: AuthenticatedClient, body: RawParams): Promise<TokenResponse> {
  const { client } = caller;
  const token = required(body, 'refresh_token');
  const scopeParam = scopeTokens(single(body, 'scope'));
  if (!client.grant_types.includes('refresh_token')) {
    throw new OAuthError('unauthorized_client', 'this client may not use the refresh_token grant');
  }
  const record = await deps.tokens.getRefresh(token);
  if (!record) {
    const used = await deps.tokens.replayedRefresh(token);
    if (used) {
      await deps.tokens.revokeFamily(used.fid);
      deps.log.warn({ clientId: client.client_id }, 'rotated refresh token replayed; its family was revoked');
    }
    throw invalidGrant('the refresh token is invalid, expired or revoked');
  }
  const family = await deps.tokens.getFamily(record.fid);
  if (!family || record.client_id !== client.client_id) throw invalidGrant('the refresh token is invalid, expired or revoked');
  if (record.exp <= nowSeconds(deps)) throw invalidGrant('the refresh token has expired');
  const granted = new Set(scopeTokens(family.scope));
  const wider = scopeParam.find((s) => !granted.has(s));
  if (wider) throw new OAuthError('invalid_scope', `scope ${wider} was not granted to this refresh token`);
  const liveness = await checkLiveness(family, deps.directory, deps.clock());
  if (!liveness.live) throw invalidGrant(liveness.reason);

  const redemption = await deps.tokens.redeemRefresh(token, record, family.exp);
  if (redemption.outcome === 'replayed') {
    await deps.tokens.revokeFamily(record.fid);
    throw invalidGrant('the refresh token is invalid, expired or revoked');
  }
  return rotateTokens(deps, family, scopeParam.length > 0 ? scopeParam : [...granted]);
}
