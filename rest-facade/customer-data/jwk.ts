import type { JWK } from 'jose';
import type { TokenAuth } from '../oauth';

/**
 * The key a token's Customer Data responses are encrypted to (cds-wg3-01 §7.4.6): the `jwk` of the
 * Grants it exercises. Read from the Grants themselves, not from the resolved access, so a
 * response is encrypted even when resolving the access fails (a 503 goes out encrypted too).
 * One key per request is enforced when Grants are made, so the first one found is the key.
 */
export function tokenJwk(auth: TokenAuth | undefined): JWK | null {
  for (const grant of auth?.accessGrants ?? []) {
    for (const entry of [...grant.enabled_authorization_details, ...grant.authorization_details]) {
      const jwk = (entry as { jwk?: unknown }).jwk;
      if (jwk !== null && typeof jwk === 'object' && !Array.isArray(jwk)) return jwk as JWK;
    }
  }
  return null;
}
