import { MAX_PAGE_SIZE, type Page, type PageArgs } from './connection';
import { decodeCursor, encodeCursor, type CursorKey } from './cursor';
import { badUserInput } from './legacyError';
import { compareKeys, keyOf, type Ordering } from './ordering';

/** What a listing asks its source for: at most `limit` nodes strictly past `from` in the walk direction. */
export interface KeysetWindow {
  /** Exclusive bound; null = from the start (forward) or the end (backward). */
  from: CursorKey | null;
  limit: number;
  /** Backward walks return nodes in reverse spec order (nearest to `from` first). */
  backward: boolean;
}

export function pageSize(value: number | null | undefined, name: string): number {
  if (value === null || value === undefined) return MAX_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`${name} must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return value;
}

/** Turns page arguments into the keyset window to fetch (one extra node tells whether more exist). */
export function keysetWindow(args: PageArgs, arity: number): KeysetWindow & { size: number } {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    throw badUserInput('use either first/after (forward) or last/before (backward), not both');
  }
  const size = backward ? pageSize(args.last, 'last') : pageSize(args.first, 'first');
  const cursor = backward ? args.before : args.after;
  return { from: cursor ? decodeCursor(cursor, arity) : null, limit: size + 1, backward, size };
}

/**
 * Runs one keyset page: `fetch` must apply the filters and the bound inside its source and return
 * nodes in walk order. The cost of a page does not depend on how deep it is.
 */
export async function paginate<T>(
  args: PageArgs,
  ordering: Ordering<T>,
  fetch: (window: KeysetWindow) => Promise<T[]>,
): Promise<Page<T>> {
  const window = keysetWindow(args, ordering.length);
  const fetched = await fetch(window);
  const more = fetched.length > window.size;
  const taken = fetched.slice(0, window.size);
  const nodes = window.backward ? taken.reverse() : taken;
  // A cursor always comes from an existing node, so a bounded walk has something behind it.
  const hasNextPage = window.backward ? window.from !== null : more;
  const hasPreviousPage = window.backward ? more : window.from !== null;
  const cursor = (node: T | undefined, exists: boolean) => (node && exists ? encodeCursor(keyOf(ordering, node)) : null);
  return {
    nodes,
    pageInfo: {
      startCursor: cursor(nodes[0], hasPreviousPage),
      endCursor: cursor(nodes[nodes.length - 1], hasNextPage),
      hasNextPage,
      hasPreviousPage,
    },
  };
}

/**
 * Keyset bound over nodes a source already filtered but cannot order or bound itself
 * (e.g. one legacy answer holding a meter's whole window): sorts, then takes the window.
 */
export function sliceWindow<T>(ordering: Ordering<T>, nodes: readonly T[], window: KeysetWindow): T[] {
  const keyed = nodes.map((node) => ({ node, key: keyOf(ordering, node) }));
  const sign = window.backward ? -1 : 1;
  keyed.sort((a, b) => sign * compareKeys(ordering, a.key, b.key));
  const from = window.from;
  const past = from ? keyed.filter(({ key }) => sign * compareKeys(ordering, key, from) > 0) : keyed;
  return past.slice(0, window.limit).map(({ node }) => node);
}
