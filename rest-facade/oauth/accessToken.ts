import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { SIGNING_ALG, type SigningKey } from './signingKey';

/** RFC 9068 §2.1: the media type of JWT access tokens, in the `typ` header. */
export const ACCESS_TOKEN_TYP = 'at+jwt';

/**
 * The claims of an access token (RFC 9068 §2.2). `sub` is the Client: the customer behind a code
 * grant is never disclosed to the Client through the token. `cds_grant_ids` names the Grants the
 * token draws its access from; every use re-checks their status.
 */
export const accessTokenClaims = z.object({
  iss: z.string(),
  aud: z.string(),
  sub: z.string(),
  client_id: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string(),
  scope: z.string(),
  cds_grant_ids: z.array(z.string()),
  /** The token family (one issuance and its refreshes), so a revocation reaches every sibling. */
  fid: z.string(),
});

export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;

export interface MintInput {
  issuer: string;
  audience: string;
  clientId: string;
  scope: string;
  grantIds: string[];
  fid: string;
  now: number;
  ttl: number;
}

export async function mintAccessToken(key: SigningKey, input: MintInput): Promise<{ token: string; claims: AccessTokenClaims }> {
  const claims: AccessTokenClaims = {
    iss: input.issuer,
    aud: input.audience,
    sub: input.clientId,
    client_id: input.clientId,
    iat: input.now,
    exp: input.now + input.ttl,
    jti: randomUUID(),
    scope: input.scope,
    cds_grant_ids: input.grantIds,
    fid: input.fid,
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, typ: ACCESS_TOKEN_TYP, kid: key.kid })
    .sign(key.privateKey);
  return { token, claims };
}

export type VerifyFailure = 'expired' | 'invalid';

/**
 * Checks signature, `typ`, issuer, audience and lifetime (RFC 9068 §4). The result is only the
 * cryptographic verdict; whether the token is still live is the token store's and the Grants' say.
 */
export async function verifyAccessToken(
  key: SigningKey,
  token: string,
  expected: { issuer: string; audience: string; now: number },
): Promise<{ ok: true; claims: AccessTokenClaims } | { ok: false; reason: VerifyFailure }> {
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: [SIGNING_ALG],
      typ: ACCESS_TOKEN_TYP,
      issuer: expected.issuer,
      audience: expected.audience,
      currentDate: new Date(expected.now * 1000),
      clockTolerance: 0,
    });
    const claims = accessTokenClaims.safeParse(payload);
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: 'invalid' };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    if (err instanceof joseErrors.JOSEError) return { ok: false, reason: 'invalid' };
    throw err;
  }
}

/** A compact JWS has three base64url parts; anything else cannot be one of our access tokens. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}
