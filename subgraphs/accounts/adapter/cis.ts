import type { z } from 'zod';
import { cachedFor, keyChunks, LegacyClient, listingQuery, resuming, type LegacyListing, type LegacyPageResult, type LegacyPosition } from '../../shared';
import { cisPage, cisRows } from './schemas';

export type CisResource = 'accounts' | 'customers' | 'service-agreements' | 'service-points' | 'groups';

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

  async list<S extends z.ZodType>(resource: CisResource, row: S, listing: LegacyListing, at: LegacyPosition): Promise<LegacyPageResult<z.infer<S>> & { receivedAt: Date }> {
    const { body, receivedAt } = await resuming(at, () => this.http.getJson(`/cis/v1/${resource}`, listingQuery(listing, at), cisPage(row)));
    return { nodes: body.ROWS, next: body.NEXT_CURSOR, previous: body.PREV_CURSOR, receivedAt };
  }

  /** Batch lookup: every row whose `by` column matches one of the keys (one call per 1000 keys). */
  async lookup<S extends z.ZodType>(resource: CisResource, by: string, keys: readonly string[], row: S): Promise<Received<z.infer<S>>> {
    if (keys.length === 0) return { rows: [], receivedAt: new Date() };
    const answers = await Promise.all(keyChunks(keys).map((KEYS) => this.http.postJson(`/cis/v1/${resource}/lookup`, { BY: by, KEYS }, cisRows(row))));
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
