import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new client secret: 256 random bits, base64url. */
export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored digest. */
export function secretMatches(secret: string, digestHex: string): boolean {
  const presented = createHash('sha256').update(secret, 'utf8').digest();
  const stored = Buffer.from(digestHex, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** What a Credential shows once its secret has been delivered: a mask ending like the secret. */
export function maskedSecret(hint: string): string {
  return `********${hint}`;
}
