import { badUserInput } from './legacyError';
import type { LegacyPosition } from './legacyPaging';

/** The legacy systems accept at most this many values per list parameter or lookup (legacy/README.md). */
export const LEGACY_MAX_KEYS = 1000;

/**
 * One listing call of the CIS or the MDM, which page their JSON listings alike: exact-match
 * filters (a list matches any value), ORs across columns, `q` over the columns it may search,
 * and the system's own keyset cursor.
 */
export interface LegacyListing {
  filters: Record<string, readonly string[] | undefined>;
  /** Each entry is one `or` parameter: COLUMN:VALUE pairs of which any may match. */
  anyOf?: readonly (readonly [string, string])[][];
  q?: string | null;
  qFields?: readonly string[];
}

/** The query parameters of a listing call from `at` on. */
export function listingQuery(listing: LegacyListing, at: LegacyPosition): Record<string, string | string[] | number> {
  const query: Record<string, string | string[] | number> = { limit: at.limit };
  for (const [column, values] of Object.entries(listing.filters)) {
    if (values === undefined) continue;
    query[column] = keyList(values);
  }
  if (listing.anyOf?.length) query.or = listing.anyOf.map((pairs) => pairs.map(([c, v]) => `${c}:${v}`).join(','));
  if (listing.q) {
    query.q = listing.q;
    if (listing.qFields) query.q_fields = listing.qFields.join(',');
  }
  if (at.position) query.cursor = at.position;
  return query;
}

/** A list parameter as the legacy systems take it: comma-separated, at most LEGACY_MAX_KEYS values. */
export function keyList(values: readonly string[]): string {
  if (values.length > LEGACY_MAX_KEYS) throw badUserInput(`at most ${LEGACY_MAX_KEYS} values per filter`);
  return values.join(',');
}

/** Keys of a batch lookup in calls of at most LEGACY_MAX_KEYS each. */
export function keyChunks(keys: readonly string[]): string[][] {
  const chunks = [];
  for (let i = 0; i < keys.length; i += LEGACY_MAX_KEYS) chunks.push(keys.slice(i, i + LEGACY_MAX_KEYS));
  return chunks;
}

/**
 * A page call resuming from `at`: our own parameters are validated, so a 400 while resuming means
 * the cursor was not valid for the legacy system.
 */
export async function resuming<T>(at: LegacyPosition, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (at.position && (err as { extensions?: { status?: number } }).extensions?.status === 400) throw badUserInput('invalid cursor');
    throw err;
  }
}
