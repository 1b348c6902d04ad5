import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors';
import type { Cursor, KeysetValue } from '../pagination';
import type { GraphPage, PageArgs, Stream } from './endpoint';
import { streamKey, walkStreams } from './walk';

/**
 * The page walk over several graph listings, against listings held in memory that page the way
 * the graph's do (opaque cursors, `first`/`after`, `last`/`before`, "from the end" without a
 * cursor). Every split into streams and page size: a forward walk and a backward walk visit every
 * item once, in stream order.
 */

function listing(items: string[]): (args: PageArgs) => Promise<GraphPage<string>> {
  const at = (cursor: string) => Number(cursor.slice(1));
  return async (args) => {
    let from = 0;
    let to = items.length;
    if (args.after !== undefined) from = at(args.after) + 1;
    if (args.before !== undefined) to = at(args.before);
    const slice = args.last !== undefined ? items.slice(Math.max(from, to - args.last), to) : items.slice(from, Math.min(to, from + (args.first ?? 100)));
    const start = items.indexOf(slice[0]);
    const end = start + slice.length - 1;
    return {
      nodes: slice,
      pageInfo: {
        startCursor: slice.length && start > 0 ? `c${start}` : null,
        endCursor: slice.length && end < items.length - 1 ? `c${end}` : null,
        hasPreviousPage: slice.length > 0 && start > 0,
        hasNextPage: slice.length > 0 && end < items.length - 1,
      },
    };
  };
}

function setup(lists: string[][]) {
  const streams: Stream[] = lists.map((_, i) => ({ variables: { stream: i } }));
  const pages = lists.map(listing);
  let calls = 0;
  const fetch = (stream: Stream, args: PageArgs) => {
    calls++;
    return pages[stream.variables.stream as number](args);
  };
  return { streams, fetch, calls: () => calls };
}

const cursor = (direction: Cursor['direction'], position: KeysetValue[] | null) => (position ? { direction, position } : null);

describe('walkStreams', () => {
  it('walks every item once, forward and back, whatever the streams and page size', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 9 }),
      async (sizes, limit) => {
        const lists = sizes.map((n, s) => Array.from({ length: n }, (_, i) => `s${s}-${i}`));
        const all = lists.flat();
        const { streams, fetch } = setup(lists);
        const forward: string[][] = [];
        let page = await walkStreams(streams, null, limit, fetch);
        forward.push(page.nodes);
        expect(page.previous).toBeNull();
        while (page.next) {
          page = await walkStreams(streams, cursor('next', page.next), limit, fetch);
          forward.push(page.nodes);
        }
        expect(forward.flat()).toEqual(all);
        expect(forward.every((p) => p.length === limit || p === forward.at(-1))).toBe(true);
        // Back from the last page: the same pages in reverse.
        const backward: string[][] = [page.nodes];
        while (page.previous) {
          page = await walkStreams(streams, cursor('previous', page.previous), limit, fetch);
          backward.unshift(page.nodes);
        }
        expect(backward.flat()).toEqual(all);
      },
    ), { numRuns: 150 });
  });

  it('costs one graph read per stream it crosses, plus one to find the next stream holding data', async () => {
    const { streams, fetch, calls } = setup([['a', 'b', 'c'], [], ['d']]);
    const page = await walkStreams(streams, null, 3, fetch);
    expect([page.nodes, calls()]).toEqual([['a', 'b', 'c'], 3]);
    expect(page.next).toEqual([streamKey(streams[2]), null]);
  });

  it('answers 400 when the page link names a listing the request no longer has', async () => {
    const { streams, fetch } = setup([['a'], ['b']]);
    for (const position of [['no-such-stream', null], [streamKey(streams[0]), 7], [streamKey(streams[0]), null, 'extra']] as KeysetValue[][]) {
      const failure = await walkStreams(streams, { direction: 'next', position }, 2, fetch).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(HttpError);
      expect((failure as HttpError).status).toBe(400);
    }
    expect(await walkStreams([], null, 5, fetch)).toEqual({ nodes: [], next: null, previous: null });
  });
});
