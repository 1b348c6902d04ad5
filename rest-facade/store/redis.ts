import { Redis } from 'ioredis';
import type { LexRange, ScoreRange, SetOptions, Store, StoreOp } from './store';

/** Fixed-window counter: the expiry is set only by the increment that creates the key. */
const INCR_WITH_TTL = `
local n = redis.call('INCR', KEYS[1])
if n == 1 and tonumber(ARGV[1]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

export interface RedisStoreOptions {
  /** Namespace for every key, so several deployments or test suites can share one Redis. */
  keyPrefix?: string;
}

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly redis: Redis;

  constructor(url: string, options: RedisStoreOptions = {}) {
    this.redis = new Redis(url, {
      keyPrefix: options.keyPrefix,
      // Fail fast rather than hang a request while Redis is away; callers turn errors into 503s.
      maxRetriesPerRequest: 2,
      connectTimeout: 2_000,
      // Reconnect at most every half second however long Redis is gone: the default backoff grows to
      // 2 s, and each request waits two attempts before its 503.
      retryStrategy: (attempt: number) => Math.min(attempt * 50, 500),
      enableOfflineQueue: true,
      lazyConnect: false,
    });
    this.redis.defineCommand('incrWithTtl', { numberOfKeys: 1, lua: INCR_WITH_TTL });
    // Connection errors surface on the commands; an unhandled 'error' event would crash the process.
    this.redis.on('error', () => {});
  }

  get(key: string) { return this.redis.get(key); }

  async mget(keys: string[]) { return keys.length === 0 ? [] : this.redis.mget(...keys); }

  async set(key: string, value: string, options: SetOptions = {}) {
    const args: (string | number)[] = [];
    if (options.ttlSeconds !== undefined) args.push('EX', Math.max(1, Math.ceil(options.ttlSeconds)));
    if (options.onlyIfAbsent) args.push('NX');
    const result = await (this.redis.set as (...a: unknown[]) => Promise<string | null>)(key, value, ...args);
    return result === 'OK';
  }

  async del(...keys: string[]) { return keys.length === 0 ? 0 : this.redis.del(...keys); }

  take(key: string) { return this.redis.getdel(key); }

  async incr(key: string, ttlSeconds = 0) {
    const n = await (this.redis as unknown as { incrWithTtl(k: string, t: number): Promise<number> })
      .incrWithTtl(key, Math.ceil(ttlSeconds));
    return Number(n);
  }

  ttl(key: string) { return this.redis.ttl(key); }

  async sadd(key: string, ...members: string[]) { return members.length ? this.redis.sadd(key, ...members) : 0; }

  async srem(key: string, ...members: string[]) { return members.length ? this.redis.srem(key, ...members) : 0; }

  smembers(key: string) { return this.redis.smembers(key); }

  async sismember(key: string, member: string) { return (await this.redis.sismember(key, member)) === 1; }

  async zadd(key: string, score: number, member: string) { await this.redis.zadd(key, score, member); }

  async zrem(key: string, ...members: string[]) { return members.length ? this.redis.zrem(key, ...members) : 0; }

  zcard(key: string) { return this.redis.zcard(key); }

  zrangeByLex(key: string, { min, max, reverse, limit }: LexRange) {
    const lim = limit === undefined ? [] : ['LIMIT', 0, limit] as const;
    return reverse
      ? this.redis.zrevrangebylex(key, max, min, ...(lim as [])) as Promise<string[]>
      : this.redis.zrangebylex(key, min, max, ...(lim as [])) as Promise<string[]>;
  }

  zrangeByScore(key: string, { min, max, reverse, limit }: ScoreRange) {
    const lim = limit === undefined ? [] : ['LIMIT', 0, limit];
    return reverse
      ? (this.redis.zrevrangebyscore as (...a: unknown[]) => Promise<string[]>)(key, max, min, ...lim)
      : (this.redis.zrangebyscore as (...a: unknown[]) => Promise<string[]>)(key, min, max, ...lim);
  }

  async zscore(key: string, member: string) {
    const s = await this.redis.zscore(key, member);
    return s === null ? null : Number(s);
  }

  async atomically(ops: StoreOp[]) {
    if (ops.length === 0) return;
    const tx = this.redis.multi();
    for (const op of ops) {
      switch (op.op) {
        case 'set': op.ttlSeconds !== undefined ? tx.set(op.key, op.value, 'EX', Math.max(1, Math.ceil(op.ttlSeconds))) : tx.set(op.key, op.value); break;
        case 'del': tx.del(op.key); break;
        case 'sadd': tx.sadd(op.key, op.member); break;
        case 'srem': tx.srem(op.key, op.member); break;
        case 'zadd': tx.zadd(op.key, op.score, op.member); break;
        case 'zrem': tx.zrem(op.key, op.member); break;
      }
    }
    const results = await tx.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('redis transaction aborted');
  }

  async ping() {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close() { this.redis.disconnect(); }
}
