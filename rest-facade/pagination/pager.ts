import { HttpError } from '../errors';
import type { Cursor, CursorCodec, KeysetValue } from './cursor';
import { MAX_PAGE_SIZE, PAGE_PARAM_NAMES, pageParams } from './params';

/** A page of a listing, with the spec's `next`/`previous` URLs (null at the ends). */
export interface Page<T> {
  items: T[];
  next: string | null;
  previous: string | null;
}

/**
 * One listing request's pagination: the decoded cursor and page size for the query, and the page
 * (with links that keep the path and every filter) from what the query returned.
 *
 *   const pager = pagination.forRequest(req.originalUrl);       // 400 on a bad cursor or limit
 *   const rows = await listAccounts({ ...filters, cursor: pager.cursor, first: pager.limit + 1 });
 *   const page = pager.page(rows, (a) => [a.cds_modified, a.cds_account_id]);
 */
export class Pager {
  readonly cursor: Cursor | null;
  readonly limit: number;

  constructor(
    private readonly codec: CursorCodec,
    private readonly publicUrl: string,
    private readonly path: string,
    private readonly params: URLSearchParams,
  ) {
    for (const name of PAGE_PARAM_NAMES) {
      if (params.getAll(name).length > 1) throw new HttpError(400, 'invalid_request', `${name} is given more than once`);
    }
    const limit = pageParams.limit.safeParse(params.get('limit') ?? undefined);
    if (!limit.success) throw new HttpError(400, 'invalid_request', 'limit must be an integer from 1 to 100');
    this.limit = limit.data ?? MAX_PAGE_SIZE;
    const token = params.get('cursor');
    this.cursor = token === null ? null : codec.decode(token, this.binding());
  }

  /**
   * `window` is what the keyset query returned: up to `limit + 1` rows past the cursor, nearest
   * first (so for a `previous` cursor, in reverse listing order). The extra row only says whether
   * there is more.
   */
  page<T>(window: readonly T[], keyOf: (item: T) => KeysetValue[]): Page<T> {
    const backwards = this.cursor?.direction === 'previous';
    const more = window.length > this.limit;
    const rows = window.slice(0, this.limit);
    const items = backwards ? rows.reverse() : rows;
    const first = items[0];
    const last = items[items.length - 1];
    // Forwards, a cursor means rows were skipped; backwards, we came from a later page.
    const hasPrevious = backwards ? more : this.cursor !== null;
    const hasNext = backwards ? true : more;
    return {
      items,
      previous: hasPrevious && first !== undefined ? this.link({ direction: 'previous', position: keyOf(first) }) : null,
      next: hasNext && last !== undefined ? this.link({ direction: 'next', position: keyOf(last) }) : null,
    };
  }

  /**
   * Links for positions the caller computed itself, e.g. from the page cursors of a listing it
   * delegates to (`null` = no link): `next` resumes after `next`, `previous` ends before `previous`.
   */
  links(next: KeysetValue[] | null, previous: KeysetValue[] | null): { next: string | null; previous: string | null } {
    return {
      next: next && this.link({ direction: 'next', position: next }),
      previous: previous && this.link({ direction: 'previous', position: previous }),
    };
  }

  private link(cursor: Cursor): string {
    const params = new URLSearchParams(this.params);
    params.delete('cursor');
    params.set('cursor', this.codec.encode(cursor, this.binding()));
    return `${this.publicUrl}${this.path}?${params}`;
  }

  /** The listing a cursor belongs to: the path and its filters, whatever their order. */
  private binding(): string {
    const filters = [...this.params].filter(([name]) => !PAGE_PARAM_NAMES.has(name)).sort(([a, x], [b, y]) =>
      a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1,
    );
    return `${this.path}?${new URLSearchParams(filters)}`;
  }
}

/** Pagination for every listing of one facade: one cursor secret, one public base URL. */
export class Pagination {
  private readonly publicUrl: string;

  constructor(
    private readonly codec: CursorCodec,
    publicUrl: string,
  ) {
    this.publicUrl = publicUrl.replace(/\/+$/, '');
  }

  /** From `req.originalUrl` (path and query as the client sent them). Throws a 400 HttpError. */
  forRequest(originalUrl: string): Pager {
    const url = new URL(originalUrl, 'http://facade.invalid');
    return new Pager(this.codec, this.publicUrl, url.pathname, url.searchParams);
  }
}
