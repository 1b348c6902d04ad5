import type { MdmMeter } from '../../legacy/mdm/records';
import { badUserInput, compareKeys, keyOf, legacyError, sortNodes, type KeysetWindow, type Ordering } from '../shared';
import { parseEspiFeed } from './adapter/espi';
import { MAX_POINT_DAYS, MDM_MAX_FEED_POINTS, type MdmClient } from './adapter/mdm';
import { buildSegments, localDayStart, nextLocalDay, type SegmentModel } from './adapter/segments';
import type { UsageDetail } from './filters';
import type { UsageSegmentKind } from './types/usageSegment';
import { mdmChannels, segmentOptions } from './usageDetails';

/**
 * The usage-segment listing walks an ordered list of meters (the REST facade orders them by the
 * account and contract numbers cds-wg3-01 §10.8.8 sorts on), then `segment_start` ascending.
 * It asks the MDM only for the readings a page needs: one ESPI call per meter and ≤101 days,
 * or one call for a batch of meters when the whole window is that short.
 */
export interface UsageQuery {
  /** Meters in listing order (unknown ids already dropped). */
  meters: MdmMeter[];
  /** Grant window: value sets outside [from, to) are trimmed away. */
  from: number;
  to: number;
  /** cds-wg3-01 §10.8.8 `after` (segment_end ≥) and `before` (segment_start ≤), selecting whole segments. */
  after: number | null;
  before: number | null;
  /** `cds_usagesegment_ids`, when given. */
  ids: Set<string> | null;
  /** What to add to the delivered and received readings, and the kinds of segment to list. */
  details: ReadonlySet<UsageDetail>;
  kinds: ReadonlySet<UsageSegmentKind>;
  /** Binds cursors to this listing and filter. */
  tag: string;
  timezone: string;
}

const CHUNK_DAYS = 101;
const pad = (n: number) => String(n).padStart(16, '0');

/** Columns of the usage listing's sort key (listing tag, meter position, start, modified, id). */
export const USAGE_ORDER_ARITY = 5;

export function usageOrdering(query: UsageQuery): Ordering<SegmentModel> {
  const position = new Map(query.meters.map((m, i) => [m.meterId, i]));
  return [
    { value: () => query.tag, direction: 'asc' },
    { value: (s) => pad(position.get(s.meterId) ?? 0), direction: 'asc' },
    { value: (s) => pad(s.start), direction: 'asc' },
    // §10.8.8: segments starting together (a bill section and its first day), most recently modified first.
    { value: (s) => s.modified, direction: 'desc' },
    // A feed may repeat a period (its segments then differ only by id).
    { value: (s) => s.id, direction: 'asc' },
  ];
}

/** The meter's data range: from its first install to its last removal (or tomorrow). */
function meterRange(meter: MdmMeter, query: UsageQuery): [number, number] {
  const installs = meter.installs.map((i) => Date.parse(i.installedAt));
  const open = meter.installs.some((i) => i.removedAt === null);
  const removals = meter.installs.map((i) => (i.removedAt ? Date.parse(i.removedAt) : 0));
  let lo = Math.max(query.from, installs.length ? Math.min(...installs) : Date.parse(meter.createdAt));
  let hi = Math.min(query.to, open || removals.length === 0 ? Date.now() + 86_400_000 : Math.max(...removals));
  // `after` keeps segments ending at or after it: they start no earlier than the local day holding it.
  if (query.after !== null) lo = Math.max(lo, localDayStart(query.after - 1, query.timezone));
  if (query.before !== null) hi = Math.min(hi, nextLocalDay(query.before, query.timezone));
  return [lo, hi];
}

function selected(segment: SegmentModel, query: UsageQuery): boolean {
  return (query.after === null || segment.end >= query.after)
    && (query.before === null || segment.start <= query.before)
    && (query.ids === null || query.ids.has(segment.id))
    && query.kinds.has(segment.kind);
}

async function fetchSegments(mdm: MdmClient, meters: MdmMeter[], from: number, to: number, query: UsageQuery, ordering: Ordering<SegmentModel>): Promise<Map<string, SegmentModel[]>> {
  const out = new Map<string, SegmentModel[]>(meters.map((m) => [m.meterId, []]));
  const channels = mdmChannels(query.details, query.kinds);
  if (to <= from || channels === null) return out;
  const [{ xml, receivedAt }, options] = await Promise.all([
    mdm.feed(meters.map((m) => m.usagePointId), new Date(from), new Date(to), channels),
    // The supply mix of every hour a reading of the window can fall in.
    segmentOptions(mdm, query.details, from - (from % 3_600_000), to),
  ]);
  let points;
  try {
    points = parseEspiFeed(xml);
  } catch (err) {
    throw legacyError('MDM', 'LEGACY_BAD_RESPONSE', `unreadable ESPI feed: ${(err as Error).message}`);
  }
  for (const meter of meters) {
    const point = points.find((p) => p.id === meter.usagePointId || p.href.endsWith(`/UsagePoint/${meter.usagePointId}`));
    if (!point) continue;
    const segments = buildSegments(meter, point, { from: query.from, to: query.to }, query.timezone, receivedAt, options);
    out.set(meter.meterId, sortNodes(ordering, segments.filter((s) => selected(s, query))));
  }
  return out;
}

/** Segments strictly past `window.from` in walk order, at most `window.limit` of them. */
export async function walkSegments(mdm: MdmClient, query: UsageQuery, window: KeysetWindow): Promise<SegmentModel[]> {
  const { meters, timezone } = query;
  const ordering = usageOrdering(query);
  let startIndex = window.backward ? meters.length - 1 : 0;
  let bound: number | null = null;
  const from = window.from;
  if (from) {
    const [tag, position, start] = from;
    const index = Number(position);
    if (tag !== query.tag || !Number.isInteger(index) || index >= meters.length || start === null) {
      throw badUserInput('cursor does not belong to this listing and filter');
    }
    startIndex = index;
    bound = Number(start);
  }
  const out: SegmentModel[] = [];
  const step = window.backward ? -1 : 1;
  const sign = window.backward ? -1 : 1;
  const effectiveFrom = query.after === null ? query.from : Math.max(query.from, localDayStart(query.after - 1, timezone));
  const effectiveTo = Math.min(query.to, Date.now() + 86_400_000, query.before === null ? Infinity : nextLocalDay(query.before, timezone));
  const spanDays = Math.ceil((effectiveTo - effectiveFrom) / 86_400_000);
  const batchable = Number.isFinite(spanDays) && spanDays > 0 && spanDays <= CHUNK_DAYS;

  for (let i = startIndex; i >= 0 && i < meters.length && out.length < window.limit;) {
    const meterBound = i === startIndex ? bound : null;
    const keep = (s: SegmentModel) => meterBound === null || !from || sign * compareKeys(ordering, keyOf(ordering, s), from) > 0;
    const ordered = (list: SegmentModel[]) => (window.backward ? [...list].reverse() : list).filter(keep);

    if (batchable) {
      // A short window: one call covers the whole range of a batch of meters.
      const size = Math.max(1, Math.min(MDM_MAX_FEED_POINTS, Math.floor(MAX_POINT_DAYS / spanDays)));
      const batch = window.backward ? meters.slice(Math.max(0, i - size + 1), i + 1).reverse() : meters.slice(i, i + size);
      const ranges = batch.map((m) => meterRange(m, query));
      const lo = Math.min(...ranges.map((r) => r[0]));
      const hi = Math.max(...ranges.map((r) => r[1]));
      const found = await fetchSegments(mdm, batch, lo, hi, query, ordering);
      for (const [k, meter] of batch.entries()) {
        const [mlo, mhi] = ranges[k];
        const inRange = (found.get(meter.meterId) ?? []).filter((s) => s.start >= mlo && s.start < mhi);
        out.push(...(k === 0 ? ordered(inRange) : window.backward ? [...inRange].reverse() : inRange));
        if (out.length >= window.limit) break;
      }
      i += step * batch.length;
      continue;
    }

    // A long window: walk this meter in chunks of local days, in the walk direction.
    const meter = meters[i];
    const [lo, hi] = meterRange(meter, query);
    if (window.backward) {
      let t = meterBound === null ? hi : Math.min(hi, nextLocalDay(meterBound, timezone));
      while (t > lo && out.length < window.limit) {
        const chunkStart = Math.max(lo, nextLocalDay(t - 1, timezone, 1 - CHUNK_DAYS));
        out.push(...ordered((await fetchSegments(mdm, [meter], chunkStart, t, query, ordering)).get(meter.meterId) ?? []));
        t = chunkStart;
      }
    } else {
      let t = meterBound === null ? lo : Math.max(lo, localDayStart(meterBound, timezone));
      while (t < hi && out.length < window.limit) {
        const chunkEnd = Math.min(hi, nextLocalDay(t, timezone, CHUNK_DAYS));
        out.push(...ordered((await fetchSegments(mdm, [meter], t, chunkEnd, query, ordering)).get(meter.meterId) ?? []));
        t = chunkEnd;
      }
    }
    i += step;
  }
  return out.slice(0, window.limit);
}
