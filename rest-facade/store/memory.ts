import type { LexBound, LexRange, ScoreRange, SetOptions, Store, StoreOp } from './store';

interface Entry {
  value: string | Set<string> | SortedSet;
  expiresAt?: number;
}

interface ZItem {
  score: number;
  member: string;
}

/** Redis's order for a sorted set: by score, then by member (members are ASCII here). */
function zcompare(a: ZItem, b: ZItem): number {
  if (a.score !== b.score) return a.score - b.score;
  return a.member < b.member ? -1 : a.member > b.member ? 1 : 0;
}

class SortedSet {
  readonly items: ZItem[] = [];
  readonly scores = new Map<string, number>();

  private indexOf(item: ZItem): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (zcompare(this.items[mid], item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(score: number, member: string) {
    this.remove(member);
    const item = { score, member };
    this.items.splice(this.indexOf(item), 0, item);
    this.scores.set(member, score);
  }

  remove(member: string): boolean {
    const score = this.scores.get(member);
    if (score === undefined) return false;
    this.items.splice(this.indexOf({ score, member }), 1);
    this.scores.delete(member);
    return true;
  }
}

function inLexRange(member: string, min: LexBound, max: LexBound): boolean {
  const above = min === '-' ? true : min === '+' ? false
    : min[0] === '[' ? member >= min.slice(1) : member > min.slice(1);
  const below = max === '+' ? true : max === '-' ? false
    : max[0] === '[' ? member <= max.slice(1) : member < max.slice(1);
  return above && below;
}

function take<T>(items: T[], reverse: boolean | undefined, limit: number | undefined): T[] {
  const ordered = reverse ? [...items].reverse() : items;
  return limit === undefined ? ordered : ordered.slice(0, limit);
}

/**
 * The embedded default store: one process, no persistence. Same contract as Redis, so the rest of
 * the facade cannot tell them apart; it is not shared between processes (use REDIS_URL for that).
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly data = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private sweep() {
    for (const key of this.data.keys()) this.entry(key);
  }

  private entry(key: string): Entry | undefined {
    const e = this.data.get(key);
    if (e?.expiresAt !== undefined && e.expiresAt <= this.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e;
  }

  private str(key: string): string | null {
    const e = this.entry(key);
    if (e === undefined) return null;
    if (typeof e.value !== 'string') throw new Error(`WRONGTYPE ${key} is not a string`);
    return e.value;
  }

  private set_(key: string): Set<string> | undefined {
    const e = this.entry(key);
    if (e && !(e.value instanceof Set)) throw new Error(`WRONGTYPE ${key} is not a set`);
    return e?.value as Set<string> | undefined;
  }

  private zset(key: string, create: true): SortedSet;
  private zset(key: string, create?: false): SortedSet | undefined;
  private zset(key: string, create = false): SortedSet | undefined {
    const e = this.entry(key);
    if (e && !(e.value instanceof SortedSet)) throw new Error(`WRONGTYPE ${key} is not a sorted set`);
    if (!e && create) {
      const z = new SortedSet();
      this.data.set(key, { value: z });
      return z;
    }
    return e?.value as SortedSet | undefined;
  }

  /** Test aid: every key and string value currently held (to check that no secret is stored in clear). */
  dump(): Map<string, string> {
    const out = new Map<string, string>();
    for (const key of [...this.data.keys()]) {
      const e = this.entry(key);
      if (!e) continue;
      out.set(key, typeof e.value === 'string' ? e.value
        : e.value instanceof Set ? [...e.value].join('\n') : e.value.items.map((i) => i.member).join('\n'));
    }
    return out;
  }

  async get(key: string) { return this.str(key); }

  async mget(keys: string[]) { return keys.map((k) => this.str(k)); }

  async set(key: string, value: string, options: SetOptions = {}) {
    if (options.onlyIfAbsent && this.entry(key)) return false;
    this.data.set(key, {
      value,
      expiresAt: options.ttlSeconds !== undefined ? this.now() + options.ttlSeconds * 1000 : undefined,
    });
    return true;
  }

  async del(...keys: string[]) {
    let n = 0;
    for (const k of keys) if (this.entry(k) && this.data.delete(k)) n++;
    return n;
  }

  async take(key: string) {
    const v = this.str(key);
    if (v !== null) this.data.delete(key);
    return v;
  }

  async incr(key: string, ttlSeconds?: number) {
    const current = this.str(key);
    const next = (current === null ? 0 : Number.parseInt(current, 10)) + 1;
    if (Number.isNaN(next)) throw new Error(`ERR value of ${key} is not an integer`);
    const expiresAt = current === null
      ? (ttlSeconds !== undefined ? this.now() + ttlSeconds * 1000 : undefined)
      : this.data.get(key)!.expiresAt;
    this.data.set(key, { value: String(next), expiresAt });
    return next;
  }

  async ttl(key: string) {
    const e = this.entry(key);
    if (!e) return -2;
    if (e.expiresAt === undefined) return -1;
    return Math.ceil((e.expiresAt - this.now()) / 1000);
  }

  async sadd(key: string, ...members: string[]) {
    let s = this.set_(key);
    if (!s) this.data.set(key, { value: (s = new Set()) });
    let n = 0;
    for (const m of members) if (!s.has(m)) { s.add(m); n++; }
    return n;
  }

  async srem(key: string, ...members: string[]) {
    const s = this.set_(key);
    if (!s) return 0;
    let n = 0;
    for (const m of members) if (s.delete(m)) n++;
    if (s.size === 0) this.data.delete(key);
    return n;
  }

  async smembers(key: string) { return [...(this.set_(key) ?? [])]; }

  async sismember(key: string, member: string) { return this.set_(key)?.has(member) ?? false; }

  async zadd(key: string, score: number, member: string) { this.zset(key, true).add(score, member); }

  async zrem(key: string, ...members: string[]) {
    const z = this.zset(key);
    if (!z) return 0;
    let n = 0;
    for (const m of members) if (z.remove(m)) n++;
    if (z.items.length === 0) this.data.delete(key);
    return n;
  }

  async zcard(key: string) { return this.zset(key)?.items.length ?? 0; }

  async zrangeByLex(key: string, range: LexRange) {
    const z = this.zset(key);
    if (!z) return [];
    const hits = z.items.filter((i) => inLexRange(i.member, range.min, range.max)).map((i) => i.member);
    return take(hits, range.reverse, range.limit);
  }

  async zrangeByScore(key: string, range: ScoreRange) {
    const z = this.zset(key);
    if (!z) return [];
    const hits = z.items.filter((i) => i.score >= range.min && i.score <= range.max).map((i) => i.member);
    return take(hits, range.reverse, range.limit);
  }

  async zscore(key: string, member: string) { return this.zset(key)?.scores.get(member) ?? null; }

  async atomically(ops: StoreOp[]) {
    // Single-threaded: running the steps without awaiting anything else is atomic.
    for (const op of ops) {
      switch (op.op) {
        case 'set': this.data.set(op.key, { value: op.value, expiresAt: op.ttlSeconds !== undefined ? this.now() + op.ttlSeconds * 1000 : undefined }); break;
        case 'del': this.data.delete(op.key); break;
        case 'sadd': { let s = this.set_(op.key); if (!s) this.data.set(op.key, { value: (s = new Set()) }); s.add(op.member); break; }
        case 'srem': { const s = this.set_(op.key); s?.delete(op.member); if (s?.size === 0) this.data.delete(op.key); break; }
        case 'zadd': this.zset(op.key, true).add(op.score, op.member); break;
        case 'zrem': { const z = this.zset(op.key); z?.remove(op.member); if (z?.items.length === 0) this.data.delete(op.key); break; }
      }
    }
  }

  async ping() { return true; }

  async close() {
    clearInterval(this.sweeper);
    this.data.clear();
  }
}
