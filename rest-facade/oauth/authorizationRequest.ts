import { OAuthError, type OAuthErrorCode } from '../errors';
import type { OAuthDeps } from './deps';
import type { OAuthClient } from './directory';
import { NO_ACCESS_STATUSES } from './liveness';
import { scopeTokens, single, type RawParams } from './params';
import { RESPONSE_MODES } from './paths';
import { isValidS256Challenge } from './pkce';
import { asSubmitted, checkRequestedAccess, detailsParam } from './requestedAccess';
import type { AuthorizationDetail } from './tokens';

/** A validated authorization request (RFC 6749 §4.1.1, RFC 9126, cds-wg1-02 §8.3, cds-wg3-01 §9.1.1). */
export interface AuthorizationRequest {
  client_id: string;
  response_type: 'code';
  /** The redirect_uri in effect: the one requested, or the Client's `cds_default_redirect_uri`. */
  redirect_uri: string;
  /** Whether the request named it (then the token request must repeat it, RFC 6749 §4.1.3). */
  redirect_uri_given: boolean;
  /** The Server-created receipt redirect_uri (§4.2): no code goes there, the customer gets a receipt. */
  redirect_uri_is_server_default: boolean;
  /** The scope in effect (requested, or `cds_default_scope`), plus scopes named by authorization_details types. */
  scope: string[];
  authorization_details: AuthorizationDetail[];
  state: string | null;
  code_challenge: string | null;
  code_challenge_method: 'S256' | null;
  /** §8.3: the Grant this authorization is for. */
  cds_grant_id: string | null;
  /** `prompt` values (§8.3 h: `login` forces re-authentication). */
  prompt: string[];
}

/**
 * Where a rejected request goes: cds-wg3-01 §9.1.1 — a bad client_id, redirect_uri or
 * response_type gets the Invalid Request Error page (the redirect target cannot be trusted);
 * everything else goes back to the validated redirect_uri (RFC 6749 §4.1.2.1).
 */
export class AuthorizationRequestError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly redirect: { redirect_uri: string; state: string | null; server_default: boolean } | null,
  ) {
    super(description);
  }
}

const PROMPTS = new Set(['login', 'consent']);

function page(error: OAuthErrorCode, description: string): never {
  throw new AuthorizationRequestError(error, description, null);
}

/** `single` for the parameters whose errors must not be redirected. */
function pageSingle(params: RawParams, name: string): string | undefined {
  try {
    return single(params, name);
  } catch (err) {
    if (err instanceof OAuthError) page('invalid_request', err.description);
    throw err;
  }
}

/** The client and the redirect target, validated before anything is sent back to a redirect_uri. */
async function clientAndRedirect(deps: OAuthDeps, params: RawParams) {
  const clientId = pageSingle(params, 'client_id');
  if (!clientId) page('invalid_request', 'client_id is missing');
  const client = await deps.directory.client(clientId);
  if (!client || client.cds_status === 'disabled') page('invalid_request', 'unknown or disabled client_id');
  if (!client.response_types.includes('code')) page('unauthorized_client', 'this client cannot use the authorization endpoint');
  const given = pageSingle(params, 'redirect_uri');
  const redirectUri = given ?? client.cds_default_redirect_uri;
  if (!redirectUri) page('invalid_request', 'redirect_uri is missing and the client has no default');
  if (!client.redirect_uris.includes(redirectUri)) page('invalid_request', 'redirect_uri is not registered for this client');
  const responseType = pageSingle(params, 'response_type');
  if (responseType !== 'code') page('unsupported_response_type', 'response_type must be code');
  return { client, redirectUri, given: given !== undefined };
}

/** §8.3 f/g: empty values are ignored; more than one non-empty value is rejected (digest A32). */
function grantIdParam(params: RawParams): string | null {
  const raw = params.cds_grant_id;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v) => v !== '');
  if (values.length > 1) throw new OAuthError('invalid_request', 'cds_grant_id is given more than once');
  return values[0] ?? null;
}

/**
 * §8.3 d/e: after every other parameter, the Grant named by `cds_grant_id` must be this Client's,
 * still open to authorization, and cover what is asked for.
 */
async function checkGrantId(deps: OAuthDeps, client: OAuthClient, grantId: string, scope: string[], details: AuthorizationDetail[]) {
  const [grant] = await deps.directory.grants([grantId]);
  const invalid = () => new OAuthError('cds_grant_id_invalid_value', 'cds_grant_id does not name a Grant this request can authorize');
  if (!grant || grant.client_id !== client.client_id) throw invalid();
  if (NO_ACCESS_STATUSES.has(grant.status) && grant.status !== 'future') throw invalid();
  const covered = new Set([...scopeTokens(grant.scope), ...grant.authorization_details.map((e) => e.type)]);
  if (scope.some((s) => !covered.has(s)) || details.some((e) => !covered.has(e.type))) throw invalid();
}

/**
 * Validates an authorization request's parameters, applying the Client's `cds_default_*` values
 * (§5.1). `authenticated` is the Client a PAR request authenticated as (RFC 9126 §2.1).
 */
export async function validateAuthorizationRequest(
  deps: OAuthDeps,
  params: RawParams,
  authenticated?: OAuthClient,
): Promise<AuthorizationRequest> {
  if (authenticated && params.client_id === undefined) params = { ...params, client_id: authenticated.client_id };
  const { client, redirectUri, given } = await clientAndRedirect(deps, params);
  if (authenticated && client.client_id !== authenticated.client_id) page('invalid_request', 'client_id differs from the authenticated client');
  const serverDefault = client.default_redirect_uri === redirectUri;
  let state: string | null = null;
  try {
    state = single(params, 'state') ?? null;
    for (const [name, value] of Object.entries(params)) {
      if (Array.isArray(value) && name !== 'cds_grant_id') throw new OAuthError('invalid_request', `parameter ${name} is repeated`);
    }
    if (params.request_uri !== undefined) throw new OAuthError('invalid_request', 'request_uri cannot be used here');
    if (params.request !== undefined) throw new OAuthError('request_not_supported', 'request objects are not supported');
    const mode = single(params, 'response_mode');
    if (mode !== undefined && !(RESPONSE_MODES as readonly string[]).includes(mode)) {
      throw new OAuthError('invalid_request', `response_mode must be ${RESPONSE_MODES.join(' or ')}`);
    }

    const method = single(params, 'code_challenge_method');
    const challenge = single(params, 'code_challenge') ?? null;
    if (method !== undefined && method !== 'S256') throw new OAuthError('invalid_request', 'code_challenge_method must be S256 (plain is not supported)');
    if (challenge === null && method !== undefined) throw new OAuthError('invalid_request', 'code_challenge_method without code_challenge');
    if (challenge !== null && method === undefined) throw new OAuthError('invalid_request', 'code_challenge_method=S256 is required (plain is not supported)');
    if (challenge !== null && !isValidS256Challenge(challenge)) throw new OAuthError('invalid_request', 'code_challenge is not an S256 challenge');
    const pkceRequired = client.token_endpoint_auth_method === 'none' || deps.config.PKCE_REQUIRED_FOR_CONFIDENTIAL_CLIENTS;
    if (challenge === null && pkceRequired) throw new OAuthError('invalid_request', 'PKCE (code_challenge with S256) is required');

    const prompt = (single(params, 'prompt') ?? '').split(' ').filter((p) => p !== '');
    const badPrompt = prompt.find((p) => !PROMPTS.has(p));
    if (badPrompt) throw new OAuthError('invalid_request', `prompt=${badPrompt} is not supported`);

    // §5.1, cds-wg3-01 §9.1.1: the Client's defaults stand in for what the request leaves out.
    const scopeParam = single(params, 'scope');
    const scope = scopeTokens(scopeParam ?? client.cds_default_scope);
    const defaults = client.cds_default_authorization_details;
    const details = detailsParam(single(params, 'authorization_details')) ?? (defaults?.length ? defaults : undefined);
    const access = checkRequestedAccess({
      client, scopes: deps.scopes, route: 'authorization_code', scope, authorization_details: details,
      now: new Date(deps.clock()), timezone: deps.config.CDS_TIMEZONE,
    });
    const authorizationDetails = asSubmitted(access.entries);

    const grantId = grantIdParam(params);
    if (grantId !== null) await checkGrantId(deps, client, grantId, access.scope, authorizationDetails);
    return {
      client_id: client.client_id,
      response_type: 'code',
      redirect_uri: redirectUri,
      redirect_uri_given: given,
      redirect_uri_is_server_default: serverDefault,
      scope: access.scope,
      authorization_details: authorizationDetails,
      state,
      code_challenge: challenge,
      code_challenge_method: challenge === null ? null : 'S256',
      cds_grant_id: grantId,
      prompt,
    };
  } catch (err) {
    if (err instanceof OAuthError) {
      throw new AuthorizationRequestError(err.error, err.description, { redirect_uri: redirectUri, state, server_default: serverDefault });
    }
    throw err;
  }
}
