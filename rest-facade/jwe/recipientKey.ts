import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { z } from 'zod';

/** A base64url (unpadded) encoding of exactly 32 bytes: one P-256 coordinate. */
const coordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes, base64url without padding');

/**
 * The recipient keys this server can encrypt to (cds-wg3-01 §7.4.6 requires at least EC P-256):
 * a public EC P-256 JWK meant for encryption with ECDH-ES. A missing `use` is accepted because the
 * overview's own example key has none (digest part 10 #35).
 */
export const recipientJwkSchema = z
  .looseObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: coordinate,
    y: coordinate,
    use: z.literal('enc').optional(),
    alg: z.literal('ECDH-ES').optional(),
  })
  .refine((jwk) => !('d' in jwk), { message: 'must be a public key (no "d")' });

export class InvalidRecipientKeyError extends Error {
  constructor(reason: string) {
    super(`cannot encrypt to this JWK: ${reason}`);
    this.name = 'InvalidRecipientKeyError';
  }
}

/** Validates `jwk` and imports it; the import also rejects points that are not on the curve. */
export function importRecipientKey(jwk: JWK): KeyObject {
  const parsed = recipientJwkSchema.safeParse(jwk);
  if (!parsed.success) {
    throw new InvalidRecipientKeyError(parsed.error.issues.map((i) => `${i.path.join('.') || 'jwk'}: ${i.message}`).join('; '));
  }
  const { kty, crv, x, y } = parsed.data;
  try {
    return createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' });
  } catch {
    throw new InvalidRecipientKeyError('not a point on P-256');
  }
}
