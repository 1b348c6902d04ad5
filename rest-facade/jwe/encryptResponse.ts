import type { JWK } from 'jose';
import { createPartEncryptor, type PartEncryptor } from './encryptPart';
import { formatHeaderLines, type HeaderLines } from './headerLines';
import { importRecipientKey } from './recipientKey';
import { JWE_HEADERS } from './wireHeaders';

const TAG_BYTES = 16;

export interface EncryptedResponse {
  /** The `X-CDS-Header-JWE-*` headers, and the `X-CDS-Body-JWE-*` ones when there is a body. */
  headers: Record<string, string>;
  /**
   * The raw HTTP body, ciphertext ‖ tag, as chunks: each body chunk's ciphertext is produced when
   * it is pulled, then the tag. Iterate once. Empty when the response has no body.
   */
  body: Iterable<Buffer>;
  /** Bytes in `body`: the plaintext length plus the 16-byte tag (0 without a body). */
  contentLength: number;
}

function* encryptBody(part: PartEncryptor, chunks: readonly Uint8Array[]): Generator<Buffer> {
  for (const chunk of chunks) if (chunk.length > 0) yield part.update(chunk);
  yield part.final();
}

/**
 * Encrypts one Customer Data response to the Grant's `jwk` (cds-wg3-01 §7.4.6) in the overview's
 * scheme (digest part 8.2): the headers plaintext and the body are two separate ECDH-ES + A256GCM
 * encryptions, each with its own ephemeral key and IV. `body` is `null` for a response that carries
 * none (HEAD, 204, 304): then only the headers part is produced.
 * Throws `InvalidRecipientKeyError` for a key it cannot encrypt to.
 */
export function encryptResponse(
  recipient: JWK,
  headers: HeaderLines,
  body: readonly Uint8Array[] | null,
): EncryptedResponse {
  const key = importRecipientKey(recipient);

  const headersPart = createPartEncryptor(key);
  const headersCiphertext = headersPart.update(Buffer.from(formatHeaderLines(headers), 'utf8'));
  const out: Record<string, string> = {
    [JWE_HEADERS.headerProtectedHeader]: headersPart.protectedHeader,
    [JWE_HEADERS.headerInitializationVector]: headersPart.initializationVector,
    [JWE_HEADERS.headerCiphertext]: headersCiphertext.toString('base64url'),
    [JWE_HEADERS.headerAuthenticationTag]: headersPart.final().toString('base64url'),
  };
  if (body === null) return { headers: out, body: [], contentLength: 0 };

  const bodyPart = createPartEncryptor(key);
  out[JWE_HEADERS.bodyProtectedHeader] = bodyPart.protectedHeader;
  out[JWE_HEADERS.bodyInitializationVector] = bodyPart.initializationVector;
  const plaintextLength = body.reduce((sum, chunk) => sum + chunk.length, 0);
  return { headers: out, body: encryptBody(bodyPart, body), contentLength: plaintextLength + TAG_BYTES };
}
