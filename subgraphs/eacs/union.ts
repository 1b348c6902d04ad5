import type { EacCertificate } from '../../legacy/eac/records';
import { badUserInput, type LegacyPageResult, type LegacyPosition } from '../shared';
import type { EacRegistry, Filters } from './registry';

/** `<offset in the first query>+<offset in the second>`: where a page of the union starts or ends. */
const position = /^(\d{1,9})\+(\d{1,9})$/;

/** The registry's (and §10.9.4's) order: vintage start descending, then issued descending, then id. */
function compare(a: EacCertificate, b: EacCertificate): number {
  if (a.vintage_start !== b.vintage_start) return a.vintage_start < b.vintage_start ? 1 : -1;
  if (a.issued_at !== b.issued_at) return a.issued_at < b.issued_at ? 1 : -1;
  return a.certificate_id < b.certificate_id ? -1 : a.certificate_id > b.certificate_id ? 1 : 0;
}

/**
 * One page of the certificates matching either of two disjoint registry queries, in the listing
 * order. The registry ANDs its filters, so an "or" is two queries merged here (never
 * fetch-then-filter): a page reads each query's next (or previous) `limit` matches by offset — at
 * most two registry pages each, whatever the depth — and keeps the `limit` nearest.
 */
export async function unionPage(
  registry: EacRegistry, queries: readonly [Filters, Filters], at: LegacyPosition, backward: boolean,
): Promise<LegacyPageResult<EacCertificate> & { receivedAt: Date }> {
  let offsets = [0, 0];
  if (at.position) {
    const m = position.exec(at.position);
    if (!m) throw badUserInput('invalid cursor');
    offsets = [Number(m[1]), Number(m[2])];
  }
  const n = at.limit;
  const ranges = await Promise.all(queries.map((q, i) =>
    backward ? registry.range(q, Math.max(0, offsets[i] - n), Math.min(n, offsets[i])) : registry.range(q, offsets[i], n)));
  const merged = ranges.flatMap((r, source) => r.nodes.map((c) => ({ c, source }))).sort((x, y) => compare(x.c, y.c));
  const taken = backward ? merged.slice(Math.max(0, merged.length - n)) : merged.slice(0, n);
  const counts = [0, 1].map((source) => taken.filter((t) => t.source === source).length);
  const receivedAt = new Date(Math.min(...ranges.map((r) => r.receivedAt.getTime())));
  const cursorAt = (o: number[]) => `${o[0]}+${o[1]}`;
  if (backward) {
    const start = offsets.map((o, i) => o - counts[i]);
    return { nodes: taken.map((t) => t.c), next: cursorAt(offsets), previous: start[0] + start[1] > 0 ? cursorAt(start) : null, receivedAt };
  }
  const end = offsets.map((o, i) => o + counts[i]);
  const more = end.some((o, i) => o < ranges[i].total);
  return { nodes: taken.map((t) => t.c), next: more ? cursorAt(end) : null, previous: offsets[0] + offsets[1] > 0 ? cursorAt(offsets) : null, receivedAt };
}
