import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryStore } from './memory';
import { RedisStore } from './redis';
import type { Store } from './store';

const implementations: [string, () => Store][] = [
  ['memory', () => new MemoryStore()],
  ['redis', () => new RedisStore(inject('redisUrl'), { keyPrefix: `contract:${randomUUID()}:` })],
];

describe.each(implementations)('Store contract: %s', (_name, make) => {
  const store = make();
  afterAll(() => store.close());

  it('gets, sets and deletes strings', async () => {
    expect(await store.get('a')).toBeNull();
    expect(await store.set('a', 'x')).toBe(true);
    expect(await store.get('a')).toBe('x');
    expect(await store.mget(['a', 'missing'])).toEqual(['x', null]);
    expect(await store.del('a', 'missing')).toBe(1);
    expect(await store.get('a')).toBeNull();
  });

  it('sets only if absent', async () => {
    expect(await store.set('nx', '1', { onlyIfAbsent: true })).toBe(true);
    expect(await store.set('nx', '2', { onlyIfAbsent: true })).toBe(false);
    expect(await store.get('nx')).toBe('1');
  });

  it('expires keys', async () => {
    await store.set('short', 'v', { ttlSeconds: 1 });
    expect(await store.ttl('short')).toBeGreaterThan(0);
    expect(await store.ttl('nothing')).toBe(-2);
    await store.set('forever', 'v');
    expect(await store.ttl('forever')).toBe(-1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await store.get('short')).toBeNull();
  });

  it('takes a value exactly once, even under concurrency', async () => {
    await store.set('once', 'code');
    const results = await Promise.all(Array.from({ length: 20 }, () => store.take('once')));
    expect(results.filter((r) => r === 'code')).toHaveLength(1);
    expect(await store.get('once')).toBeNull();
  });

  it('counts in fixed windows', async () => {
    const counts = await Promise.all(Array.from({ length: 10 }, () => store.incr('ctr', 60)));
    expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const ttl = await store.ttl('ctr');
    expect(ttl).toBeGreaterThan(55);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('keeps sets', async () => {
    expect(await store.sadd('s', 'a', 'b', 'a')).toBe(2);
    expect((await store.smembers('s')).sort()).toEqual(['a', 'b']);
    expect(await store.sismember('s', 'a')).toBe(true);
    expect(await store.srem('s', 'a', 'z')).toBe(1);
    expect(await store.sismember('s', 'a')).toBe(false);
  });

  it('orders sorted sets by score then member, and ranges by lex for keyset pages', async () => {
    for (const m of ['b', 'a', 'd', 'c']) await store.zadd('z', 0, m);
    expect(await store.zcard('z')).toBe(4);
    expect(await store.zrangeByLex('z', { min: '-', max: '+' })).toEqual(['a', 'b', 'c', 'd']);
    expect(await store.zrangeByLex('z', { min: '(b', max: '+', limit: 1 })).toEqual(['c']);
    expect(await store.zrangeByLex('z', { min: '-', max: '(c', reverse: true })).toEqual(['b', 'a']);
    expect(await store.zrangeByLex('z', { min: '[b', max: '[c' })).toEqual(['b', 'c']);
    await store.zadd('zs', 3, 'x');
    await store.zadd('zs', 1, 'y');
    await store.zadd('zs', 2, 'w');
    await store.zadd('zs', 5, 'y'); // re-scoring moves the member
    expect(await store.zrangeByScore('zs', { min: 0, max: 10 })).toEqual(['w', 'x', 'y']);
    expect(await store.zrangeByScore('zs', { min: 0, max: 4, reverse: true, limit: 1 })).toEqual(['x']);
    expect(await store.zscore('zs', 'y')).toBe(5);
    expect(await store.zscore('zs', 'nope')).toBeNull();
    expect(await store.zrem('zs', 'y', 'nope')).toBe(1);
    expect(await store.zcard('zs')).toBe(2);
  });

  it('applies a batch atomically', async () => {
    await store.atomically([
      { op: 'set', key: 'obj:1', value: '{"v":1}' },
      { op: 'zadd', key: 'idx', score: 0, member: 'k1' },
      { op: 'sadd', key: 'owner', member: 'obj:1' },
      { op: 'set', key: 'tmp', value: 't', ttlSeconds: 30 },
    ]);
    expect(await store.get('obj:1')).toBe('{"v":1}');
    expect(await store.zrangeByLex('idx', { min: '-', max: '+' })).toEqual(['k1']);
    expect(await store.smembers('owner')).toEqual(['obj:1']);
    expect(await store.ttl('tmp')).toBeGreaterThan(0);
    await store.atomically([
      { op: 'del', key: 'obj:1' },
      { op: 'zrem', key: 'idx', member: 'k1' },
      { op: 'srem', key: 'owner', member: 'obj:1' },
    ]);
    expect(await store.get('obj:1')).toBeNull();
    expect(await store.zcard('idx')).toBe(0);
  });

  it('answers ping', async () => {
    expect(await store.ping()).toBe(true);
  });
});

describe('RedisStore when Redis is gone', () => {
  it('fails the command quickly instead of hanging', async () => {
    const store = new RedisStore('redis://127.0.0.1:1');
    const started = Date.now();
    await expect(store.get('x')).rejects.toThrow();
    expect(await store.ping()).toBe(false);
    expect(Date.now() - started).toBeLessThan(30_000);
    await store.close();
  });
});
