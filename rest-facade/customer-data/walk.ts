import { createHash } from 'node:crypto';
import { HttpError } from '../errors';
import { canonicalJson } from '../grants';
import type { Cursor, KeysetValue } from '../pagination';
import type { GraphPage, PageArgs, Stream } from './endpoint';

/** One page of a walk over streams, with the positions its `next`/`previous` links resume from. */
export interface WalkedPage<N> {
  nodes: N[];
  next: KeysetValue[] | null;
  previous: KeysetValue[] | null;
}

type Fetch<N> = (stream: Stream, args: PageArgs) => Promise<GraphPage<N>>;

/** A short fingerprint of a stream's variables: a position names the stream it belongs to. */
export function streamKey(stream: Stream): string {
  return createHash('sha256').update(canonicalJson(stream.variables)).digest('base64url').slice(0, 22);
}

const stale = () =>
  new HttpError(400, 'invalid_request', 'this page link no longer matches the data the access token covers; start again from the first page');

/**
 * Keyset pages over streams walked one after the other (the listing order is stream order, then
 * each stream's own order). A position is `[stream key, graph cursor]`: after a `next` position
 * the walk resumes past the cursor (or at the stream's start when null); before a `previous`
 * position it ends at the cursor (or at the stream's end when null). Crossing into a further
 * stream costs one graph read, and so does finding that an adjacent stream is empty, so a page
 * costs the same whatever its depth or size.
 */
export async function walkStreams<N>(streams: readonly Stream[], cursor: Cursor | null, limit: number, fetch: Fetch<N>): Promise<WalkedPage<N>> {
  if (streams.length === 0) return { nodes: [], next: null, previous: null };
  const keys = streams.map(streamKey);
  const at = (i: number, graphCursor: string | null): KeysetValue[] => [keys[i], graphCursor];

  /** The first stream from `i` on (or back from `i`) that has anything, or null. */
  const firstNonEmpty = async (from: number, step: 1 | -1): Promise<number | null> => {
    for (let i = from; i >= 0 && i < streams.length; i += step) {
      if ((await fetch(streams[i], step === 1 ? { first: 1 } : { last: 1 })).nodes.length > 0) return i;
    }
    return null;
  };

  let start = 0;
  let graphCursor: string | null = null;
  if (cursor) {
    const [key, position, ...rest] = cursor.position;
    start = keys.indexOf(String(key));
    if (start < 0 || rest.length > 0 || (position !== null && typeof position !== 'string')) throw stale();
    graphCursor = position;
  }
  return cursor?.direction === 'previous'
    ? backward(start, graphCursor)
    : forward(start, graphCursor);

  async function forward(from: number, after: string | null): Promise<WalkedPage<N>> {
    const nodes: N[] = [];
    let first: { i: number; page: GraphPage<N> } | null = null;
    let next: KeysetValue[] | null = null;
    for (let i = from; i < streams.length;) {
      const want = limit - nodes.length;
      if (want === 0) {
        const j = await firstNonEmpty(i, 1);
        next = j === null ? null : at(j, null);
        break;
      }
      const page = await fetch(streams[i], after === null ? { first: want } : { first: want, after });
      if (page.nodes.length > 0) {
        first ??= { i, page };
        nodes.push(...page.nodes);
      }
      // A page without nodes that claims more would loop: treat it as the stream's end. A short
      // page that has more (a stream bounding its own work) ends this page there.
      if (page.pageInfo.hasNextPage && page.pageInfo.endCursor !== null && page.nodes.length > 0) {
        next = at(i, page.pageInfo.endCursor);
        break;
      } else {
        i++;
        after = null;
      }
    }
    return { nodes, next, previous: first ? await before(first) : null };
  }

  async function backward(from: number, before_: string | null): Promise<WalkedPage<N>> {
    const nodes: N[] = [];
    let last: { i: number; page: GraphPage<N> } | null = null;
    let first: { i: number; page: GraphPage<N> } | null = null;
    let beforeCursor = before_;
    for (let i = from; i >= 0;) {
      const want = limit - nodes.length;
      if (want === 0) break;
      const page = await fetch(streams[i], beforeCursor === null ? { last: want } : { last: want, before: beforeCursor });
      if (page.nodes.length > 0) {
        last ??= { i, page };
        first = { i, page };
        nodes.unshift(...page.nodes);
      }
      if (page.pageInfo.hasPreviousPage && page.pageInfo.startCursor !== null && page.nodes.length > 0) break;
      else {
        i--;
        beforeCursor = null;
      }
    }
    let next: KeysetValue[] | null = null;
    if (last) {
      const info = last.page.pageInfo;
      if (info.hasNextPage && info.endCursor !== null) next = at(last.i, info.endCursor);
      else {
        const j = await firstNonEmpty(last.i + 1, 1);
        next = j === null ? null : at(j, null);
      }
    }
    return { nodes, next, previous: first ? await before(first) : null };
  }

  /** The `previous` position of a page whose first node came from this graph page. */
  async function before(first: { i: number; page: GraphPage<N> }): Promise<KeysetValue[] | null> {
    const info = first.page.pageInfo;
    if (info.hasPreviousPage && info.startCursor !== null) return at(first.i, info.startCursor);
    const j = await firstNonEmpty(first.i - 1, -1);
    return j === null ? null : at(j, null);
  }
}
