import DataLoader from 'dataloader';

/** A legacy row and when its system answered (the object's `synced` time, cds-wg3-01 §2). */
export interface Synced<T> {
  row: T;
  synced: Date;
}

export function stamp<T>(rows: readonly T[], synced: Date): Synced<T>[] {
  return rows.map((row) => ({ row, synced }));
}

/** byIdLoader over rows that keep their sync time; `prime` lets a listing seed it with the page it read. */
export function rowLoader<T>(fetchMany: (ids: string[]) => Promise<{ rows: T[]; receivedAt: Date }>, idOf: (row: T) => string) {
  return new DataLoader<string, Synced<T> | null>(async (ids) => {
    const { rows, receivedAt } = await fetchMany([...new Set(ids)]);
    const found = new Map(rows.map((row) => [idOf(row), { row, synced: receivedAt }]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** One-to-many twin of rowLoader: every row listing the key in `keysOf` belongs to it. */
export function rowGroupLoader<T>(fetchMany: (keys: string[]) => Promise<{ rows: T[]; receivedAt: Date }>, keysOf: (row: T) => readonly string[]) {
  return new DataLoader<string, Synced<T>[]>(async (keys) => {
    const { rows, receivedAt } = await fetchMany([...new Set(keys)]);
    const groups = new Map<string, Synced<T>[]>(keys.map((key) => [key, []]));
    for (const row of rows) for (const key of keysOf(row)) groups.get(key)?.push({ row, synced: receivedAt });
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** A value fetched at most once per request, and only if something asks for it. */
export function once<T>(fetch: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fetch());
}
