import type { RequestHandler } from 'express';
import { OAuthError } from '../errors';
import { authenticateClient } from './clientAuthentication';
import type { OAuthDeps } from './deps';
import { asRecord, required } from './params';
import { noStore } from './tokenEndpoint';
import { findToken } from './tokenLookup';

/**
 * `POST revocation_endpoint` (RFC 7009). A refresh token ends its whole family (RFC 7009 §2.1);
 * an access token ends alone. Unknown or already-dead tokens answer 200 (§2.2). A token of another
 * registration is refused (`invalid_grant`, RFC 6749 §5.2 "issued to another client") and left alone.
 */
export function revocationEndpoint(deps: OAuthDeps): RequestHandler {
  return async (req, res) => {
    noStore(res);
    const body = asRecord(req.body);
    const { client } = await authenticateClient(req, body, deps);
    const token = required(body, 'token');
    const found = await findToken(deps, token);
    if (found.kind !== 'unknown') {
      const owner = await deps.directory.client(found.record.client_id);
      if (owner?.registration_id !== client.registration_id) {
        throw new OAuthError('invalid_grant', 'the token was not issued to this client\'s registration');
      }
      if (found.kind === 'access_token') await deps.tokens.revokeAccess(found.record.jti);
      else await deps.tokens.revokeFamily(found.family.fid);
    }
    res.status(200).end();
  };
}
