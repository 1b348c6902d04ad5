import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { getJson, setJson, type Store } from '../store';

export const SIGNING_ALG = 'ES256';
const KEY = 'oauth:signing-key';

interface StoredKey {
  kid: string;
  privateJwk: JWK;
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half as published in the JWKS (RFC 7517). */
  publicJwk: JWK;
}

/**
 * The ES256 key that signs access tokens. It lives in the store and is created once with
 * set-if-absent, so every facade process sharing the store signs and verifies with the same key.
 */
export async function loadSigningKey(store: Store): Promise<SigningKey> {
  let stored = await getJson<StoredKey>(store, KEY);
  if (!stored) {
    const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const candidate: StoredKey = { kid: randomUUID(), privateJwk: await exportJWK(privateKey) };
    // Whoever wins the race defines the key; everyone reads the winner's.
    await setJson(store, KEY, candidate, { onlyIfAbsent: true });
    stored = await getJson<StoredKey>(store, KEY);
    if (!stored) throw new Error('signing key vanished from the store');
  }
  const { d: _private, ...publicFields } = stored.privateJwk;
  const publicJwk: JWK = { ...publicFields, kid: stored.kid, alg: SIGNING_ALG, use: 'sig' };
  return {
    kid: stored.kid,
    privateKey: await importJWK({ ...stored.privateJwk, alg: SIGNING_ALG }, SIGNING_ALG) as CryptoKey,
    publicKey: await importJWK(publicJwk, SIGNING_ALG) as CryptoKey,
    publicJwk,
  };
}

/** Loads the key on first use and keeps it (one round trip per process, not per token). */
export function signingKeyLoader(store: Store): () => Promise<SigningKey> {
  let pending: Promise<SigningKey> | undefined;
  return () => {
    pending ??= loadSigningKey(store).catch((err) => {
      pending = undefined; // a store outage must not poison the cache
      throw err;
    });
    return pending;
  };
}
