import { MemoryStore } from './memory';
import { RedisStore } from './redis';
import type { Store } from './store';

export type { LexBound, LexRange, ScoreRange, SetOptions, Store, StoreOp } from './store';
export { getJson, setJson } from './json';
export { MemoryStore } from './memory';
export { RedisStore } from './redis';

/** Redis when a URL is configured; otherwise the in-process embedded store. */
export function createStore(redisUrl: string | undefined, keyPrefix = 'cds:'): Store {
  return redisUrl ? new RedisStore(redisUrl, { keyPrefix }) : new MemoryStore();
}
