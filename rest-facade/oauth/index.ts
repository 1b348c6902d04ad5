/**
 * The OAuth authorization server of the CDS surface (cds-wg1-02 §3–§8 over RFC 6749, 6750, 7009,
 * 7636, 7662, 9068, 9126, 9396).
 *
 *   createAuthorizationServer(deps): AuthorizationServer
 *     .router                     token, PAR, authorize, revocation, introspection, JWKS (OAUTH_PATHS)
 *     .requireToken({ anyScope?, accept? })   Bearer middleware for the APIs; sets req.auth: TokenAuth
 *     .getPendingAuthorization(id)            the request behind /authorize/<id> (consent pages)
 *     .completeAuthorization(id, outcome)     → the URL to send the browser to (consent pages)
 *     .validateAccessToken(token)
 */
export { createAuthorizationServer, type AuthorizationServer, type AuthorizationServerDeps } from './server';
export {
  AUTHORIZATION_HANDOFF_PATH, CODE_CHALLENGE_METHODS, GRANT_TYPES, INTROSPECTION_ENDPOINT_AUTH_METHODS, OAUTH_PATHS, RESPONSE_MODES,
  RESPONSE_TYPES, TOKEN_ENDPOINT_AUTH_METHODS, oauthEndpoints,
} from './paths';
export type { AuthorizationOutcome } from './completeAuthorization';
export type { PendingAuthorization } from './pendingAuthorizations';
export type { RequireTokenOptions } from './requireToken';
export type { TokenAuth } from './validateAccessToken';
export type { Directory, OAuthClient, OAuthCredential, OAuthGrant, ClientCredentialsIssuance } from './directory';
export type { AuthorizationPages } from './pages';
export { consentPagesMissing } from './pages';
export { LIMITED_ACCESS_STATUSES } from './liveness';
export type { AccessTokenClaims } from './accessToken';
export type { TokenResponse } from './issue';
