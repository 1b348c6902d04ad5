import type { Request } from 'express';
import { OAuthError } from '../errors';
import type { RateLimiter } from '../plugins/useRateLimit';
import type { Directory, OAuthClient, OAuthCredential } from './directory';
import { single, type RawParams } from './params';

export interface AuthenticatedClient {
  client: OAuthClient;
  /** Null for public Clients (`none`). */
  credential: OAuthCredential | null;
}

type Presented =
  | { method: 'client_secret_basic'; clientId: string; secret: string }
  | { method: 'none'; clientId: string };

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="cds", charset="UTF-8"' };

function invalidClient(description: string, basic: boolean): OAuthError {
  // RFC 6749 §5.2: 401 with a challenge matching the scheme the client tried.
  return new OAuthError('invalid_client', description, 401, basic ? BASIC_CHALLENGE : {});
}

/** RFC 6749 §2.3.1: the id and secret are form-urlencoded before being joined and base64-encoded. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

function presented(req: Request, body: RawParams): Presented {
  const header = req.get('authorization');
  const bodyClientId = single(body, 'client_id');
  if (single(body, 'client_secret') !== undefined || single(body, 'client_assertion') !== undefined) {
    // Only client_secret_basic and none are offered (cds-wg1-02 §3.3.1 and the SDs).
    throw invalidClient('only HTTP Basic client authentication (client_secret_basic) is supported', true);
  }
  if (header === undefined) {
    if (!bodyClientId) throw invalidClient('client authentication is required', true);
    return { method: 'none', clientId: bodyClientId };
  }
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header);
  if (!match) throw invalidClient('the Authorization header must use the Basic scheme', true);
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidClient('malformed Basic credentials', true);
  let clientId: string;
  let secret: string;
  try {
    clientId = formDecode(decoded.slice(0, colon));
    secret = formDecode(decoded.slice(colon + 1));
  } catch {
    throw invalidClient('malformed Basic credentials', true);
  }
  if (!clientId || !secret) throw invalidClient('malformed Basic credentials', true);
  if (bodyClientId !== undefined && bodyClientId !== clientId) {
    throw new OAuthError('invalid_request', 'client_id in the body differs from the authenticated client');
  }
  return { method: 'client_secret_basic', clientId, secret };
}

/**
 * Authenticates the client of a token, PAR, revocation or introspection request (RFC 6749 §2.3).
 * Failures count against the caller's IP, which is refused once it has failed too often
 * (cds-wg1-02 §11.3); successes count against the Client and Credential budgets.
 */
export async function authenticateClient(
  req: Request,
  body: RawParams,
  deps: { directory: Directory; limiter: RateLimiter },
): Promise<AuthenticatedClient> {
  const ip = req.ip ?? 'unknown';
  await deps.limiter.check('authFailure', ip);
  try {
    const who = presented(req, body);
    const client = await deps.directory.client(who.clientId);
    const basic = who.method === 'client_secret_basic';
    if (!client) throw invalidClient('unknown client or wrong credentials', basic);
    if (client.cds_status === 'disabled') throw invalidClient('the client is disabled', basic);
    if ((client.token_endpoint_auth_method ?? null) !== who.method) {
      throw invalidClient(`this client authenticates with ${client.token_endpoint_auth_method ?? 'no method (it cannot use the token endpoint)'}`, basic);
    }
    let credential: OAuthCredential | null = null;
    if (who.method === 'client_secret_basic') {
      credential = await deps.directory.authenticateSecret(client.client_id, who.secret);
      if (!credential) throw invalidClient('unknown client or wrong credentials', true);
    }
    await deps.limiter.consume('client', client.client_id);
    if (credential) await deps.limiter.consume('credential', credential.credential_id);
    return { client, credential };
  } catch (err) {
    if (err instanceof OAuthError && err.error === 'invalid_client') await deps.limiter.consume('authFailure', ip);
    throw err;
  }
}
