import { hashString } from '../generator/random';
import { badRequest } from './params';

/**
 * Keyset paging over rows already in order: a cursor carries the sort key of the row it points
 * after (next) or before (previous), plus a fingerprint of the listing and its filters, so a page
 * deep in a large listing costs a binary search, not an offset scan, and a cursor cannot be
 * replayed against other filters.
 */

export type SortKey = readonly (string | number)[];

interface Cursor {
  k: SortKey;
  d: 'n' | 'p';
  s: number;
}

export interface KeysetPage<T> {
  rows: T[];
  next: string | null;
  prev: string | null;
}

export interface KeysetRequest<T> {
  /** Rows in listing order. */
  rows: readonly T[];
  key(row: T): SortKey;
  /** Orders two keys the way `rows` is ordered. */
  compare(a: SortKey, b: SortKey): number;
  match?(row: T): boolean;
  limit: number;
  cursor?: string;
  /** What the cursor is valid for: the listing and its normalised filters. */
  scope: unknown;
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(token: string, scope: number): Cursor {
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor is not valid');
  }
  if (!c || !Array.isArray(c.k) || (c.d !== 'n' && c.d !== 'p') || typeof c.s !== 'number'
    || !c.k.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw badRequest('cursor is not valid');
  }
  if (c.s !== scope) throw badRequest('cursor belongs to another listing or other filters');
  return c;
}

/** First index whose key orders after `key` (or at/after it when `inclusive`). */
function lowerBound<T>(req: KeysetRequest<T>, key: SortKey, inclusive: boolean): number {
  let lo = 0;
  let hi = req.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = req.compare(req.key(req.rows[mid]), key);
    if (c < 0 || (!inclusive && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function keysetPage<T>(req: KeysetRequest<T>): KeysetPage<T> {
  const scope = hashString(JSON.stringify(req.scope));
  const match = req.match ?? (() => true);
  const cursor = req.cursor ? decode(req.cursor, scope) : null;
  const rows: T[] = [];
  let moreAfter = false;
  let moreBefore = false;
  const n = req.rows.length;
  if (!cursor || cursor.d === 'n') {
    const start = cursor ? lowerBound(req, cursor.k, false) : 0;
    let i = start;
    for (; i < n && rows.length < req.limit; i++) if (match(req.rows[i])) rows.push(req.rows[i]);
    for (; i < n && !moreAfter; i++) moreAfter = match(req.rows[i]);
    for (let j = start - 1; j >= 0 && !moreBefore; j--) moreBefore = match(req.rows[j]);
  } else {
    const end = lowerBound(req, cursor.k, true);
    let i = end - 1;
    for (; i >= 0 && rows.length < req.limit; i--) if (match(req.rows[i])) rows.push(req.rows[i]);
    rows.reverse();
    for (; i >= 0 && !moreBefore; i--) moreBefore = match(req.rows[i]);
    for (let j = end; j < n && !moreAfter; j++) moreAfter = match(req.rows[j]);
  }
  return {
    rows,
    next: moreAfter && rows.length ? encode({ k: req.key(rows[rows.length - 1]), d: 'n', s: scope }) : null,
    prev: moreBefore && rows.length ? encode({ k: req.key(rows[0]), d: 'p', s: scope }) : null,
  };
}

/** (modified desc, id asc), the order of every "newest first" listing. */
export function newestFirst(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? 1 : -1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/**
 * A listing order kept sorted across calls; rebuilt when the source grows or the utility changes
 * (changes bump `version`), so every request pages a ready index.
 */
export class SortedView<T> {
  private cached: T[] = [];
  private version = -1;
  private size = -1;

  constructor(
    private readonly source: () => readonly T[],
    private readonly version$: () => number,
    private readonly key: (row: T) => SortKey,
    private readonly compare: (a: SortKey, b: SortKey) => number,
  ) {}

  rows(): readonly T[] {
    const src = this.source();
    if (this.version !== this.version$() || this.size !== src.length) {
      this.cached = [...src].sort((a, b) => this.compare(this.key(a), this.key(b)));
      this.version = this.version$();
      this.size = src.length;
    }
    return this.cached;
  }
}
