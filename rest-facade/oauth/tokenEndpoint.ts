import type { RequestHandler } from 'express';
import { OAuthError } from '../errors';
import { authenticateClient } from './clientAuthentication';
import type { OAuthDeps } from './deps';
import { authorizationCodeFlow } from './flows/authorizationCode';
import { clientCredentialsFlow } from './flows/clientCredentials';
import { refreshTokenFlow } from './flows/refreshToken';
import { asRecord, required } from './params';

const flows = {
  client_credentials: clientCredentialsFlow,
  authorization_code: authorizationCodeFlow,
  refresh_token: refreshTokenFlow,
} as const;

/** RFC 6749 §3.2: responses carry tokens, so nothing may cache them. */
export function noStore(res: Parameters<RequestHandler>[1]) {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
}

/** `POST token_endpoint`: authenticate the client, then run the flow its `grant_type` names. */
export function tokenEndpoint(deps: OAuthDeps): RequestHandler {
  return async (req, res) => {
    noStore(res);
    const body = asRecord(req.body);
    const caller = await authenticateClient(req, body, deps);
    const grantType = required(body, 'grant_type');
    const flow = Object.hasOwn(flows, grantType) ? flows[grantType as keyof typeof flows] : undefined;
    if (!flow) throw new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported`);
    res.json(await flow(deps, caller, body));
  };
}
