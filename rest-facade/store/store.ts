/**
 * The facade's only state. Two implementations with one contract (store.contract.test.ts):
 * Redis (production, shared by every facade process) and an in-process map (the embedded default).
 * Values are strings; callers encode JSON with ./json.ts.
 */
export interface SetOptions {
  /** Expire the key after this many seconds. */
  ttlSeconds?: number;
  /** Only set when the key does not exist (SET NX); the result says whether it was set. */
  onlyIfAbsent?: boolean;
}

/** A lexicographic range bound over sorted-set members: `[x` inclusive, `(x` exclusive, `-`/`+` open. */
export type LexBound = `[${string}` | `(${string}` | '-' | '+';

export interface LexRange {
  min: LexBound;
  max: LexBound;
  /** Walk from max down to min. */
  reverse?: boolean;
  limit?: number;
}

export interface ScoreRange {
  min: number;
  max: number;
  reverse?: boolean;
  limit?: number;
}

/** One step of an atomic batch. */
export type StoreOp =
  | { op: 'set'; key: string; value: string; ttlSeconds?: number }
  | { op: 'del'; key: string }
  | { op: 'sadd'; key: string; member: string }
  | { op: 'srem'; key: string; member: string }
  | { op: 'zadd'; key: string; score: number; member: string }
  | { op: 'zrem'; key: string; member: string };

export interface Store {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  mget(keys: string[]): Promise<(string | null)[]>;
  /** Returns false only when `onlyIfAbsent` is set and the key already existed. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  /** Atomically read and delete (GETDEL): a one-time value can be taken once. */
  take(key: string): Promise<string | null>;
  /** Atomically increment; the TTL is set when the counter is created (fixed windows). */
  incr(key: string, ttlSeconds?: number): Promise<number>;
  /** Remaining lifetime in seconds; -1 without expiry, -2 when missing. */
  ttl(key: string): Promise<number>;
  sadd(key: string, ...members: string[]): Promise<number>;
  srem(key: string, ...members: string[]): Promise<number>;
  smembers(key: string): Promise<string[]>;
  sismember(key: string, member: string): Promise<boolean>;
  zadd(key: string, score: number, member: string): Promise<void>;
  zrem(key: string, ...members: string[]): Promise<number>;
  zcard(key: string): Promise<number>;
  /** Members with equal scores, ordered by member bytes (use score 0 for keyset indexes). */
  zrangeByLex(key: string, range: LexRange): Promise<string[]>;
  zrangeByScore(key: string, range: ScoreRange): Promise<string[]>;
  zscore(key: string, member: string): Promise<number | null>;
  /** All steps or none, with no interleaving from other clients. */
  atomically(ops: StoreOp[]): Promise<void>;
  /** Liveness check used by /healthz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
