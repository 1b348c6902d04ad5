/**
 * How the engine reports a rejected request: an OAuth error code and a precise description.
 * RFC 9396 §5 (`invalid_authorization_details`), RFC 6749 §4.1.2.1/§5.2 (`invalid_scope`,
 * `invalid_request`). The caller turns it into a redirect (authorize) or a 400 body (PAR, token).
 */
export type AuthorizationDetailsErrorCode = 'invalid_authorization_details' | 'invalid_scope' | 'invalid_request';

export interface AuthorizationDetailsError {
  ok: false;
  error: AuthorizationDetailsErrorCode;
  error_description: string;
}

/** Thrown inside the engine, caught once at its entry points (keeps the checks linear). */
export class Rejection extends Error {
  constructor(readonly error: AuthorizationDetailsErrorCode, readonly description: string) {
    super(description);
    this.name = 'Rejection';
  }

  toResult(): AuthorizationDetailsError {
    return { ok: false, error: this.error, error_description: this.description };
  }
}

export const invalidDetails = (description: string) => new Rejection('invalid_authorization_details', description);
export const invalidScope = (description: string) => new Rejection('invalid_scope', description);
export const invalidRequest = (description: string) => new Rejection('invalid_request', description);
