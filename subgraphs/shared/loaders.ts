import DataLoader from 'dataloader';

/**
 * One DataLoader per entity type and request: every `load(id)` made while resolving one tick
 * of the query becomes a single legacy call with all the ids (no N+1), and nothing is cached
 * beyond the request that created it.
 */
export function byIdLoader<T>(fetchMany: (ids: string[]) => Promise<T[]>, idOf: (node: T) => string): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await fetchMany(unique(ids))).map((node) => [idOf(node), node]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Like byIdLoader, for one-to-many joins: every node listing the key in `keysOf` belongs to it. */
export function groupLoader<T>(fetchMany: (keys: string[]) => Promise<T[]>, keysOf: (node: T) => readonly string[]): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const node of await fetchMany(unique(keys))) {
      for (const key of keysOf(node)) groups.get(key)?.push(node);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** Loads many ids through a loader, dropping the ones that do not exist. */
export async function loadPresent<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<T[]> {
  const nodes = await loader.loadMany(ids);
  const present: T[] = [];
  for (const node of nodes) {
    if (node instanceof Error) throw node;
    if (node !== null) present.push(node);
  }
  return present;
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}
