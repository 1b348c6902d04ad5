import type { RequestHandler } from 'express';
import { AuthorizationRequestError, validateAuthorizationRequest, type AuthorizationRequest } from './authorizationRequest';
import { nowSeconds, type OAuthDeps } from './deps';
import { opaqueValue } from './opaque';
import type { AuthorizationPages } from './pages';
import { asRecord, single, type RawParams } from './params';
import { REQUEST_URI_PREFIX } from './par';
import { AUTHORIZATION_HANDOFF_PATH } from './paths';
import { pendingView } from './pendingAuthorizations';
import { redirectWith } from './redirects';

const page = (description: string, error: 'invalid_request' | 'invalid_request_uri' = 'invalid_request') =>
  new AuthorizationRequestError(error, description, null);

/**
 * RFC 9126 §4: with `request_uri`, only the pushed parameters count. The request_uri is single use,
 * must belong to the `client_id` given, and the Client must still be usable.
 */
async function pushedRequest(deps: OAuthDeps, params: RawParams): Promise<AuthorizationRequest> {
  let requestUri: string | undefined;
  let clientId: string | undefined;
  try {
    requestUri = single(params, 'request_uri');
    clientId = single(params, 'client_id');
  } catch {
    throw page('request_uri and client_id must be given once');
  }
  if (!clientId) throw page('client_id is missing');
  if (!requestUri?.startsWith(REQUEST_URI_PREFIX)) throw page('request_uri is not one this server issued', 'invalid_request_uri');
  const handle = requestUri.slice(REQUEST_URI_PREFIX.length);
  const pushed = await deps.par.get(handle);
  if (!pushed || pushed.client_id !== clientId) throw page('request_uri is unknown, expired, used, or not for this client', 'invalid_request_uri');
  const client = await deps.directory.client(clientId);
  if (!client || client.cds_status === 'disabled') throw page('unknown or disabled client_id');
  if (!(await deps.par.take(handle))) throw page('request_uri was already used', 'invalid_request_uri');
  return pushed;
}

/**
 * `GET|POST authorization_endpoint` (RFC 6749 §4.1.1): validate before any customer interaction
 * (cds-wg3-01 §9.1.1, cds-wg1-02 §8.3 d/e), then hand the browser to the consent pages with a
 * pending request id. Errors are the Invalid Request Error page when the redirect target is not
 * trustworthy, otherwise an error redirect (RFC 6749 §4.1.2.1).
 */
export function authorizeEndpoint(deps: OAuthDeps, pages: AuthorizationPages): RequestHandler {
  return async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const params = asRecord(req.method === 'POST' ? req.body : req.query);
    try {
      const viaPar = params.request_uri !== undefined;
      const request = viaPar ? await pushedRequest(deps, params) : await validateAuthorizationRequest(deps, params);
      const id = opaqueValue();
      await deps.pending.put({ pending: pendingView(id, request, viaPar, nowSeconds(deps)), request }, id);
      res.redirect(303, `${AUTHORIZATION_HANDOFF_PATH}/${id}`);
    } catch (err) {
      if (!(err instanceof AuthorizationRequestError)) throw err;
      if (!err.redirect) return pages.invalidRequest(res, { error: err.error, description: err.description });
      res.redirect(303, redirectWith(err.redirect.redirect_uri, {
        error: err.error, error_description: err.description, state: err.redirect.state,
      }, deps.issuer));
    }
  };
}
