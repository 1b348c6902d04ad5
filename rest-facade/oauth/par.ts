import type { RequestHandler } from 'express';
import { OAuthError } from '../errors';
import { AuthorizationRequestError, validateAuthorizationRequest } from './authorizationRequest';
import { authenticateClient } from './clientAuthentication';
import type { OAuthDeps } from './deps';
import { asRecord } from './params';
import { noStore } from './tokenEndpoint';

/** RFC 9126 §2.2: the URN prefix of request_uri values. */
export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';
/** RFC 9126 §2.2 suggests a short lifetime; the browser only needs to get to the authorization endpoint. */
export const PAR_LIFETIME_SECONDS = 90;

/**
 * `POST pushed_authorization_request_endpoint` (RFC 9126): the client authenticates, the request is
 * validated exactly as the authorization endpoint would (including `cds_grant_id` and `prompt`,
 * cds-wg1-02 §8.3 c), and is kept behind a one-time `request_uri`. Errors are JSON (RFC 9126 §2.3).
 */
export function parEndpoint(deps: OAuthDeps): RequestHandler {
  return async (req, res) => {
    noStore(res);
    const body = asRecord(req.body);
    const { client } = await authenticateClient(req, body, deps);
    let request;
    try {
      request = await validateAuthorizationRequest(deps, body, client);
    } catch (err) {
      if (err instanceof AuthorizationRequestError) throw new OAuthError(err.error, err.description);
      throw err;
    }
    const handle = await deps.par.put(request);
    res.status(201).json({ request_uri: `${REQUEST_URI_PREFIX}${handle}`, expires_in: PAR_LIFETIME_SECONDS });
  };
}
