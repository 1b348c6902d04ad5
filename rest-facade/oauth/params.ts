import { OAuthError } from '../errors';

/** A parsed query string or form body: a repeated parameter arrives as an array. */
export type RawParams = Record<string, string | string[] | undefined>;

/**
 * RFC 6749 §3.1/§3.2: parameters sent without a value are treated as omitted, and parameters MUST
 * NOT be included more than once. Returns the value, undefined when absent or empty.
 */
export function single(params: RawParams, name: string): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) {
    throw new OAuthError('invalid_request', `parameter ${name} is repeated`);
  }
  return value === undefined || value === '' ? undefined : value;
}

export function required(params: RawParams, name: string): string {
  const value = single(params, name);
  if (value === undefined) throw new OAuthError('invalid_request', `parameter ${name} is missing`);
  return value;
}

/** Space-delimited scope tokens (RFC 6749 §3.3), without duplicates, in the order given. */
export function scopeTokens(scope: string | undefined): string[] {
  if (!scope) return [];
  if (!/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/.test(scope)) {
    throw new OAuthError('invalid_scope', 'scope is not a space-separated list of scope tokens');
  }
  return [...new Set(scope.split(' '))];
}

/** The parameters of a request body or query as a plain object of strings (for storage). */
export function asRecord(params: unknown): RawParams {
  return params && typeof params === 'object' ? (params as RawParams) : {};
}
