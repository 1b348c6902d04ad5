import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import type { PrivateJwk } from '../support/cdsDecrypt';

/** A fresh recipient key pair, as a Client's device would generate it. */
export function recipientKeyPair(): { publicJwk: JWK; privateJwk: PrivateJwk } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicJwk: { ...publicKey.export({ format: 'jwk' }), use: 'enc' } as JWK,
    privateJwk: privateKey.export({ format: 'jwk' }) as PrivateJwk,
  };
}
