import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import * as oauth from 'oauth4webapi';
import { call } from './http';

/** oauth4webapi refuses plain HTTP unless told; the test system listens on 127.0.0.1. */
export const insecure = { [oauth.allowInsecureRequests]: true } as const;

/**
 * The third party's web app: a real HTTP server whose `/callback` is the registered redirect_uri.
 * It records every request it gets, like the Client's backend would.
 */
export interface ClientApp {
  url: string;
  callback: string;
  hits: URL[];
  close(): Promise<void>;
}

export async function startClientApp(): Promise<ClientApp> {
  const hits: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    hits.push(url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><head><title>Energy app</title></head><body><main><h1>Back at the energy app</h1></main></body></html>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url, callback: `${url}/callback`, hits,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface RegisteredClient {
  as: oauth.AuthorizationServer;
  admin: { client_id: string; secret: string };
  /** The sandbox code-flow Client (the consent scopes) with a fresh Credential. */
  app: { client_id: string; secret: string; default_redirect_uri: string; client: Record<string, any> };
  adminToken(): Promise<string>;
}

/**
 * Registers a third party the way the overview walks through it (cds-wg1-02 §4, §5.5, §7.5):
 * discovery, registration, a client-admin token, a Credential for the code-flow Client, and its
 * redirect_uri added next to the Server's default one.
 */
export async function registerThirdParty(baseUrl: string, o: {
  scope: string; client_name: string; client_uri?: string; redirectUri: string;
  /** The app's own Purposes (cds-wg3-01 §5.1: the `cds_purposes` Registration Field). */
  cds_purposes?: Record<string, unknown>[];
}): Promise<RegisteredClient> {
  const issuer = new URL(baseUrl);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  const registered = await call('POST', as.registration_endpoint!, {
    json: {
      scope: `cds_client_admin ${o.scope}`, client_name: o.client_name,
      ...(o.client_uri ? { client_uri: o.client_uri } : {}), ...(o.cds_purposes ? { cds_purposes: o.cds_purposes } : {}),
    },
  });
  if (registered.status !== 201 && registered.status !== 200) throw new Error(`registration failed: ${registered.status} ${registered.text}`);
  const admin = { client_id: registered.json.client_id as string, secret: registered.json.client_secret as string };
  const adminToken = async () => {
    const response = await oauth.clientCredentialsGrantRequest(as, { client_id: admin.client_id }, oauth.ClientSecretBasic(admin.secret), { scope: 'cds_client_admin' }, insecure);
    return (await oauth.processClientCredentialsResponse(as, { client_id: admin.client_id }, response)).access_token;
  };
  const token = await adminToken();
  const clientsApi = (as as Record<string, unknown>).cds_clients_api as string;
  const credentialsApi = (as as Record<string, unknown>).cds_credentials_api as string;
  const clients = await call('GET', clientsApi, { bearer: token });
  const codeClient = (clients.json.clients as Record<string, any>[]).find((c) => c.response_types.includes('code') && c.cds_status === 'sandbox');
  if (!codeClient) throw new Error(`no sandbox code-flow client among ${clients.text}`);
  const credential = await call('POST', credentialsApi, { bearer: token, json: { client_id: codeClient.client_id } });
  if (credential.status >= 300) throw new Error(`credential creation failed: ${credential.status} ${credential.text}`);
  const updated = await call('PUT', codeClient.cds_client_uri, {
    bearer: token, json: { ...codeClient, redirect_uris: [...codeClient.redirect_uris, o.redirectUri] },
  });
  if (updated.status >= 300) throw new Error(`adding the redirect_uri failed: ${updated.status} ${updated.text}`);
  return {
    as, admin, adminToken,
    app: { client_id: codeClient.client_id, secret: credential.json.client_secret, default_redirect_uri: codeClient.redirect_uris[0], client: updated.json },
  };
}

export interface Authorization {
  url: string;
  state: string;
  verifier: string;
}

/** A pushed authorization request (RFC 9126) and the URL to send the customer to. */
export async function pushAuthorization(
  reg: RegisteredClient, params: Record<string, string>, as: { client_id: string; secret: string } = reg.app,
): Promise<Authorization> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const body = {
    response_type: 'code', state, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...params,
  };
  const client = { client_id: as.client_id };
  const response = await oauth.pushedAuthorizationRequest(reg.as, client, oauth.ClientSecretBasic(as.secret), body, insecure);
  const pushed = await oauth.processPushedAuthorizationResponse(reg.as, client, response);
  const url = new URL(reg.as.authorization_endpoint!);
  url.searchParams.set('client_id', as.client_id);
  url.searchParams.set('request_uri', pushed.request_uri);
  return { url: url.toString(), state, verifier };
}

/** The Client's side after the redirect: validate the response (state, error) and redeem the code. */
export async function redeemCallback(reg: RegisteredClient, callbackUrl: URL, auth: Authorization, redirectUri: string) {
  const client = { client_id: reg.app.client_id };
  const params = oauth.validateAuthResponse(reg.as, client, callbackUrl, auth.state);
  const response = await oauth.authorizationCodeGrantRequest(reg.as, client, oauth.ClientSecretBasic(reg.app.secret), params, redirectUri, auth.verifier, insecure);
  return oauth.processAuthorizationCodeResponse(reg.as, client, response);
}

export async function introspect(reg: RegisteredClient, token: string) {
  const client = { client_id: reg.app.client_id };
  const response = await oauth.introspectionRequest(reg.as, client, oauth.ClientSecretBasic(reg.app.secret), token, insecure);
  return oauth.processIntrospectionResponse(reg.as, client, response);
}

/** The Grant as the Client sees it through the Grants API (cds-wg1-02 §8). */
export async function grantOf(reg: RegisteredClient, grantId: string) {
  const grantsApi = (reg.as as Record<string, unknown>).cds_grants_api as string;
  const reply = await call('GET', `${grantsApi}/${grantId}`, { bearer: await reg.adminToken() });
  if (reply.status !== 200) throw new Error(`GET grant ${grantId}: ${reply.status} ${reply.text}`);
  return reply.json;
}

export async function grantsWhere(reg: RegisteredClient, filter: Record<string, string>) {
  const grantsApi = (reg.as as Record<string, unknown>).cds_grants_api as string;
  const url = new URL(grantsApi);
  for (const [k, v] of Object.entries(filter)) url.searchParams.set(k, v);
  return (await call('GET', url.toString(), { bearer: await reg.adminToken() })).json;
}

/** The Client's own Authorization Server Metadata (cds-wg1-02 §5.1 `cds_server_metadata` → `oauth_metadata`). */
export async function clientMetadata(reg: RegisteredClient, client: Record<string, any> = reg.app.client) {
  const token = await reg.adminToken();
  const server = await call('GET', client.cds_server_metadata, { bearer: token });
  if (server.status !== 200) throw new Error(`GET ${client.cds_server_metadata}: ${server.status} ${server.text}`);
  const reply = await call('GET', server.json.oauth_metadata, { bearer: token });
  if (reply.status !== 200) throw new Error(`GET ${server.json.oauth_metadata}: ${reply.status} ${reply.text}`);
  return reply.json;
}

/** A pushed authorization request sent as is, for the error answers oauth4webapi would throw on. */
export function pushRaw(reg: RegisteredClient, params: Record<string, string>, as: { client_id: string; secret: string } = reg.app) {
  return call('POST', reg.as.pushed_authorization_request_endpoint!, { basic: [as.client_id, as.secret], form: { response_type: 'code', ...params } });
}
