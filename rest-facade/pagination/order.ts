import type { Cursor, KeysetValue } from './cursor';

export type SortDirection = 'asc' | 'desc';

function compareValues(a: KeysetValue, b: KeysetValue): number {
  if (a === b) return 0;
  // Nulls last, whatever the direction (digest part 10 #15).
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return a < b ? -1 : 1;
}

/**
 * The comparator of a listing order over sort keys, e.g. `keysetOrder(['desc', 'asc'])` for
 * `cds_modified` descending then id ascending. Strings compare by code unit ("alphanumeric").
 */
export function keysetOrder(directions: SortDirection[]): (a: KeysetValue[], b: KeysetValue[]) => number {
  return (a, b) => {
    for (let i = 0; i < directions.length; i++) {
      const c = compareValues(a[i] ?? null, b[i] ?? null);
      if (c !== 0) return directions[i] === 'desc' && a[i] !== null && b[i] !== null ? -c : c;
    }
    return 0;
  };
}

/**
 * What a keyset query returns for a page request, taken from a list already in listing order:
 * up to `limit + 1` rows past the cursor, nearest first. For lists held in memory (and tests); the
 * graph runs the same query against the legacy systems.
 */
export function keysetWindow<T>(
  sorted: readonly T[],
  request: { cursor: Cursor | null; limit: number },
  keyOf: (item: T) => KeysetValue[],
  compare: (a: KeysetValue[], b: KeysetValue[]) => number,
): T[] {
  const { cursor, limit } = request;
  if (!cursor) return sorted.slice(0, limit + 1);
  if (cursor.direction === 'next') {
    return sorted.filter((item) => compare(keyOf(item), cursor.position) > 0).slice(0, limit + 1);
  }
  return sorted.filter((item) => compare(keyOf(item), cursor.position) < 0).slice(-(limit + 1)).reverse();
}
