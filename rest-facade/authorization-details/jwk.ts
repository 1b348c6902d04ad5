import { createHash } from 'node:crypto';
import type { JWK } from 'jose';
import { importRecipientKey, InvalidRecipientKeyError } from '../jwe';

/**
 * The `jwk` authorization details field (cds-wg3-01 §7.4.6, format `jwk_or_null` of cds-wg1-02
 * §3.9): a JWK Public Encryption Key (RFC 7517 §4) the Customer Data API responses get encrypted to.
 * Supported: EC P-256 for ECDH-ES, the one the overview's encryption scheme uses.
 */

export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  [member: string]: unknown;
}

// RFC 7518 §6.2.2 / §6.3.2 private members of EC and RSA keys, and `k` of symmetric keys.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * Why `value` is not a usable public encryption key, or null when it is one. The precise checks
 * come first for a helpful `error_description`; the last word is the response encryptor's own
 * import, so a key accepted here is always one responses can be encrypted to.
 */
export function jwkProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a JWK object or null';
  const jwk = value as Record<string, unknown>;
  const leaked = PRIVATE_MEMBERS.filter((m) => m in jwk);
  if (leaked.length) return `must be a public key, but carries the private member(s) ${leaked.join(', ')}`;
  // §2: the key's `use` MUST be "enc"; the overview's own example omits `use`, so absence is accepted.
  if ('use' in jwk && jwk.use !== 'enc') return `has "use" ${JSON.stringify(jwk.use)}, but an encryption key needs "enc"`;
  if ('key_ops' in jwk) {
    const ops = jwk.key_ops;
    if (!Array.isArray(ops) || ops.some((op) => typeof op !== 'string')) return 'has a malformed "key_ops"';
    if (ops.some((op) => op === 'sign' || op === 'verify')) return 'has "key_ops" for signing, not encryption';
  }
  if (jwk.kty !== 'EC') return `has unsupported key type ${JSON.stringify(jwk.kty)} (supported: EC P-256)`;
  if (jwk.crv !== 'P-256') return `has unsupported curve ${JSON.stringify(jwk.crv)} (supported: P-256)`;
  if ('alg' in jwk && jwk.alg !== 'ECDH-ES') return `has unsupported "alg" ${JSON.stringify(jwk.alg)} (supported: ECDH-ES)`;
  try {
    importRecipientKey(jwk as JWK);
  } catch (err) {
    if (err instanceof InvalidRecipientKeyError) return `is not usable: ${err.message}`;
    throw err;
  }
  return null;
}

/** RFC 7638 thumbprint: two JWKs are the same key exactly when their thumbprints are equal. */
export function jwkThumbprint(jwk: EcPublicJwk): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}
