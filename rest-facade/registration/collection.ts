import type { z } from 'zod';
import type { Store, StoreOp } from '../store';
import { indexMember, pageOf, storeIndex, type Cursor, type Page } from './keyset';

/**
 * Objects that belong to one registration (Clients, Credentials, Grants, Messages), stored as JSON
 * under their id, with newest-first keyset indexes per registration. Every write is one atomic
 * batch (record + index moves), so a listing never shows half a change.
 */
export interface CollectionSpec<T> {
  /** Key namespace, e.g. `client`. */
  kind: string;
  schema: z.ZodType<T>;
  id: (record: T) => string;
  registration: (record: T) => string;
  /** The datetime the listing orders by (`cds_modified` / `modified`). */
  sortKey: (record: T) => string;
  /** The indexes (per registration) a record is listed in; `all` is always one of them. */
  indexes?: (record: T) => string[];
}

export class Collection<T> {
  constructor(readonly store: Store, private readonly spec: CollectionSpec<T>) {}

  private key(id: string) {
    return `wg1:${this.spec.kind}:${id}`;
  }

  private indexKey(registrationId: string, index: string) {
    return `wg1:reg:${registrationId}:${this.spec.kind}:${index}`;
  }

  private indexesOf(record: T): string[] {
    return ['all', ...(this.spec.indexes?.(record) ?? [])];
  }

  private member(record: T) {
    return indexMember(this.spec.sortKey(record), this.spec.id(record));
  }

  private parse(raw: string | null): T | null {
    if (raw === null) return null;
    try {
      const parsed = this.spec.schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async get(id: string): Promise<T | null> {
    return this.parse(await this.store.get(this.key(id)));
  }

  async getMany(ids: string[]): Promise<(T | null)[]> {
    if (ids.length === 0) return [];
    return (await this.store.mget(ids.map((id) => this.key(id)))).map((raw) => this.parse(raw));
  }

  /** The batch that stores `record` (replacing `previous`, if any) and moves it in its indexes. */
  writeOps(record: T, previous?: T | null): StoreOp[] {
    const ops: StoreOp[] = [];
    const rid = this.spec.registration(record);
    if (previous) {
      for (const index of this.indexesOf(previous)) {
        ops.push({ op: 'zrem', key: this.indexKey(this.spec.registration(previous), index), member: this.member(previous) });
      }
    }
    ops.push({ op: 'set', key: this.key(this.spec.id(record)), value: JSON.stringify(this.spec.schema.parse(record)) });
    for (const index of this.indexesOf(record)) {
      ops.push({ op: 'zadd', key: this.indexKey(rid, index), score: 0, member: this.member(record) });
    }
    return ops;
  }

  async put(record: T, previous?: T | null): Promise<T> {
    await this.store.atomically(this.writeOps(record, previous));
    return record;
  }

  /** One page of a registration's index, newest first, keeping only records that `match`. */
  page(registrationId: string, index: string, cursor: Cursor | null, limit: number, match?: (r: T) => boolean): Promise<Page<T>> {
    return pageOf<T>({
      source: storeIndex(this.store, this.indexKey(registrationId, index)),
      cursor,
      limit,
      match,
      member: (r) => this.member(r),
      // A member left behind by a concurrent writer no longer matches its record: skip it.
      load: async (members) => {
        const records = await this.getMany(members.map((m) => m.slice(m.indexOf('|') + 1)));
        return records.map((r, i) => (r && this.member(r) === members[i] && this.spec.registration(r) === registrationId ? r : null));
      },
    });
  }

  /** Every record of a registration in an index (for small sets such as a registration's Clients). */
  async all(registrationId: string, index = 'all'): Promise<T[]> {
    const members = await this.store.zrangeByLex(this.indexKey(registrationId, index), { min: '-', max: '+', reverse: true });
    const records = await this.getMany(members.map((m) => m.slice(m.indexOf('|') + 1)));
    return records.filter((r, i): r is T => r !== null && this.member(r) === members[i]);
  }
}
