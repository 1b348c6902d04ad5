import type { RequestHandler } from 'express';
import { OAuthError } from '../errors';
import type { OAuthDeps } from './deps';
import { validateAccessToken, type TokenAuth } from './validateAccessToken';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `requireToken` on requests that carry a live access token (also when it then refuses them: 429, 403). */
    auth?: TokenAuth;
  }
}

export interface RequireTokenOptions {
  /** The token must hold at least one of these scopes (else 403 insufficient_scope). */
  anyScope?: string[];
  /** A further rule on the authenticated token; false → 403 insufficient_scope. */
  accept?: (auth: TokenAuth) => boolean;
}

const REALM = 'cds';

/** RFC 6750 §3: the challenge, with the error when there is one. */
function challenge(error?: string, description?: string, scope?: string): string {
  const parts = [`realm="${REALM}"`];
  if (error) parts.push(`error="${error}"`);
  if (description) parts.push(`error_description="${description.replace(/["\\]/g, '')}"`);
  if (scope) parts.push(`scope="${scope}"`);
  return `Bearer ${parts.join(', ')}`;
}

function failure(status: 400 | 401 | 403, error: 'invalid_request' | 'invalid_token' | 'insufficient_scope', description: string, scope?: string) {
  return new OAuthError(error, description, status, { 'WWW-Authenticate': challenge(error, description, scope) });
}

/**
 * Bearer authentication for the management and data APIs (RFC 6750 §2.1 only: cds-wg1-02 §11.2).
 * 401 when the token is missing, invalid, expired or revoked, or when its Client, Credential or
 * Grants no longer allow access; 403 `insufficient_scope` when it lacks the scope. Failed attempts
 * count against the caller's IP; successful ones against the Client and the Credential (§11.3).
 */
export function requireToken(deps: OAuthDeps, options: RequireTokenOptions = {}): RequestHandler {
  return async (req, _res, next) => {
    const ip = req.ip ?? 'unknown';
    const header = req.get('authorization');
    if (header === undefined) {
      // RFC 6750 §3.1: no error code when the request carried no credentials at all.
      throw new OAuthError('invalid_token', 'an access token is required', 401, { 'WWW-Authenticate': challenge() });
    }
    await deps.limiter.check('authFailure', ip);
    const rejectWith = async (error: OAuthError): Promise<never> => {
      await deps.limiter.consume('authFailure', ip);
      throw error;
    };
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    if (!match) return rejectWith(failure(400, 'invalid_request', 'the Authorization header must be "Bearer <token>"'));
    const validation = await validateAccessToken(deps, match[1]);
    if (!validation.ok) return rejectWith(failure(401, 'invalid_token', validation.reason));
    const { auth } = validation;
    // Known before the limits and the scope are checked, so the answers they give (429, 403) are
    // treated like any other to this token (e.g. encrypted to its Grant's `jwk`, cds-wg3-01 §7.4.6).
    req.auth = auth;
    await deps.limiter.consume('client', auth.clientId);
    if (auth.credentialId) await deps.limiter.consume('credential', auth.credentialId);
    const scoped = !options.anyScope || options.anyScope.some((s) => auth.scopes.includes(s));
    if (!scoped || (options.accept && !options.accept(auth))) {
      throw failure(403, 'insufficient_scope', 'the access token does not allow this request', options.anyScope?.join(' '));
    }
    next();
  };
}
