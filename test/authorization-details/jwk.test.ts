import { describe, expect, it } from 'vitest';
import { echoed, jwkProblem, jwkThumbprint, type EcPublicJwk } from '../../rest-facade/authorization-details';
import { customerDataScopes } from '../../rest-facade/scopes/customer-data';
import { demoConfig, grant, privateJwk, publicJwk, validate } from './fixtures';

/**
 * The `jwk` field (cds-wg3-01 §7.4.6, format `jwk_or_null`): a public EC P-256 encryption key, and
 * one equal value for every Customer Data entry of a request after defaults (digest part 10 #35–#39).
 */

const NOW = new Date('2025-06-15T18:30:00Z');
const key = publicJwk();

// The overview's example key pair (its public key has no `use`).
const OVERVIEW_KEY = {
  kty: 'EC', crv: 'P-256',
  x: 'gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0', y: 'SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps',
};
const OVERVIEW_PRIVATE_KEY = { ...OVERVIEW_KEY, d: '0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo' };
// RFC 7517 Appendix A.1's EC public key.
const RFC7517_KEY = {
  kty: 'EC', crv: 'P-256', use: 'enc', kid: '1',
  x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4', y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM',
};

describe('a JWK Public Encryption Key', () => {
  it.each([
    ['a P-256 public key', key],
    ['with use "enc"', { ...key, use: 'enc' }],
    ['with alg ECDH-ES and a kid', { ...key, alg: 'ECDH-ES', kid: 'device-1' }],
    ['with key_ops for key agreement', { ...key, key_ops: ['deriveBits'] }],
    ['the overview\'s example public key', OVERVIEW_KEY],
    ['RFC 7517 A.1\'s key', RFC7517_KEY],
  ])('accepts %s', (_what, jwk) => {
    expect(jwkProblem(jwk)).toBeNull();
  });

  it.each([
    ['a private key', privateJwk(), /private member\(s\) d/],
    ['the overview\'s example private key', OVERVIEW_PRIVATE_KEY, /private member\(s\) d/],
    ['use "sig"', { ...key, use: 'sig' }, /"enc"/],
    ['key_ops for signing', { ...key, key_ops: ['verify'] }, /signing/],
    ['an RSA key', { kty: 'RSA', n: 'sXch', e: 'AQAB' }, /unsupported key type "RSA"/],
    ['a symmetric key', { kty: 'oct', k: 'c2VjcmV0' }, /private member\(s\) k/],
    ['a P-384 key', publicJwk('P-384'), /unsupported curve "P-384"/],
    ['another algorithm', { ...key, alg: 'RSA-OAEP-256' }, /unsupported "alg"/],
    ['a short coordinate', { ...key, x: 'AAAA' }, /x: must be 32 bytes/],
    ['a coordinate that is not base64url', { ...key, x: `${(key.x as string).slice(0, -1)}+` }, /x: must be 32 bytes/],
    ['a point off the curve', { ...key, y: key.x }, /not a point on P-256/],
    ['no coordinates', { kty: 'EC', crv: 'P-256' }, /x: /],
    ['a string', 'key', /JWK object/],
    ['an array', [key], /JWK object/],
  ])('rejects %s', (_what, jwk, pattern) => {
    expect(jwkProblem(jwk)).toMatch(pattern);
  });

  it('identifies a key by its RFC 7638 thumbprint, whatever its optional members', () => {
    expect(jwkThumbprint({ ...key, kid: 'a', use: 'enc' } as unknown as EcPublicJwk)).toBe(jwkThumbprint(key as unknown as EcPublicJwk));
    expect(jwkThumbprint(publicJwk() as EcPublicJwk)).not.toBe(jwkThumbprint(key as unknown as EcPublicJwk));
    expect(jwkThumbprint(OVERVIEW_PRIVATE_KEY as unknown as EcPublicJwk)).toBe(jwkThumbprint(OVERVIEW_KEY as EcPublicJwk));
  });
});

describe('in a request', () => {
  it('is echoed in the Grant and token response, on every scope that carries it', () => {
    const entries = grant({
      scope: 'cds_service_contracts cds_usage',
      details: [{ type: 'cds_service_contracts', jwk: key }, { type: 'cds_usage', jwk: { ...key, kid: 'phone' } }],
      now: NOW,
    });
    expect(echoed(entries).map((e) => e.jwk)).toEqual([key, { ...key, kid: 'phone' }]);
  });

  it('rejects two different keys', () => {
    expect(validate({ scope: 'cds_service_contracts cds_usage', details: [{ type: 'cds_service_contracts', jwk: key }, { type: 'cds_usage', jwk: publicJwk() }], now: NOW }))
      .toMatchObject({ ok: false, error: 'invalid_authorization_details', error_description: expect.stringMatching(/same jwk/) });
  });

  it('rejects a key on one scope and the default null on another', () => {
    expect(validate({ scope: 'cds_service_contracts cds_usage', details: [{ type: 'cds_usage', jwk: key }], now: NOW }))
      .toMatchObject({ ok: false, error: 'invalid_authorization_details', error_description: expect.stringMatching(/same jwk/) });
  });

  it('applies the same rule to token requests of direct scopes that list jwk (#39)', () => {
    expect(grant({ scope: 'cds_query_accounts cds_query_usage', details: [{ type: 'cds_query_accounts', jwk: key }, { type: 'cds_query_usage', jwk: key }], now: NOW })
      .map((e) => e.values.jwk)).toEqual([key, key]);
    expect(validate({ scope: 'cds_query_accounts cds_query_usage', details: [{ type: 'cds_query_accounts', jwk: key }], now: NOW }).ok).toBe(false);
  });

  it('refuses jwk on a scope that does not list it, never ignoring the key (#39)', () => {
    const { descriptions } = customerDataScopes(demoConfig((c) => { c.scopes = [{ id: 'cds_query_accounts', type: 'cds_query_accounts', omit: ['jwk'] }]; }));
    expect(validate({ scope: 'cds_query_accounts', details: [{ type: 'cds_query_accounts', jwk: key }], descriptions, now: NOW }))
      .toMatchObject({ ok: false, error: 'invalid_authorization_details', error_description: expect.stringMatching(/"jwk" is not supported/) });
    // …and a keyed scope next to one that cannot carry a key is "different values".
    const both = customerDataScopes(demoConfig((c) => {
      c.scopes = [{ id: 'cds_query_accounts', type: 'cds_query_accounts', omit: ['jwk'] }, { id: 'cds_query_usage', type: 'cds_query_usage' }];
    })).descriptions;
    expect(validate({ scope: 'cds_query_accounts cds_query_usage', details: [{ type: 'cds_query_usage', jwk: key }], descriptions: both, now: NOW }).ok).toBe(false);
  });

  it('rejects an invalid key with invalid_authorization_details naming the field', () => {
    expect(validate({ scope: 'cds_usage', details: [{ type: 'cds_usage', jwk: { ...key, d: 'secret' } }], now: NOW }))
      .toMatchObject({ ok: false, error: 'invalid_authorization_details', error_description: expect.stringMatching(/jwk must be a public key/) });
  });
});
