import { z } from 'zod';
import type { Utility } from '../generator/utility';
import { keysetPage, newestFirst, SortedView, type KeysetPage } from './keyset';
import { badRequest, limit, list, MAX_KEYS, parseParams, single } from './params';

/**
 * A listable table described as data: its filter columns, searchable columns and indexed keys.
 * Serves "newest first" keyset listings with exact-match filters (comma lists), cross-column OR
 * groups, and case-insensitive substring search, and batch lookups by indexed columns.
 * Filters with an index narrow the candidates first, so id-set queries never scan the table.
 */

type Value = string | null | readonly (string | null)[];

export interface TableSpec<T> {
  name: string;
  rows(): readonly T[];
  /** [modified timestamp, id]: the newest-first sort key. */
  sortKey(row: T): [string, string];
  /** Filter columns: value(s) of a row. Arrays match if any element matches. */
  filters: Record<string, (row: T) => Value>;
  /** Searchable columns for `q`. */
  search: Record<string, (row: T) => Value>;
  /** Indexed columns: every row whose column matches one of the keys (lookup `BY` and candidate sets). */
  indexed: Record<string, (key: string) => readonly T[]>;
}

export interface ListingParams {
  /** Names of the query parameters for limit, cursor and search. */
  limit: string;
  cursor: string;
  q: string;
  qFields: string;
  /** Cross-column OR groups (`or=COLUMN:VALUE,...`); null to disallow. */
  or: string | null;
  maxLimit: number;
}

const matches = (value: Value, wanted: ReadonlySet<string>) =>
  Array.isArray(value) ? value.some((v) => v !== null && wanted.has(v)) : value !== null && wanted.has(value as string);

const contains = (value: Value, needle: string) =>
  Array.isArray(value) ? value.some((v) => v !== null && v.toLowerCase().includes(needle)) : value !== null && (value as string).toLowerCase().includes(needle);

export class Table<T> {
  private readonly view: SortedView<T>;

  constructor(readonly spec: TableSpec<T>, utility: Utility, private readonly params: ListingParams) {
    this.view = new SortedView(spec.rows, () => utility.version, spec.sortKey, newestFirst);
  }

  /** Builds the index now (at start) rather than on the first request. */
  warm() {
    this.view.rows();
  }

  list(query: Record<string, unknown>): KeysetPage<T> {
    const p = this.params;
    const shape: Record<string, z.ZodType> = {
      [p.limit]: limit(p.maxLimit, p.maxLimit),
      [p.cursor]: single.optional(),
      [p.q]: single.min(1).max(200).optional(),
      [p.qFields]: list.optional(),
    };
    for (const col of Object.keys(this.spec.filters)) shape[col] = list.optional();
    if (p.or) {
      shape[p.or] = z.union([z.string(), z.array(z.string()).max(20)]).transform((v) => (Array.isArray(v) ? v : [v])).optional();
    }
    const parsed = parseParams(z.object(shape).strict(), query) as Record<string, unknown>;
    const filters = Object.keys(this.spec.filters)
      .filter((col) => parsed[col] !== undefined)
      .map((col) => [col, new Set(parsed[col] as string[])] as const);
    const orGroups = (p.or ? ((parsed[p.or] as string[] | undefined) ?? []) : []).map((group) => this.orGroup(group));
    const qFields = (parsed[p.qFields] as string[] | undefined) ?? Object.keys(this.spec.search);
    for (const f of qFields) if (!this.spec.search[f]) throw badRequest(`${p.qFields}: ${f} is not searchable (searchable: ${Object.keys(this.spec.search).join(', ')})`);
    if (parsed[p.qFields] && parsed[p.q] === undefined) throw badRequest(`${p.qFields} needs ${p.q}`);
    const needle = (parsed[p.q] as string | undefined)?.toLowerCase();

    const indexedFilter = filters.find(([col]) => this.spec.indexed[col]);
    const rows = indexedFilter ? this.candidates(indexedFilter[0], [...indexedFilter[1]]) : this.view.rows();
    const match = (row: T) =>
      filters.every(([col, wanted]) => matches(this.spec.filters[col](row), wanted))
      && orGroups.every((group) => group.some(([col, value]) => matches(this.spec.filters[col](row), new Set([value]))))
      && (needle === undefined || qFields.some((f) => contains(this.spec.search[f](row), needle)));
    return keysetPage({
      rows, key: this.spec.sortKey, compare: newestFirst, match,
      limit: parsed[p.limit] as number, cursor: parsed[p.cursor] as string | undefined,
      scope: [this.spec.name, filters.map(([c, w]) => [c, [...w].sort()]), orGroups, needle ?? null, qFields],
    });
  }

  private orGroup(group: string): [string, string][] {
    const pairs = group.split(',').map((pair) => pair.trim()).filter(Boolean);
    if (!pairs.length || pairs.length > 50) throw badRequest(`${this.params.or}: needs 1..50 COLUMN:VALUE pairs`);
    return pairs.map((pair) => {
      const i = pair.indexOf(':');
      const col = i > 0 ? pair.slice(0, i) : '';
      if (!this.spec.filters[col]) throw badRequest(`${this.params.or}: ${pair} is not COLUMN:VALUE with a filter column`);
      return [col, pair.slice(i + 1)];
    });
  }

  /** Rows matching any key of an indexed column, de-duplicated, in listing order. */
  candidates(column: string, keys: string[]): T[] {
    const seen = new Set<T>();
    for (const key of keys) for (const row of this.spec.indexed[column](key)) seen.add(row);
    return [...seen].sort((a, b) => newestFirst(this.spec.sortKey(a), this.spec.sortKey(b)));
  }

  /** Batch lookup: every row whose indexed column matches a key, in key order. */
  lookup(by: string, keys: string[]): T[] {
    const index = this.spec.indexed[by];
    if (!index) throw badRequest(`cannot look up ${this.spec.name} by ${by} (by: ${Object.keys(this.spec.indexed).join(', ')})`);
    if (keys.length > MAX_KEYS) throw badRequest(`at most ${MAX_KEYS} keys`);
    const seen = new Set<T>();
    for (const key of keys) for (const row of index(key)) seen.add(row);
    return [...seen];
  }
}

/** `[x]` or `[]` for a possibly missing map entry. */
export const one = <T>(value: T | undefined): readonly T[] => (value === undefined ? [] : [value]);
