/**
 * A value shared by every request of the process for `ttlMs`, then fetched again: for small
 * reference data (catalogues) that changes rarely. Callers during a fetch share it; a failed fetch
 * is not kept, so the next caller tries again.
 */
export function cachedFor<T>(ttlMs: number, fetch: () => Promise<T>, clock: () => number = Date.now): () => Promise<T> {
  let value: Promise<T> | undefined;
  let fetchedAt = -Infinity;
  return () => {
    const now = clock();
    if (value && now - fetchedAt < ttlMs) return value;
    fetchedAt = now;
    const current = fetch();
    value = current;
    current.catch(() => { if (value === current) value = undefined; });
    return current;
  };
}
