/**
 * Where the OAuth protocol endpoints live, relative to PUBLIC_URL (the URLs of the cds-wg1-02 §12.2
 * example). The metadata (RFC 8414 ASM) is built from these.
 */
export const OAUTH_PATHS = {
  authorization_endpoint: '/oauth/authorize',
  token_endpoint: '/oauth/token',
  pushed_authorization_request_endpoint: '/oauth/par',
  revocation_endpoint: '/oauth/token/revoke',
  introspection_endpoint: '/oauth/token/info',
  jwks_uri: '/oauth/jwks',
} as const;

/** The consent pages take over the browser here: `${AUTHORIZATION_HANDOFF_PATH}/<request id>`. */
export const AUTHORIZATION_HANDOFF_PATH = '/authorize';

export type OAuthEndpoint = keyof typeof OAUTH_PATHS;

/** The absolute endpoint URLs for a deployment's public base URL. */
export function oauthEndpoints(publicUrl: string): Record<OAuthEndpoint, string> {
  const base = publicUrl.replace(/\/$/, '');
  return Object.fromEntries(
    Object.entries(OAUTH_PATHS).map(([name, path]) => [name, `${base}${path}`]),
  ) as Record<OAuthEndpoint, string>;
}

/**
 * What this server implements, per RFC 8414 member. A Scope Description may offer a subset (the
 * registry refuses more at start-up); the metadata advertises the Scope Descriptions' union.
 */
/** Token endpoint authentication methods; revocation authenticates Clients the same way. */
export const TOKEN_ENDPOINT_AUTH_METHODS = ['client_secret_basic', 'none'] as const;
/** RFC 7662 §2.1: introspection needs a secret, so public (`none`) Clients cannot use it. */
export const INTROSPECTION_ENDPOINT_AUTH_METHODS = ['client_secret_basic'] as const;
export const CODE_CHALLENGE_METHODS = ['S256'] as const;
export const GRANT_TYPES = ['authorization_code', 'client_credentials', 'refresh_token'] as const;
export const RESPONSE_TYPES = ['code'] as const;
/** Authorization responses go in the redirect_uri's query (RFC 6749 §4.1.2); other modes are refused. */
export const RESPONSE_MODES = ['query'] as const;
