import { byIdLoader, groupLoader } from './loaders';

/** A legacy row and when its system answered (the object's `synced` time, cds-wg3-01 §2). */
export interface Synced<T> {
  row: T;
  synced: Date;
}

type Fetch<T> = (keys: string[]) => Promise<{ rows: T[]; receivedAt: Date }>;

const stamped = <T>(fetch: Fetch<T>) => async (keys: string[]): Promise<Synced<T>[]> => {
  const { rows, receivedAt } = await fetch(keys);
  return rows.map((row) => ({ row, synced: receivedAt }));
};

/** byIdLoader over rows that keep their sync time; `prime` lets a listing seed it with the page it read. */
export function rowLoader<T>(fetchMany: Fetch<T>, idOf: (row: T) => string) {
  return byIdLoader(stamped(fetchMany), (s) => idOf(s.row));
}

/** One-to-many twin of rowLoader: every row listing the key in `keysOf` belongs to it. */
export function rowGroupLoader<T>(fetchMany: Fetch<T>, keysOf: (row: T) => readonly string[]) {
  return groupLoader(stamped(fetchMany), (s) => keysOf(s.row));
}

/** A value fetched at most once per request, and only if something asks for it. */
export function once<T>(fetch: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fetch());
}
