import { MemoryStore, RedisStore, type Store } from '../../../rest-facade/store';

/** Rate-limit counters move on every request by design; everything else must not move on a rejection. */
const VOLATILE = /(^|:)ratelimit:/;

/** Every key and value of the store (Redis: SCAN over the prefix), for "changed no state" checks and secret greps. */
export async function snapshot(store: Store): Promise<Map<string, string>> {
  if (store instanceof MemoryStore) {
    return new Map([...store.dump()].filter(([key]) => !VOLATILE.test(key)));
  }
  if (!(store instanceof RedisStore)) throw new Error('unknown store');
  const { redis } = store;
  const prefix = redis.options.keyPrefix ?? '';
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const full of keys) {
      const key = full.slice(prefix.length);
      if (VOLATILE.test(key)) continue;
      const type = await redis.type(key);
      const value = type === 'string' ? await redis.get(key)
        : type === 'set' ? (await redis.smembers(key)).sort().join('\n')
          : type === 'zset' ? (await redis.zrange(key, 0, -1)).join('\n')
            : `<${type}>`;
      if (value !== null) out.set(key, value);
    }
  } while (cursor !== '0');
  return out;
}

/** The keys whose values differ between two snapshots (added, removed or changed). */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
