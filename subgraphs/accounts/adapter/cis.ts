import type { z } from 'zod';
import { badUserInput, cachedFor, LegacyClient, type LegacyPageResult, type LegacyPosition } from '../../shared';
import { cisPage, cisRows } from './schemas';

/** The CIS accepts at most this many values per list parameter or lookup (legacy/README.md). */
export const CIS_MAX_KEYS = 1000;

export type CisResource = 'accounts' | 'customers' | 'service-agreements' | 'service-points' | 'groups';

/**
 * One CIS listing call: exact-match filters (a list matches any value), ORs across columns,
 * `q` over the columns it may search, and the CIS's own keyset cursor.
 */
export interface CisListing {
  filters: Record<string, readonly string[] | undefined>;
  /** Each entry is one `or` parameter: COLUMN:VALUE pairs of which any may match. */
  anyOf?: readonly (readonly [string, string])[][];
  q?: string | null;
  qFields?: readonly string[];
}

export interface Received<T> {
  rows: T[];
  receivedAt: Date;
}

/** How long the CIS catalogues (rates, programs, entities: reference data) are reused by every request of the process. */
export const CATALOGUE_TTL_MS = 60_000;

type Catalogue = 'rates' | 'programs' | 'entities';

/** The CIS's native JSON API (legacy/README.md, "CIS"). */
export class CisClient {
  private readonly catalogues = new Map<Catalogue, () => Promise<Received<unknown>>>();

  constructor(private readonly http: LegacyClient, private readonly catalogueTtlMs = CATALOGUE_TTL_MS) {}

  async list<S extends z.ZodType>(resource: CisResource, row: S, listing: CisListing, at: LegacyPosition): Promise<LegacyPageResult<z.infer<S>> & { receivedAt: Date }> {
    const query: Record<string, string | string[] | number | undefined> = { limit: at.limit };
    for (const [column, values] of Object.entries(listing.filters)) {
      if (values === undefined) continue;
      if (values.length > CIS_MAX_KEYS) throw badUserInput(`at most ${CIS_MAX_KEYS} values per filter`);
      query[column] = values.join(',');
    }
    if (listing.anyOf?.length) query.or = listing.anyOf.map((pairs) => pairs.map(([c, v]) => `${c}:${v}`).join(','));
    if (listing.q) {
      query.q = listing.q;
      if (listing.qFields) query.q_fields = listing.qFields.join(',');
    }
    if (at.position) query.cursor = at.position;
    try {
      const { body, receivedAt } = await this.http.getJson(`/cis/v1/${resource}`, query, cisPage(row));
      return { nodes: body.ROWS, next: body.NEXT_CURSOR, previous: body.PREV_CURSOR, receivedAt };
    } catch (err) {
      // Our parameters are validated, so a 400 while resuming means the cursor was not valid here.
      if (at.position && (err as { extensions?: { status?: number } }).extensions?.status === 400) throw badUserInput('invalid cursor');
      throw err;
    }
  }

  /** Batch lookup: every row whose `by` column matches one of the keys (one call per 1000 keys). */
  async lookup<S extends z.ZodType>(resource: CisResource, by: string, keys: readonly string[], row: S): Promise<Received<z.infer<S>>> {
    if (keys.length === 0) return { rows: [], receivedAt: new Date() };
    const parts = [];
    for (let i = 0; i < keys.length; i += CIS_MAX_KEYS) {
      parts.push(this.http.postJson(`/cis/v1/${resource}/lookup`, { BY: by, KEYS: keys.slice(i, i + CIS_MAX_KEYS) }, cisRows(row)));
    }
    const answers = await Promise.all(parts);
    return { rows: answers.flatMap((a) => a.body.ROWS), receivedAt: answers[0].receivedAt };
  }

  /** A small unpaged catalogue (rates, programs, entities), read at most once per `catalogueTtlMs` by the whole process. */
  catalogue<S extends z.ZodType>(name: Catalogue, row: S): Promise<Received<z.infer<S>>> {
    let read = this.catalogues.get(name);
    if (!read) {
      read = cachedFor(this.catalogueTtlMs, async () => {
        const { body, receivedAt } = await this.http.getJson(`/cis/v1/${name}`, {}, cisRows(row));
        return { rows: body.ROWS, receivedAt };
      });
      this.catalogues.set(name, read);
    }
    return read() as Promise<Received<z.infer<S>>>;
  }
}
