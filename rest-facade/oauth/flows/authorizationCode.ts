import { randomUUID } from 'node:crypto';
import { OAuthError } from '../../errors';
import type { AuthenticatedClient } from '../clientAuthentication';
import { nowSeconds, type OAuthDeps } from '../deps';
import { issueTokens, type TokenResponse } from '../issue';
import { checkLiveness } from '../liveness';
import { required, single, type RawParams } from '../params';
import { verifierMatches } from '../pkce';

const invalidGrant = (description: string) => new OAuthError('invalid_grant', description);

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6). Every check runs before the code is consumed, so a
 * rejected request changes nothing; the redemption itself is atomic, and a second redemption of
 * the same code revokes every token the first one produced (RFC 6749 §4.1.2).
 */
export async function authorizationCodeFlow(deps: OAuthDeps, caller: AuthenticatedClient, body: RawParams): Promise<TokenResponse> {
  const { client, credential } = caller;
  const code = required(body, 'code');
  const redirectUri = single(body, 'redirect_uri');
  const verifier = single(body, 'code_verifier');
  if (!client.grant_types.includes('authorization_code')) {
    throw new OAuthError('unauthorized_client', 'this client may not use the authorization_code grant');
  }
  const record = await deps.codes.get(code);
  if (!record) {
    const used = await deps.codes.used(code);
    if (used) {
      await deps.tokens.revokeFamily(used.fid);
      deps.log.warn({ clientId: client.client_id }, 'authorization code replayed; its tokens were revoked');
    }
    throw invalidGrant('the authorization code is invalid, expired or already used');
  }
  if (record.client_id !== client.client_id) throw invalidGrant('the authorization code was issued to another client');
  if (record.exp <= nowSeconds(deps)) throw invalidGrant('the authorization code has expired');
  if (record.redirect_uri_given ? redirectUri !== record.redirect_uri : redirectUri !== undefined && redirectUri !== record.redirect_uri) {
    throw invalidGrant('redirect_uri does not match the authorization request');
  }
  if (record.code_challenge !== null) {
    if (verifier === undefined) throw invalidGrant('code_verifier is required');
    if (!verifierMatches(verifier, record.code_challenge)) throw invalidGrant('code_verifier does not match the code_challenge');
  } else if (verifier !== undefined) {
    // RFC 9700 §2.1.1: a verifier without a challenge is a downgrade attempt.
    throw invalidGrant('the authorization request carried no code_challenge');
  }
  const liveness = await checkLiveness({ client_id: client.client_id, credential_id: null, grant_ids: record.grant_ids }, deps.directory, deps.clock());
  if (!liveness.live) throw invalidGrant(liveness.reason);

  const fid = randomUUID();
  const redemption = await deps.codes.redeem(code, fid);
  if (redemption.outcome === 'replayed') {
    await deps.tokens.revokeFamily(redemption.marker.fid);
    throw invalidGrant('the authorization code is invalid, expired or already used');
  }
  return issueTokens(deps, {
    client, credential, fid,
    scope: record.scope,
    authorization_details: record.authorization_details,
    grant_ids: record.grant_ids,
    changed_grant_ids: record.grant_ids,
    withRefreshToken: client.grant_types.includes('refresh_token'),
  });
}
