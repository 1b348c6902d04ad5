import type { CursorKey } from './cursor';

/** One sort column of a listing's spec order: its value and direction; nulls always sort last. */
export interface SortColumn<T> {
  value(node: T): string | null;
  direction: 'asc' | 'desc';
  /** `numeric` compares decimal strings by value; the default compares strings by code point. */
  compare?: (a: string, b: string) => number;
}

export type Ordering<T> = readonly SortColumn<T>[];

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Compares two sort keys under an ordering (ascending/descending per column, nulls last). */
export function compareKeys<T>(ordering: Ordering<T>, a: CursorKey, b: CursorKey): number {
  for (let i = 0; i < ordering.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const c = (ordering[i].compare ?? byCodePoint)(x, y);
    if (c !== 0) return ordering[i].direction === 'asc' ? c : -c;
  }
  return 0;
}

export function keyOf<T>(ordering: Ordering<T>, node: T): CursorKey {
  return ordering.map((column) => column.value(node));
}

export function sortNodes<T>(ordering: Ordering<T>, nodes: T[]): T[] {
  return nodes
    .map((node) => ({ node, key: keyOf(ordering, node) }))
    .sort((a, b) => compareKeys(ordering, a.key, b.key))
    .map(({ node }) => node);
}
