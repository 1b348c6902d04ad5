import type { SetOptions, Store } from './store';

/** JSON values over a Store; a corrupt value reads as absent rather than throwing mid-request. */
export async function getJson<T>(store: Store, key: string): Promise<T | null> {
  const raw = await store.get(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function setJson(store: Store, key: string, value: unknown, options?: SetOptions): Promise<boolean> {
  return store.set(key, JSON.stringify(value), options);
}
