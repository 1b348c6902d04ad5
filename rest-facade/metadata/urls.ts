import { CONSENT_PATHS } from '../consent/paths';
import { oauthEndpoints } from '../oauth/paths';

/**
 * The URL map of the cds-wg1 surface. Objects are stored without URLs and rendered against the
 * public base URL, so a changed PUBLIC_URL never leaves stale links behind. The OAuth protocol
 * endpoints are the authorization server's own (OAUTH_PATHS); the test accounts page and the
 * Server-created receipt redirect_uri (§4.2) are the consent pages' (CONSENT_PATHS).
 */
export const PATHS = {
  serverMetadata: '/.well-known/cds-server-metadata.json',
  coverage: '/cds-coverage.json',
  oauthMetadata: '/.well-known/oauth-authorization-server',
  registration: '/oauth/register',
  clients: '/cds-api/v1/clients',
  messages: '/cds-api/v1/messages',
  credentials: '/cds-api/v1/credentials',
  grants: '/cds-api/v1/grants',
  files: '/cds-api/v1/server-provided-files',
  humanRegistration: '/developers/register',
  docs: '/docs',
} as const;

export interface Wg1Urls {
  base: string;
  serverMetadata: string;
  coverage: string;
  oauthMetadata: string;
  registration: string;
  authorize: string;
  token: string;
  par: string;
  revocation: string;
  introspection: string;
  jwks: string;
  defaultRedirect: string;
  clientsApi: string;
  messagesApi: string;
  credentialsApi: string;
  grantsApi: string;
  filesApi: string;
  humanRegistration: string;
  testAccounts: string;
  docs: (page?: string) => string;
  client: (id: string) => string;
  clientServerMetadata: (id: string) => string;
  clientOauthMetadata: (id: string) => string;
  message: (id: string) => string;
  credential: (id: string) => string;
  grant: (id: string) => string;
  file: (id: string) => string;
  fileDownload: (id: string) => string;
  /** The id in one of this server's object URLs of that kind, or null. */
  idIn: (kind: 'clients' | 'messages' | 'credentials' | 'grants', uri: unknown) => string | null;
}

export function wg1Urls(publicUrl: string): Wg1Urls {
  const base = publicUrl.replace(/\/$/, '');
  const at = (path: string) => `${base}${path}`;
  const api = { clients: at(PATHS.clients), messages: at(PATHS.messages), credentials: at(PATHS.credentials), grants: at(PATHS.grants) };
  const oauth = oauthEndpoints(base);
  return {
    base,
    serverMetadata: at(PATHS.serverMetadata),
    coverage: at(PATHS.coverage),
    oauthMetadata: at(PATHS.oauthMetadata),
    registration: at(PATHS.registration),
    authorize: oauth.authorization_endpoint,
    token: oauth.token_endpoint,
    par: oauth.pushed_authorization_request_endpoint,
    revocation: oauth.revocation_endpoint,
    introspection: oauth.introspection_endpoint,
    jwks: oauth.jwks_uri,
    defaultRedirect: at(CONSENT_PATHS.defaultRedirect),
    clientsApi: api.clients,
    messagesApi: api.messages,
    credentialsApi: api.credentials,
    grantsApi: api.grants,
    filesApi: at(PATHS.files),
    humanRegistration: at(PATHS.humanRegistration),
    testAccounts: at(CONSENT_PATHS.testAccounts),
    docs: (page = '') => at(`${PATHS.docs}${page ? `/${page}` : ''}`),
    client: (id) => `${api.clients}/${id}`,
    clientServerMetadata: (id) => `${api.clients}/${id}/cds-server-metadata`,
    clientOauthMetadata: (id) => `${api.clients}/${id}/oauth-authorization-server`,
    message: (id) => `${api.messages}/${id}`,
    credential: (id) => `${api.credentials}/${id}`,
    grant: (id) => `${api.grants}/${id}`,
    file: (id) => `${at(PATHS.files)}/${id}`,
    fileDownload: (id) => `${at(PATHS.files)}/${id}/download`,
    idIn: (kind, uri) => {
      if (typeof uri !== 'string' || !uri.startsWith(`${api[kind]}/`)) return null;
      const id = uri.slice(api[kind].length + 1);
      return /^[0-9a-f]{16}$/.test(id) ? id : null;
    },
  };
}
