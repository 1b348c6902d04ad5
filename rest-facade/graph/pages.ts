/** A GraphQL connection as the graph's listings return it. */
export interface GraphConnection<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** The graph's listings take at most this many values per filter list (gateway/README.md). */
export const MAX_FILTER_VALUES = 1000;

export function chunks<T>(values: readonly T[], size = MAX_FILTER_VALUES): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** Every node of a listing, following `endCursor` to the last page. */
export async function allPages<T>(page: (after: string | null) => Promise<GraphConnection<T>>): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  do {
    const connection: GraphConnection<T> = await page(after);
    nodes.push(...connection.nodes);
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after !== null);
  return nodes;
}
