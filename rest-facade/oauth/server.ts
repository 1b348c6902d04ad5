import { Router, type RequestHandler } from 'express';
import { HttpError } from '../errors';
import { useOAuthFormBody } from '../plugins/useBodyParsing';
import { authorizeEndpoint } from './authorizeEndpoint';
import { CodeStore } from './codes';
import { completeAuthorization, getPendingAuthorization, type AuthorizationOutcome } from './completeAuthorization';
import type { OAuthDeps } from './deps';
import { introspectionEndpoint } from './introspectionEndpoint';
import { plainAuthorizationPages, type AuthorizationPages } from './pages';
import { PAR_LIFETIME_SECONDS, parEndpoint } from './par';
import { OAUTH_PATHS } from './paths';
import type { PendingAuthorization } from './pendingAuthorizations';
import { RequestHandles } from './requestHandles';
import { requireToken, type RequireTokenOptions } from './requireToken';
import { revocationEndpoint } from './revocationEndpoint';
import { signingKeyLoader } from './signingKey';
import { tokenEndpoint } from './tokenEndpoint';
import { TokenStore } from './tokens';
import { validateAccessToken, type TokenValidation } from './validateAccessToken';

/** OAuth request bodies are a handful of short parameters; authorization_details is the largest. */
const OAUTH_BODY_LIMIT = 64 * 1024;
/** How long a customer has to sign in and decide. */
const PENDING_LIFETIME_SECONDS = 30 * 60;

/** What the server is given; it builds the rest of OAuthDeps (tokens, codes, handles, key) itself. */
export type AuthorizationServerDeps = Pick<OAuthDeps, 'config' | 'store' | 'log' | 'limiter' | 'clock' | 'directory' | 'scopes'> & {
  pages?: AuthorizationPages;
};

export interface AuthorizationServer {
  /** The protocol endpoints of OAUTH_PATHS; they parse their own form bodies. */
  router: Router;
  /** Bearer authentication for the APIs; sets `req.auth`. */
  requireToken(options?: RequireTokenOptions): RequestHandler;
  /** For the consent pages: the request behind `/authorize/<id>`. */
  getPendingAuthorization(requestId: string): Promise<PendingAuthorization | null>;
  /** For the consent pages: ends the request once, returns where to send the browser. */
  completeAuthorization(requestId: string, outcome: AuthorizationOutcome): Promise<string>;
  validateAccessToken(token: string): Promise<TokenValidation>;
}

function methodNotAllowed(allow: string): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Allow', allow);
    next(new HttpError(405, 'invalid_request', `use ${allow}`));
  };
}

export function createAuthorizationServer(input: AuthorizationServerDeps): AuthorizationServer {
  const nowSeconds = () => Math.floor(input.clock() / 1000);
  const deps: OAuthDeps = {
    ...input,
    issuer: input.config.PUBLIC_URL,
    tokens: new TokenStore(input.store, nowSeconds, Math.max(input.config.REFRESH_TOKEN_TTL, input.config.ACCESS_TOKEN_TTL)),
    codes: new CodeStore(input.store),
    par: new RequestHandles(input.store, 'oauth:par', PAR_LIFETIME_SECONDS, nowSeconds),
    pending: new RequestHandles(input.store, 'oauth:authreq', PENDING_LIFETIME_SECONDS, nowSeconds),
    signingKey: signingKeyLoader(input.store),
  };
  const form = useOAuthFormBody({ limit: OAUTH_BODY_LIMIT });
  const router = Router();
  const post = (path: string, handler: RequestHandler) => {
    router.post(path, form, handler);
    router.all(path, methodNotAllowed('POST'));
  };
  post(OAUTH_PATHS.token_endpoint, tokenEndpoint(deps));
  post(OAUTH_PATHS.pushed_authorization_request_endpoint, parEndpoint(deps));
  post(OAUTH_PATHS.revocation_endpoint, revocationEndpoint(deps));
  post(OAUTH_PATHS.introspection_endpoint, introspectionEndpoint(deps));
  const authorize = authorizeEndpoint(deps, input.pages ?? plainAuthorizationPages);
  router.get(OAUTH_PATHS.authorization_endpoint, authorize);
  router.post(OAUTH_PATHS.authorization_endpoint, form, authorize);
  router.all(OAUTH_PATHS.authorization_endpoint, methodNotAllowed('GET, POST'));
  router.get(OAUTH_PATHS.jwks_uri, async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json({ keys: [(await deps.signingKey()).publicJwk] });
  });

  return {
    router,
    requireToken: (options) => requireToken(deps, options),
    getPendingAuthorization: (requestId) => getPendingAuthorization(deps, requestId),
    completeAuthorization: (requestId, outcome) => completeAuthorization(deps, requestId, outcome),
    validateAccessToken: (token) => validateAccessToken(deps, token),
  };
}
