import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { flattenedDecrypt, importJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { encryptResponse, InvalidRecipientKeyError, JWE_HEADERS, type HeaderLines } from '../../rest-facade/jwe';
import { cdsDecrypt, cdsDecryptHeaders } from '../support/cdsDecrypt';
import { recipientKeyPair } from './keys';

const { publicJwk, privateJwk } = recipientKeyPair();
const headers: HeaderLines = [['Content-Type', 'application/json'], ['X-Request-Id', 'req-1']];
const json = Buffer.from('{"accounts": [], "next": null, "previous": null}');

function encryptToBuffer(body: readonly Uint8Array[] | null, lines: HeaderLines = headers, jwk: JWK = publicJwk) {
  const encrypted = encryptResponse(jwk, lines, body);
  const bytes = Buffer.concat([...encrypted.body]);
  return { headers: encrypted.headers, body: bytes, contentLength: encrypted.contentLength };
}

function protectedHeaderOf(value: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
}

describe('encryptResponse', () => {
  it('round-trips headers and body through the independent decryptor', () => {
    const out = encryptToBuffer([json]);
    expect(out.contentLength).toBe(json.length + 16);
    expect(out.body.length).toBe(out.contentLength);
    const decrypted = cdsDecrypt(privateJwk, out);
    expect(decrypted.headers).toBe('Content-Type: application/json\nX-Request-Id: req-1');
    expect(decrypted.body.equals(json)).toBe(true);
  });

  it('round-trips a large body given in chunks, without the chunks being joined first', () => {
    const chunks = Array.from({ length: 24 }, () => randomBytes(64 * 1024)); // 1.5 MiB
    const encrypted = encryptResponse(publicJwk, headers, chunks);
    const pieces = [...encrypted.body];
    expect(pieces).toHaveLength(chunks.length + 1); // one ciphertext piece per chunk, then the tag
    expect(pieces.at(-1)).toHaveLength(16);
    const decrypted = cdsDecrypt(privateJwk, { headers: encrypted.headers, body: Buffer.concat(pieces) });
    expect(decrypted.body.equals(Buffer.concat(chunks))).toBe(true);
  });

  it('round-trips any headers and body bytes, however the body is chunked', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/);
    const value = fc.stringMatching(/^[ -~\t]{0,40}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(token, value)), fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 5 }), (lines, chunks) => {
        const out = encryptToBuffer(chunks, lines);
        const decrypted = cdsDecrypt(privateJwk, out);
        expect(decrypted.headers).toBe(lines.map(([n, v]) => `${n}: ${v}`).join('\n'));
        expect(decrypted.body.equals(Buffer.concat(chunks))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('encrypts an empty body to just the tag, and omits the body part when there is no body', () => {
    const empty = encryptToBuffer([]);
    expect(empty.body).toHaveLength(16);
    expect(cdsDecrypt(privateJwk, empty).body).toHaveLength(0);

    const none = encryptToBuffer(null);
    expect(none.body).toHaveLength(0);
    expect(none.contentLength).toBe(0);
    expect(Object.keys(none.headers).sort()).toEqual([
      JWE_HEADERS.headerAuthenticationTag, JWE_HEADERS.headerCiphertext,
      JWE_HEADERS.headerInitializationVector, JWE_HEADERS.headerProtectedHeader,
    ].sort());
    expect(cdsDecryptHeaders(privateJwk, none)).toBe('Content-Type: application/json\nX-Request-Id: req-1');
  });

  it('emits each part as a standard flattened JWE that jose decrypts too', async () => {
    const out = encryptToBuffer([json]);
    const key = await importJWK({ ...privateJwk, alg: 'ECDH-ES' } as JWK, 'ECDH-ES');
    const h = out.headers;
    const headersPart = await flattenedDecrypt({
      protected: h[JWE_HEADERS.headerProtectedHeader],
      iv: h[JWE_HEADERS.headerInitializationVector],
      ciphertext: h[JWE_HEADERS.headerCiphertext],
      tag: h[JWE_HEADERS.headerAuthenticationTag],
    }, key);
    const bodyPart = await flattenedDecrypt({
      protected: h[JWE_HEADERS.bodyProtectedHeader],
      iv: h[JWE_HEADERS.bodyInitializationVector],
      ciphertext: out.body.subarray(0, -16).toString('base64url'),
      tag: out.body.subarray(-16).toString('base64url'),
    }, key);
    expect(Buffer.from(headersPart.plaintext).toString()).toBe('Content-Type: application/json\nX-Request-Id: req-1');
    expect(Buffer.from(bodyPart.plaintext).equals(json)).toBe(true);
  });

  it('sends only alg, enc and epk in the protected headers, unpadded base64url everywhere', () => {
    const out = encryptToBuffer([json]);
    for (const name of [JWE_HEADERS.headerProtectedHeader, JWE_HEADERS.bodyProtectedHeader]) {
      const header = protectedHeaderOf(out.headers[name]);
      expect(Object.keys(header).sort()).toEqual(['alg', 'enc', 'epk']);
      expect(header.alg).toBe('ECDH-ES');
      expect(header.enc).toBe('A256GCM');
      expect(Object.keys(header.epk as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    }
    for (const value of Object.values(out.headers)) expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(out.headers[JWE_HEADERS.headerInitializationVector], 'base64url')).toHaveLength(12);
    expect(Buffer.from(out.headers[JWE_HEADERS.bodyInitializationVector], 'base64url')).toHaveLength(12);
    expect(Buffer.from(out.headers[JWE_HEADERS.headerAuthenticationTag], 'base64url')).toHaveLength(16);
  });

  it('uses a fresh ephemeral key and IV for every part of every response', () => {
    const a = encryptToBuffer([json]);
    const b = encryptToBuffer([json]);
    const epks = [a, b].flatMap((r) => [JWE_HEADERS.headerProtectedHeader, JWE_HEADERS.bodyProtectedHeader]
      .map((name) => JSON.stringify(protectedHeaderOf(r.headers[name]).epk)));
    expect(new Set(epks).size).toBe(4);
    const ivs = [a, b].flatMap((r) => [r.headers[JWE_HEADERS.headerInitializationVector], r.headers[JWE_HEADERS.bodyInitializationVector]]);
    expect(new Set(ivs).size).toBe(4);
    expect(a.body.equals(b.body)).toBe(false);
    expect(a.headers[JWE_HEADERS.headerCiphertext]).not.toBe(b.headers[JWE_HEADERS.headerCiphertext]);
  });

  it('fails to decrypt when any header field, IV, body byte or tag is altered', () => {
    const out = encryptToBuffer([json]);
    expect(() => cdsDecrypt(privateJwk, out)).not.toThrow();
    /** Flips one bit of the decoded value (editing a base64url character may not change the bytes). */
    const flip = (value: string, index = 0) => {
      const bytes = Buffer.from(value, 'base64url');
      bytes[index] ^= 0x01;
      return bytes.toString('base64url');
    };
    const withHeader = (name: string, value: string) => ({ headers: { ...out.headers, [name]: value }, body: out.body });
    const withByte = (index: number) => {
      const body = Buffer.from(out.body);
      body[index] ^= 0x80;
      return { headers: out.headers, body };
    };
    /** Re-encodes a protected header with one more member: only the AAD binding can notice. */
    const extended = (value: string) => Buffer.from(JSON.stringify({ ...protectedHeaderOf(value), kid: 'k' })).toString('base64url');

    const tampered = [
      ...Object.values(JWE_HEADERS).map((name) => withHeader(name, flip(out.headers[name], 3))),
      ...Object.values(JWE_HEADERS).map((name) => withHeader(name, flip(out.headers[name], Buffer.from(out.headers[name], 'base64url').length - 1))),
      withHeader(JWE_HEADERS.headerProtectedHeader, extended(out.headers[JWE_HEADERS.headerProtectedHeader])),
      withHeader(JWE_HEADERS.bodyProtectedHeader, extended(out.headers[JWE_HEADERS.bodyProtectedHeader])),
      withByte(0), withByte(json.length - 1), // ciphertext
      withByte(json.length), withByte(out.body.length - 1), // tag
      { headers: out.headers, body: out.body.subarray(0, -1) },
    ];
    for (const [i, response] of tampered.entries()) expect(() => cdsDecrypt(privateJwk, response), `case ${i}`).toThrow();
  });

  it('cannot be decrypted with another private key', () => {
    const out = encryptToBuffer([json]);
    expect(() => cdsDecrypt(recipientKeyPair().privateJwk, out)).toThrow();
  });

  it('rejects keys it cannot encrypt to, before encrypting anything', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' }) as JWK;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as JWK;
    const offCurve = { ...publicJwk, y: publicJwk.x };
    const bad: JWK[] = [
      { ...privateJwk }, // a private key
      p384, rsa, offCurve,
      { ...publicJwk, use: 'sig' },
      { ...publicJwk, alg: 'ECDH-ES+A256KW' },
      { ...publicJwk, x: `${publicJwk.x}=` },
    ];
    for (const jwk of bad) expect(() => encryptResponse(jwk, headers, [json]), JSON.stringify(jwk)).toThrow(InvalidRecipientKeyError);
    // The overview's example key has no `use` (digest part 10 #35).
    const { use: _use, ...withoutUse } = publicJwk;
    expect(() => encryptResponse(withoutUse, headers, [json])).not.toThrow();
  });

  it('refuses header lines the plaintext format cannot carry', () => {
    expect(() => encryptResponse(publicJwk, [['X-Evil', 'a\nInjected: yes']], [json])).toThrow();
    expect(() => encryptResponse(publicJwk, [['Bad Name', 'v']], [json])).toThrow();
  });
});
