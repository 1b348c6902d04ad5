import { createCipheriv, diffieHellman, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { concatKdfSha256 } from './concatKdf';

/** One JWE-style part of an encrypted response (the headers or the body), being encrypted. */
export interface PartEncryptor {
  /** base64url of the protected header JSON; its ASCII bytes are also the AAD. */
  readonly protectedHeader: string;
  /** base64url of the 96-bit IV. */
  readonly initializationVector: string;
  /** Encrypts the next plaintext bytes; the ciphertext has the same length. */
  update(plaintext: Uint8Array): Buffer;
  /** Ends the part and returns its 16-byte authentication tag. */
  final(): Buffer;
}

const ENC = 'A256GCM';

/**
 * Starts one ECDH-ES (direct key agreement) + A256GCM encryption to `recipient` (RFC 7518 §4.6,
 * §5.3) with a fresh ephemeral key and IV, as the overview's encrypted-response scheme does for
 * each part. Incremental so a large body is encrypted chunk by chunk, never concatenated.
 */
export function createPartEncryptor(recipient: KeyObject): PartEncryptor {
  const ephemeral = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y } = ephemeral.publicKey.export({ format: 'jwk' });
  const header = { alg: 'ECDH-ES', enc: ENC, epk: { crv: 'P-256', kty: 'EC', x, y } };
  const protectedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');

  const cek = concatKdfSha256(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ENC);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cek, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(protectedHeader, 'ascii'));

  return {
    protectedHeader,
    initializationVector: iv.toString('base64url'),
    update: (plaintext) => cipher.update(plaintext),
    final: () => {
      cipher.final();
      return cipher.getAuthTag();
    },
  };
}
