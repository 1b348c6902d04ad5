import { createHash } from 'node:crypto';

function uint32be(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}

/** A length-prefixed field of the KDF's OtherInfo (RFC 7518 §4.6.2). */
function lengthPrefixed(data: Uint8Array): Buffer {
  return Buffer.concat([uint32be(data.length), data]);
}

/**
 * The Concat KDF (NIST SP 800-56A §5.8.1) with SHA-256 as RFC 7518 §4.6.2 uses it for ECDH-ES in
 * direct key agreement: AlgorithmID is the `enc` value, PartyUInfo/PartyVInfo are empty (we send
 * no `apu`/`apv`) and the key is 256 bits, so one SHA-256 round (counter 1) yields it.
 */
export function concatKdfSha256(sharedSecret: Uint8Array, enc: 'A256GCM'): Buffer {
  const keyBits = 256;
  const otherInfo = Buffer.concat([
    lengthPrefixed(Buffer.from(enc, 'ascii')),
    lengthPrefixed(Buffer.alloc(0)),
    lengthPrefixed(Buffer.alloc(0)),
    uint32be(keyBits),
  ]);
  return createHash('sha256').update(uint32be(1)).update(sharedSecret).update(otherInfo).digest();
}
