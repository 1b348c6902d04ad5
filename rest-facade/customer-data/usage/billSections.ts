import { ReferencedBillSectionsOperation, type Access, type SectionFacts } from '../../access';
import type { GraphConnection } from '../../graph';
import { billSectionParts } from '../billSectionAccess';
import type { GraphQuery } from '../graphQuery';
import { localDays } from './candidates';

/**
 * A Usage Segment's `related_billsections` (cds-wg3-01 §10.8.1): the Bill Sections of its meter
 * whose dates cover it, of those the token may see. One graph read per page of usage (the
 * sections of the page's contracts over the page's days), none when the token sees no sections.
 */

const TTL_SECONDS = 900;

interface SegmentRef {
  meter: string;
  start: string;
  end: string;
  contracts: string[];
}

/** The visible sections related to each segment, in segment order. */
export async function relatedBillSections(segments: readonly SegmentRef[], access: Access, graph: GraphQuery, timezone: string): Promise<string[][]> {
  if (access.bill_sections.length === 0 || segments.length === 0) return segments.map(() => []);
  const contracts = [...new Set(segments.flatMap((s) => s.contracts))].sort();
  if (contracts.length === 0) return segments.map(() => []);
  const day = (iso: string) => iso.slice(0, 10);
  // Local dates can differ from UTC dates by a day either way: widen the date bounds by one.
  const first = segments.map((s) => s.start).sort()[0];
  const last = segments.map((s) => s.end).sort().at(-1)!;
  const after = day(new Date(Date.parse(first) - 86_400_000).toISOString());
  const before = day(new Date(Date.parse(last) + 86_400_000).toISOString());
  const sections: SectionFacts[] = [];
  let cursor: string | null = null;
  do {
    // The access resolver's query for §7.2.6's referenced sections: the same sections, by the same facts.
    const { billSections: page }: { billSections: GraphConnection<SectionFacts> } = await graph.run(ReferencedBillSectionsOperation, { contracts, after, before, cursor }, TTL_SECONDS);
    sections.push(...page.nodes.filter((s) => billSectionParts(s, access.bill_sections).length > 0));
    cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (cursor !== null);
  const spans = sections.map((s) => {
    const w = localDays(s.startDate, s.endDate, timezone);
    return { id: s.id, meters: new Set(s.relatedMeterDeviceIds), from: Date.parse(w.start!), until: Date.parse(w.end!) };
  });
  return segments.map((seg) => {
    const from = Date.parse(seg.start);
    const until = Date.parse(seg.end);
    return spans.filter((s) => s.meters.has(seg.meter) && s.from < until && from < s.until).map((s) => s.id);
  });
}
