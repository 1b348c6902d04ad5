import type { LexRange, Store } from '../store';

/**
 * Keyset pagination over listings ordered newest first (every wg1-02 listing and the wg1-01
 * coverage listing). An index member is `<sort datetime>|<id>`; datetimes are fixed-width ISO
 * strings, so member order is (time, id) order and a page costs the same at any depth.
 */
export interface Cursor {
  /** `after`: older than `key` (the next page); `before`: newer than `key` (the previous page). */
  dir: 'after' | 'before';
  key: string;
  inclusive?: boolean;
}

export interface Page<T> {
  items: T[];
  next: Cursor | null;
  previous: Cursor | null;
}

export function indexMember(sortKey: string, id: string): string {
  return `${sortKey}|${id}`;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.dir, cursor.key, cursor.inclusive ? 1 : 0])).toString('base64url');
}

/** Null for anything that is not a cursor this server wrote (the caller answers 400). */
export function decodeCursor(raw: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [dir, key, inclusive] = value;
    if ((dir !== 'after' && dir !== 'before') || typeof key !== 'string' || key.length > 200) return null;
    if (inclusive !== 0 && inclusive !== 1) return null;
    return { dir, key, inclusive: inclusive === 1 };
  } catch {
    return null;
  }
}

/** Members of an index within a lex range: a Redis sorted set, or an in-memory list. */
export type RangeSource = (range: LexRange) => Promise<string[]>;

export function storeIndex(store: Store, key: string): RangeSource {
  return (range) => store.zrangeByLex(key, range);
}

/** The same range semantics over members held in memory (e.g. configured coverage entries). */
export function memoryIndex(members: string[]): RangeSource {
  const sorted = [...members].sort();
  return async ({ min, max, reverse, limit }) => {
    const above = (m: string) => min === '-' || (min[0] === '[' ? m >= min.slice(1) : m > min.slice(1));
    const below = (m: string) => max === '+' || (max[0] === '[' ? m <= max.slice(1) : m < max.slice(1));
    const hits = sorted.filter((m) => above(m) && below(m));
    if (reverse) hits.reverse();
    return limit === undefined ? hits : hits.slice(0, limit);
  };
}

export interface PageQuery<T> {
  source: RangeSource;
  cursor: Cursor | null;
  limit: number;
  /** Records for index members, in order; null where an object is gone. */
  load: (members: string[]) => Promise<(T | null)[]>;
  member: (item: T) => string;
  /** Filters; a listing is their intersection. */
  match?: (item: T) => boolean;
}

async function collect<T>(
  q: PageQuery<T>, dir: Cursor['dir'], bound: string | undefined, inclusive: boolean, need: number,
): Promise<T[]> {
  const out: T[] = [];
  const batch = q.match ? Math.max(need * 2, 100) : need;
  const open = bound === undefined ? undefined : (`${inclusive ? '[' : '('}${bound}` as const);
  let min: LexRange['min'] = dir === 'before' && open ? open : '-';
  let max: LexRange['max'] = dir === 'after' && open ? open : '+';
  for (;;) {
    const members = await q.source({ min, max, reverse: dir === 'after', limit: batch });
    if (members.length === 0) return out;
    const records = await q.load(members);
    for (const record of records) {
      if (record === null || (q.match && !q.match(record))) continue;
      out.push(record);
      if (out.length >= need) return out;
    }
    if (members.length < batch) return out;
    const last = members[members.length - 1];
    if (dir === 'after') max = `(${last}`;
    else min = `(${last}`;
  }
}

/** One page, newest first, with cursors for the neighbouring pages (null at either end). */
export async function pageOf<T>(q: PageQuery<T>): Promise<Page<T>> {
  const { cursor, limit } = q;
  const exists = async (dir: Cursor['dir'], key: string, inclusive: boolean) =>
    (await collect(q, dir, key, inclusive, 1)).length > 0;
  const neighbour = async (dir: Cursor['dir'], key: string, inclusive: boolean): Promise<Cursor | null> =>
    (await exists(dir, key, inclusive)) ? { dir, key, ...(inclusive ? { inclusive } : {}) } : null;

  if (!cursor || cursor.dir === 'after') {
    const got = await collect(q, 'after', cursor?.key, cursor?.inclusive ?? false, limit + 1);
    const items = got.slice(0, limit);
    const next = got.length > limit ? { dir: 'after' as const, key: q.member(items[items.length - 1]) } : null;
    let previous: Cursor | null = null;
    if (cursor) {
      previous = items.length > 0
        ? await neighbour('before', q.member(items[0]), false)
        : await neighbour('before', cursor.key, !cursor.inclusive);
    }
    return { items, next, previous };
  }
  const got = await collect(q, 'before', cursor.key, cursor.inclusive ?? false, limit + 1);
  const items = got.slice(0, limit).reverse();
  const previous = got.length > limit ? { dir: 'before' as const, key: q.member(items[0]) } : null;
  const next = items.length > 0
    ? await neighbour('after', q.member(items[items.length - 1]), false)
    : await neighbour('after', cursor.key, !cursor.inclusive);
  return { items, next, previous };
}

/** An absolute link to a neighbouring page that keeps every filter of the current request. */
export function pageLink(
  baseUrl: string, query: URLSearchParams, cursor: Cursor | null, extra: Record<string, string> = {},
): string | null {
  if (!cursor) return null;
  const params = new URLSearchParams(query);
  params.delete('cursor');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  params.set('cursor', encodeCursor(cursor));
  return `${baseUrl}?${params.toString()}`;
}
