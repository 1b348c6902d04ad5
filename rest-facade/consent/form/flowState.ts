import type { Store } from '../../store';

/** How long per-request marks live: longer than any pending authorization request. */
const TTL_SECONDS = 60 * 60;

/**
 * The fresh sign-in a `prompt=login` request needs (cds-wg1-02 §8.3 h): the login POST for the
 * request records the session's authentication time; the form accepts only that session.
 */
export function loginMark(store: Store) {
  const key = (requestId: string) => `consent:login-for:${requestId}`;
  return {
    set: (requestId: string, authenticatedAt: number) =>
      store.set(key(requestId), String(authenticatedAt), { ttlSeconds: TTL_SECONDS }),
    async matches(requestId: string, authenticatedAt: number | undefined): Promise<boolean> {
      const v = await store.get(key(requestId));
      return v !== null && authenticatedAt !== undefined && Number(v) === authenticatedAt;
    },
  };
}

/**
 * One decision per request (§9.2.1.6: no duplicate authorizations): the first POST that claims the
 * request proceeds; a repeated one is answered with the first outcome's redirect.
 */
export function decisionLock(store: Store) {
  const key = (requestId: string) => `consent:decision:${requestId}`;
  return {
    claim: (requestId: string) => store.set(key(requestId), 'pending', { onlyIfAbsent: true, ttlSeconds: TTL_SECONDS }),
    /** The redirect the decision produced, for a repeated submission. */
    settle: (requestId: string, location: string) => store.set(key(requestId), location, { ttlSeconds: TTL_SECONDS }),
    release: (requestId: string) => store.del(key(requestId)).then(() => undefined),
    async outcome(requestId: string): Promise<string | null> {
      const v = await store.get(key(requestId));
      return v === null || v === 'pending' ? null : v;
    },
  };
}
