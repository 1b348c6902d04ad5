import { expect } from 'vitest';
import { MemoryStore, RedisStore, type Store } from '../../../rest-facade/store';

/**
 * Keys that move on every request by design: rate-limit windows. Everything else must stay as it
 * was when a write is refused.
 */
const VOLATILE = /(^|:)ratelimit:/;

/**
 * Every key and value of the store, like test/oauth/support/snapshot.ts but in one round trip (a
 * Lua script), so a suite can take one around each of hundreds of requests.
 */
export interface Snapshot {
  values: Map<string, string>;
  /** Keys about to expire on their own (Redis TTL under a few seconds): their disappearance is no change. */
  expiring: Set<string>;
}

const SOON_MS = 5_000;

/** Every key under the prefix with its type, remaining TTL and value, in one round trip. */
const DUMP = `
local out, cursor = {}, '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1] .. '*', 'COUNT', 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do
    local kind = redis.call('TYPE', key).ok
    local value
    if kind == 'string' then value = redis.call('GET', key)
    elseif kind == 'set' then local m = redis.call('SMEMBERS', key); table.sort(m); value = table.concat(m, '\\n')
    elseif kind == 'zset' then value = table.concat(redis.call('ZRANGE', key, 0, -1, 'WITHSCORES'), '\\n')
    else value = '<' .. kind .. '>' end
    table.insert(out, key); table.insert(out, redis.call('PTTL', key)); table.insert(out, value)
  end
until cursor == '0'
return out`;

export async function snapshot(store: Store): Promise<Snapshot> {
  if (store instanceof MemoryStore) return { values: new Map([...store.dump()].filter(([key]) => !VOLATILE.test(key))), expiring: new Set() };
  if (!(store instanceof RedisStore)) throw new Error('unknown store');
  const { redis } = store;
  const prefix = redis.options.keyPrefix ?? '';
  // The script sees full key names: ioredis prefixes only declared keys, and this one declares none.
  const flat = await redis.eval(DUMP, 0, prefix) as (string | number)[];
  const values = new Map<string, string>();
  const expiring = new Set<string>();
  for (let i = 0; i < flat.length; i += 3) {
    const key = String(flat[i]).slice(prefix.length);
    if (VOLATILE.test(key)) continue;
    values.set(key, String(flat[i + 2]));
    const ttl = Number(flat[i + 1]);
    if (ttl >= 0 && ttl < SOON_MS) expiring.add(key);
  }
  return { values, expiring };
}

/** Keys added, removed or changed between two snapshots (a key that expired on its own is not a change). */
export function changedKeys(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...before.values.keys(), ...after.values.keys()]);
  return [...keys]
    .filter((k) => before.values.get(k) !== after.values.get(k))
    .filter((k) => !(after.values.get(k) === undefined && before.expiring.has(k)))
    .sort();
}

/**
 * Asserts that refused requests change nothing. The snapshot after one refusal is the snapshot
 * before the next (they changed nothing, or the assertion failed), so a run of refusals costs one
 * snapshot each; an accepted request forgets it.
 */
export class RefusalGuard {
  private last: Snapshot | undefined;

  /** `store` is read when needed: a suite builds its guards before its system starts. */
  constructor(private readonly store: () => Store) {}

  forget(): void {
    this.last = undefined;
  }

  async around<T>(action: () => Promise<T>, refused: (result: T) => boolean, what: (result: T) => string): Promise<T> {
    const before = this.last ?? await snapshot(this.store());
    this.last = undefined;
    const result = await action();
    if (!refused(result)) return result;
    const after = await snapshot(this.store());
    expect(changedKeys(before, after), `state changed by a refused request: ${what(result)}`).toEqual([]);
    this.last = after;
    return result;
  }
}
