import { z } from 'zod';
import { MAX_PAGE_SIZE, type Page, type PageArgs } from './connection';
import { badUserInput } from './legacyError';
import { pageSize } from './paginate';

/**
 * Listings whose legacy system pages itself (CIS, MDM, billing: keyset cursors; EAC: page numbers)
 * wrap the legacy position in our opaque cursor, tagged with the listing and filters it belongs to,
 * so a cursor is never replayed against another listing or other filters.
 */
const wrapped = z.object({ l: z.string(), p: z.string().max(2000), d: z.enum(['next', 'prev']) });

export interface LegacyPosition {
  /** The legacy token (or page number) to resume from; null = the first page. */
  position: string | null;
  limit: number;
}

export interface LegacyPageResult<T> {
  nodes: T[];
  next: string | null;
  previous: string | null;
}

/** A fingerprint of the filters, so a cursor only resumes the listing it came from. */
export function listingTag(listing: string, filter: unknown): string {
  return `${listing}:${hash(JSON.stringify(filter ?? {}))}`;
}

export function legacyPosition(args: PageArgs, tag: string): LegacyPosition {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    throw badUserInput('use either first/after (forward) or last/before (backward), not both');
  }
  const limit = backward ? pageSize(args.last, 'last') : pageSize(args.first ?? MAX_PAGE_SIZE, 'first');
  const cursor = backward ? args.before : args.after;
  // The legacy systems resume from a position; walking back starts from a page's startCursor.
  if (backward && !cursor) throw badUserInput('last needs before (a startCursor) on this listing');
  if (!cursor) return { position: null, limit };
  let decoded: z.infer<typeof wrapped>;
  try {
    decoded = wrapped.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badUserInput('invalid cursor');
  }
  if (decoded.l !== tag) throw badUserInput('cursor does not belong to this listing and filter');
  if (decoded.d !== (backward ? 'prev' : 'next')) throw badUserInput(`pass endCursor as after, startCursor as before`);
  return { position: decoded.p, limit };
}

export function legacyPage<T>(result: LegacyPageResult<T>, tag: string): Page<T> {
  const wrap = (p: string | null, d: 'next' | 'prev') =>
    p === null ? null : Buffer.from(JSON.stringify({ l: tag, p, d }), 'utf8').toString('base64url');
  return {
    nodes: result.nodes,
    pageInfo: {
      startCursor: wrap(result.previous, 'prev'),
      endCursor: wrap(result.next, 'next'),
      hasNextPage: result.next !== null,
      hasPreviousPage: result.previous !== null,
    },
  };
}

/** FNV-1a: a short stable fingerprint (not a security boundary; the legacy system validates its own cursor too). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
