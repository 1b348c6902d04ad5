import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A high-entropy opaque value (256 bits, base64url): codes, refresh tokens, request ids. */
export function opaqueValue(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * How an opaque value is keyed in the store: its SHA-256, so the store never holds the value
 * itself (a store dump yields no usable code or refresh token). A fast hash is enough for 256-bit
 * random values; passwords and client secrets are the Credential repository's business.
 */
export function storageId(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Constant-time string comparison. */
export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
