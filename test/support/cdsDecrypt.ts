import { createDecipheriv, createECDH, createHash } from 'node:crypto';

/**
 * An independent decryptor for CDS encrypted responses, written from the Python example in the
 * overview ("Providing a JWK in authorization_details for encrypted responses") step by step on
 * Node's classic crypto primitives — deliberately sharing no code with the server's encryptor and
 * not using jose — so that a round trip through it says something about the server.
 */

export interface PrivateJwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
  d: string;
}

/** A response as received: its headers (any case) and its raw body bytes. */
export interface EncryptedCdsResponse {
  headers: Headers | Record<string, string>;
  body: Uint8Array;
}

export interface DecryptedCdsResponse {
  /** The headers plaintext exactly as encrypted (`Name: value` lines joined by LF). */
  headers: string;
  body: Buffer;
}

/** Like the example's `urlsafe_b64decode(value + "===")`. */
function b64(value: string): Buffer {
  return Buffer.from(value, 'base64url');
}

function u32(n: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n); // struct.pack("!I", n)
  return out;
}

function header(headers: Headers, name: string): string {
  const value = headers.get(name);
  if (value === null) throw new Error(`missing ${name}`);
  return value;
}

/** "compose python private key from JWK_PRIVATE_KEY": d, checked against the given x and y. */
function privateKey(jwk: PrivateJwk): ReturnType<typeof createECDH> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error('expected an EC P-256 private key');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(b64(jwk.d));
  const expected = Buffer.concat([Buffer.from([4]), b64(jwk.x), b64(jwk.y)]);
  if (!ecdh.getPublicKey().equals(expected)) throw new Error('x/y do not belong to d');
  return ecdh;
}

/**
 * One part: decode the protected header (the AAD), check alg/enc, ECDH with its `epk`, Concat KDF
 * (SHA-256, one round, OtherInfo = len‖enc, len‖apu, len‖apv, 256), then AES-256-GCM.
 */
function decryptPart(key: ReturnType<typeof createECDH>, protectedHeader: string, iv: Buffer, ciphertext: Buffer, tag: Buffer): Buffer {
  const aad = Buffer.from(protectedHeader, 'ascii');
  const jwe = JSON.parse(b64(protectedHeader).toString('utf8'));
  if (jwe.alg !== 'ECDH-ES') throw new Error(`alg ${jwe.alg}`);
  if (jwe.enc !== 'A256GCM') throw new Error(`enc ${jwe.enc}`);
  const peer = Buffer.concat([Buffer.from([4]), b64(jwe.epk.x), b64(jwe.epk.y)]);

  const sharedKey = key.computeSecret(peer);
  const algid = Buffer.from(jwe.enc);
  const apu = 'apu' in jwe ? b64(jwe.apu) : Buffer.alloc(0);
  const apv = 'apv' in jwe ? b64(jwe.apv) : Buffer.alloc(0);
  const otherInfo = Buffer.concat([u32(algid.length), algid, u32(apu.length), apu, u32(apv.length), apv, u32(256)]);
  const aesKey = createHash('sha256').update(Buffer.concat([u32(1), sharedKey, otherInfo])).digest();

  const decipher = createDecipheriv('aes-256-gcm', aesKey, iv, { authTagLength: 16 });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** Decrypts only the headers part (all a HEAD, 204 or 304 response has). */
export function cdsDecryptHeaders(jwk: PrivateJwk, response: Pick<EncryptedCdsResponse, 'headers'>): string {
  const headers = new Headers(response.headers);
  return decryptPart(
    privateKey(jwk),
    header(headers, 'X-CDS-Header-JWE-Protected-Header'),
    b64(header(headers, 'X-CDS-Header-JWE-Initialization-Vector')),
    b64(header(headers, 'X-CDS-Header-JWE-Ciphertext')),
    b64(header(headers, 'X-CDS-Header-JWE-Authentication-Tag')),
  ).toString('utf8');
}

/** Decrypts both parts; the body's tag is its last 16 bytes. Throws if anything was altered. */
export function cdsDecrypt(jwk: PrivateJwk, response: EncryptedCdsResponse): DecryptedCdsResponse {
  const headers = new Headers(response.headers);
  const body = Buffer.from(response.body);
  if (body.length < 16) throw new Error('body shorter than the authentication tag');
  return {
    headers: cdsDecryptHeaders(jwk, response),
    body: decryptPart(
      privateKey(jwk),
      header(headers, 'X-CDS-Body-JWE-Protected-Header'),
      b64(header(headers, 'X-CDS-Body-JWE-Initialization-Vector')),
      body.subarray(0, body.length - 16),
      body.subarray(body.length - 16),
    ),
  };
}
