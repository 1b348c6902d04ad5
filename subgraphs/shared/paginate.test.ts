import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageArgs } from './connection';
import { paginate, sliceWindow } from './paginate';
import type { Ordering } from './ordering';

interface Row { id: string; modified: string | null }
// cds_modified descending, then id ascending (the common listing order, nulls last).
const ordering: Ordering<Row> = [
  { value: (r) => r.modified, direction: 'desc' },
  { value: (r) => r.id, direction: 'asc' },
];

const rows = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}`, modified: i % 7 === 0 ? null : `2024-01-${String((i % 5) + 1).padStart(2, '0')}` }));

async function walk(all: Row[], size: number, backward = false) {
  const seen: string[] = [];
  let args: PageArgs = backward ? { last: size } : { first: size };
  for (let guard = 0; guard < 1000; guard++) {
    const page = await paginate(args, ordering, async (w) => sliceWindow(ordering, all, w));
    seen.push(...(backward ? [...page.nodes].reverse() : page.nodes).map((r) => r.id));
    const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    if (!more) break;
    args = backward ? { last: size, before: page.pageInfo.startCursor } : { first: size, after: page.pageInfo.endCursor };
  }
  return seen;
}

describe('keyset pagination', () => {
  it('walks forward and backward visiting every row once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 100 }), async (n, size) => {
        const all = rows(n);
        const expected = sliceWindow(ordering, all, { from: null, limit: n, backward: false }).map((r) => r.id);
        expect(await walk(all, size)).toEqual(expected);
        expect(await walk(all, size, true)).toEqual([...expected].reverse());
      }),
      { numRuns: 40 },
    );
  });

  it('puts nulls last and breaks ties by id', () => {
    const sorted = sliceWindow(ordering, rows(8), { from: null, limit: 8, backward: false }).map((r) => r.id);
    expect(sorted).toEqual(['r004', 'r003', 'r002', 'r001', 'r006', 'r005', 'r000', 'r007']);
  });

  it('rejects bad page arguments and forged cursors', async () => {
    const fetch = async () => [];
    await expect(paginate({ first: 101 }, ordering, fetch)).rejects.toThrow(/between 1 and 100/);
    await expect(paginate({ first: 0 }, ordering, fetch)).rejects.toThrow(/between 1 and 100/);
    await expect(paginate({ first: 5, before: 'x' }, ordering, fetch)).rejects.toThrow(/not both/);
    await expect(paginate({ after: 'not-a-cursor' }, ordering, fetch)).rejects.toThrow(/invalid cursor/);
    const wrongArity = Buffer.from('["a"]').toString('base64url');
    await expect(paginate({ after: wrongArity }, ordering, fetch)).rejects.toThrow(/invalid cursor/);
  });
});
