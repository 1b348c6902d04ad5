import { describe, expect, it } from 'vitest';
import { keysetPage, newestFirst, type SortKey } from './keyset';
import { HttpError } from './params';

interface Row {
  modified: string;
  id: string;
}

const rows: Row[] = Array.from({ length: 100_000 }, (_, i) => ({
  modified: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
  id: String(i).padStart(6, '0'),
})).sort((a, b) => newestFirst([a.modified, a.id], [b.modified, b.id]));
const key = (r: Row): SortKey => [r.modified, r.id];

function page(cursor: string | undefined, limit = 100, match?: (r: Row) => boolean) {
  let calls = 0;
  const counted = (r: Row) => { calls++; return match ? match(r) : true; };
  const result = keysetPage({ rows, key, compare: newestFirst, match: counted, limit, cursor, scope: ['test'] });
  return { ...result, calls };
}

describe('keysetPage', () => {
  it('costs the same deep in a 100k listing as on the first page (no offset scan)', () => {
    let cursor: string | undefined;
    const first = page(undefined);
    const costs: number[] = [first.calls];
    let p = first;
    for (let i = 0; i < 600; i++) {
      cursor = p.next!;
      p = page(cursor);
      costs.push(p.calls);
    }
    expect(p.rows[0]).toBe(rows[600 * 100]);
    expect(Math.max(...costs)).toBeLessThanOrEqual(102);
  });

  it('walks forwards and back through every row in order, with null links at both ends', () => {
    const small = rows.slice(0, 950);
    const walk = (cursor?: string) => keysetPage({ rows: small, key, compare: newestFirst, limit: 100, cursor, scope: ['walk'] });
    const pages = [walk()];
    while (pages[pages.length - 1].next) pages.push(walk(pages[pages.length - 1].next!));
    expect(pages.flatMap((x) => x.rows)).toEqual(small);
    expect(pages[0].prev).toBeNull();
    expect(pages[pages.length - 1].rows).toHaveLength(50);
    const back = walk(pages[pages.length - 1].prev!);
    expect(back.rows).toEqual(pages[pages.length - 2].rows);
    expect(walk(pages[1].prev!).prev).toBeNull();
  });

  it('keeps filters inside the page: every row matches, pages stay full', () => {
    const even = (r: Row) => Number(r.id) % 2 === 0;
    const p1 = page(undefined, 100, even);
    expect(p1.rows).toHaveLength(100);
    expect(p1.rows.every(even)).toBe(true);
    const p2 = page(p1.next!, 100, even);
    expect(p2.rows.every(even)).toBe(true);
    expect(p2.rows[0]).toBe(rows.filter(even)[100]);
  });

  it('rejects foreign, tampered or garbage cursors with a 400', () => {
    const next = page(undefined).next!;
    const other = () => keysetPage({ rows, key, compare: newestFirst, limit: 100, cursor: next, scope: ['other filters'] });
    expect(other).toThrow(HttpError);
    expect(other).toThrow(/another listing or other filters/);
    for (const bad of ['%%%', Buffer.from('{"k":1}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      expect(() => page(bad)).toThrow(/cursor is not valid/);
    }
  });
});
