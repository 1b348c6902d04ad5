import * as oauth from 'oauth4webapi';
import { oauthEndpoints } from '../../../rest-facade/oauth';
import type { RunningFacade } from './facade';
import { approveAsCustomer, type SeededClient } from './registration';

/** oauth4webapi refuses plain HTTP unless told; the test servers listen on 127.0.0.1 over HTTP. */
export const insecure = { [oauth.allowInsecureRequests]: true } as const;

/**
 * The authorization server as oauth4webapi sees it: from RFC 8414 discovery when the facade
 * publishes its metadata, otherwise from the endpoint constants the metadata is built from.
 */
export async function authorizationServer(f: RunningFacade): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(f.url);
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure });
  if (response.status === 200) return oauth.processDiscoveryResponse(issuer, response);
  return { issuer: f.url, ...oauthEndpoints(f.url) };
}

export function auth(client: SeededClient): oauth.ClientAuth {
  return client.secret === null ? oauth.None() : oauth.ClientSecretBasic(client.secret);
}

export async function clientCredentials(
  as: oauth.AuthorizationServer, client: SeededClient, parameters: Record<string, string>,
): Promise<oauth.TokenEndpointResponse> {
  const response = await oauth.clientCredentialsGrantRequest(as, { client_id: client.client_id }, auth(client), parameters, insecure);
  return oauth.processClientCredentialsResponse(as, { client_id: client.client_id }, response);
}

/** A raw form POST, for requests oauth4webapi would refuse to build and for reading error bodies. */
export async function postForm(url: string, form: Record<string, string | string[]>, basic?: { id: string; secret: string }) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (basic) headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(basic.id)}:${encodeURIComponent(basic.secret)}`).toString('base64')}`;
  const res = await fetch(url, { method: 'POST', body, headers });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try { json = JSON.parse(text); } catch { /* empty or HTML body */ }
  return { status: res.status, headers: res.headers, json, text };
}

export const basicOf = (client: SeededClient) => ({ id: client.client_id, secret: client.secret! });

/** Opens an authorization URL like a browser would and returns where it was sent. */
export async function openAuthorize(url: string): Promise<{ status: number; location: string | null; text: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

/** The pending request id from a hand-off redirect (`/authorize/<id>`). */
export function handoffId(location: string | null): string {
  const match = /^\/authorize\/([A-Za-z0-9_-]+)$/.exec(location ?? '');
  if (!match) throw new Error(`not a hand-off redirect: ${location}`);
  return match[1];
}

export interface CodeFlowOptions {
  pkce?: boolean;
  par?: boolean;
  scope?: string;
  authorization_details?: string;
  extra?: Record<string, string>;
}

/**
 * Runs the code flow up to the redirect back to the Client: authorization request (plain or PAR),
 * the customer's approval through the completion API, and the validated callback parameters.
 */
export async function authorizeAndApprove(f: RunningFacade, as: oauth.AuthorizationServer, client: SeededClient & { redirect_uri: string }, options: CodeFlowOptions = {}) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const params: Record<string, string> = {
    response_type: 'code', client_id: client.client_id, redirect_uri: client.redirect_uri, state,
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
    ...(options.authorization_details !== undefined ? { authorization_details: options.authorization_details } : {}),
    ...(options.pkce === false ? {} : { code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }),
    ...options.extra,
  };
  let authorizeUrl: URL;
  if (options.par) {
    const response = await oauth.pushedAuthorizationRequest(as, { client_id: client.client_id }, auth(client), params, insecure);
    const pushed = await oauth.processPushedAuthorizationResponse(as, { client_id: client.client_id }, response);
    authorizeUrl = new URL(as.authorization_endpoint!);
    authorizeUrl.searchParams.set('client_id', client.client_id);
    authorizeUrl.searchParams.set('request_uri', pushed.request_uri);
  } else {
    authorizeUrl = new URL(as.authorization_endpoint!);
    for (const [k, v] of Object.entries(params)) authorizeUrl.searchParams.set(k, v);
  }
  const opened = await openAuthorize(authorizeUrl.toString());
  const requestId = handoffId(opened.location);
  const { location, grant } = await approveAsCustomer(f.facade, requestId);
  const callback = oauth.validateAuthResponse(as, { client_id: client.client_id }, new URL(location), state);
  return { callback, verifier, state, grant, location };
}

export async function redeem(as: oauth.AuthorizationServer, client: SeededClient & { redirect_uri: string }, callback: URLSearchParams, verifier: string | typeof oauth.nopkce) {
  const response = await oauth.authorizationCodeGrantRequest(as, { client_id: client.client_id }, auth(client), callback, client.redirect_uri, verifier, insecure);
  return oauth.processAuthorizationCodeResponse(as, { client_id: client.client_id }, response);
}

export async function refresh(as: oauth.AuthorizationServer, client: SeededClient, refreshToken: string) {
  const response = await oauth.refreshTokenGrantRequest(as, { client_id: client.client_id }, auth(client), refreshToken, insecure);
  return oauth.processRefreshTokenResponse(as, { client_id: client.client_id }, response);
}

export async function probe(f: RunningFacade, path: 'admin' | 'granted' | 'any', token: string) {
  const res = await fetch(`${f.url}/probe/${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() as Record<string, unknown>, challenge: res.headers.get('www-authenticate') };
}
