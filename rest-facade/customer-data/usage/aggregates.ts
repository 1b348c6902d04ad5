import { DateTime } from 'luxon';
import type { Window } from '../../access';
import { Decimal } from '../../json';
import type { GraphPage, PageArgs } from '../endpoint';
import type { GraphQuery } from '../graphQuery';
import { documentOperation, listingOperation } from '../operation';
import type { GraphFormat } from './formats';
import type { UsageNode } from './node';

/**
 * An aggregation's own Usage Segments (whole-building and aggregated data, cds-wg3-01 §4.11,
 * §4.12): per local day, the sum of the 15-minute electric intervals of the meters installed at
 * its member service points (and its chunks') that day. Only the sum leaves the facade: the
 * segments relate to the aggregation alone (`related_aggregations`), never to a member.
 * A page of days costs the graph reads of the members' segments for those days.
 */

interface MemberPoint {
  id: string;
  currentMeterDevices: { id: string }[];
  previousMeterDevices: { id: string }[];
}

export interface AggregationMembers {
  number: string | null;
  points: string[];
  meters: string[];
}

const Members = documentOperation<{ page: GraphPage<{ id: string; aggregationNumber: string | null; groupedServicePoints: MemberPoint[]; groupedAggregations: { groupedServicePoints: MemberPoint[] }[] }> }>('UsageAggregationMembers');
const MemberSegments = listingOperation<UsageNode>('ListUsageSegments');
const TTL_SECONDS = 300;
const PAGE = 100;
/** Member meter-days one page reads at most (two graph pages): large aggregations get pages of fewer days. */
const MEMBER_DAYS_PER_PAGE = 200;
/** Chunks of empty days a page looks through before it calls the rest empty (data ends before `now`). */
const MAX_CHUNKS = 30;
const INTERVAL = '900';
const DAY_MS = 86_400_000;

export async function aggregationMembers(ids: readonly string[], graph: GraphQuery): Promise<Map<string, AggregationMembers>> {
  const out = new Map<string, AggregationMembers>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const { page } = await graph.run(Members, { ids: ids.slice(i, i + PAGE), first: PAGE }, TTL_SECONDS);
    for (const g of page.nodes) {
      const points = [...g.groupedServicePoints, ...g.groupedAggregations.flatMap((c) => c.groupedServicePoints)];
      out.set(g.id, {
        number: g.aggregationNumber,
        points: [...new Set(points.map((p) => p.id))],
        meters: [...new Set(points.flatMap((p) => [...p.currentMeterDevices, ...p.previousMeterDevices].map((m) => m.id)))],
      });
    }
  }
  return out;
}

/** What an aggregate stream carries in its variables. */
export interface AggregateStreamVariables {
  aggregate: string;
  points: string[];
  meters: string[];
  window: Window;
  /** §10.8.8 `after`/`before` and `cds_usagesegment_ids` of the request. */
  after?: string;
  before?: string;
  ids?: string[];
}

const key = (f: GraphFormat) => `${f.type}|${f.direction ?? ''}|${f.units ?? ''}`;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The sum of the members' segments of one day (same start and end), electric channels only. */
function sumDay(aggregate: string, segments: UsageNode[]): UsageNode | null {
  const electric = segments.filter((s) => s.kind === 'INTERVAL' && s.interval === INTERVAL);
  if (electric.length === 0) return null;
  const channels = new Map<string, GraphFormat>();
  for (const s of electric) for (const f of s.formats) if (f.type === 'electric_usage' && f.units) channels.set(key(f), f);
  if (channels.size === 0) return null;
  const formats = [...channels.values()];
  const length = Math.max(...electric.map((s) => s.values.length));
  const sums: (Decimal | null)[][] = Array.from({ length }, () => formats.map(() => null));
  for (const s of electric) {
    const column = s.formats.map((f) => formats.findIndex((g) => key(g) === key(f)));
    s.values.forEach((set, i) => set.forEach((value, j) => {
      const eu = value?.eu;
      if (column[j] < 0 || typeof eu !== 'string') return;
      sums[i][column[j]] = (sums[i][column[j]] ?? new Decimal(0)).plus(eu);
    }));
  }
  const first = electric[0];
  const at = (pick: (s: UsageNode) => string, want: 'min' | 'max') =>
    electric.map(pick).reduce((a, b) => ((Date.parse(b) < Date.parse(a)) === (want === 'min') ? b : a));
  return {
    cds_usagesegment_id: `${aggregate}~${Date.parse(first.segment_start) / 1000}~${Date.parse(first.segment_end) / 1000}`,
    kind: 'INTERVAL',
    cds_created: at((s) => s.cds_created, 'min'),
    cds_modified: at((s) => s.cds_modified, 'max'),
    // The oldest read of the members: the sum is no fresher than that.
    cds_synced: at((s) => s.cds_synced, 'min'),
    related_aggregations: [aggregate], related_accounts: [], related_servicecontracts: [], related_servicepoints: [], related_meterdevices: [],
    segment_start: first.segment_start,
    segment_end: first.segment_end,
    interval: INTERVAL,
    formats,
    values: sums.map((set) => set.map((v) => (v === null ? null : { eu: v.toFixed() }))),
  };
}

/** Local-day starts (ms) from `from` up to `to`, in the Server's time zone. */
function localDays(from: number, to: number, timezone: string): number[] {
  const days: number[] = [];
  let day = DateTime.fromMillis(from, { zone: timezone }).startOf('day');
  while (day.toMillis() < to) {
    days.push(day.toMillis());
    day = day.plus({ days: 1 });
  }
  return days;
}

/**
 * One page of an aggregation's summed days, walking forward (`first`/`after`) or backward
 * (`last`/`before`). Cursors are the day's start (ms). Days without member data are skipped.
 */
export async function aggregatePage(v: AggregateStreamVariables, args: PageArgs, graph: GraphQuery, timezone: string): Promise<GraphPage<UsageNode>> {
  const wanted = new Set(v.ids ?? []);
  const idsOk = (n: UsageNode) => v.ids === undefined || wanted.has(n.cds_usagesegment_id);
  const readDays = async (from: number, to: number): Promise<UsageNode[]> => {
    const segments: UsageNode[] = [];
    let after: string | null = null;
    do {
      const { page }: { page: GraphPage<UsageNode> } = await graph.run(MemberSegments, {
        filter: { meterDeviceIds: v.meters, windowStart: iso(from), windowEnd: iso(to), after: v.after, before: v.before }, first: PAGE, after,
      }, TTL_SECONDS);
      segments.push(...page.nodes.filter((s) => s.related_servicepoints.some((p) => v.points.includes(p))));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    const byDay = new Map<string, UsageNode[]>();
    for (const s of segments) byDay.set(s.segment_start, [...(byDay.get(s.segment_start) ?? []), s]);
    return [...byDay.values()].map((day) => sumDay(v.aggregate, day)).filter((n): n is UsageNode => n !== null && idsOk(n))
      .sort((a, b) => Date.parse(a.segment_start) - Date.parse(b.segment_start));
  };

  // The days the window covers: from the first member reading (or the window's start) to now.
  const start = v.window.start !== null ? Date.parse(v.window.start) : await firstReading(v, graph);
  const end = Math.min(v.window.end !== null ? Date.parse(v.window.end) : Infinity, Date.now() + DAY_MS);
  if (start === null || start >= end) return { nodes: [], pageInfo: { startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: false } };
  const days = localDays(start, end, timezone);
  const backward = args.last !== undefined || args.before !== undefined;
  const limit = Math.min((backward ? args.last : args.first) ?? PAGE, Math.max(1, Math.floor(MEMBER_DAYS_PER_PAGE / v.meters.length)));
  const position = (cursor: string | undefined, past: (d: number) => boolean) => {
    if (cursor === undefined) return null;
    const at = days.findIndex(past);
    return at < 0 ? days.length : at;
  };
  // The exclusive end of the days before index k: day k's start, or the window's end.
  const until = (k: number) => Math.min(days[k] ?? end, end);

  const nodes: UsageNode[] = [];
  if (backward) {
    let j = position(args.before, (d) => d >= Number(args.before)) ?? days.length;
    for (let chunks = 0; nodes.length < limit && j > 0 && chunks < MAX_CHUNKS; chunks++) {
      const lo = Math.max(0, j - limit);
      const read = await readDays(Math.max(days[lo], start), until(j));
      nodes.unshift(...read.slice(-(limit - nodes.length)));
      j = lo;
    }
  } else {
    let i = position(args.after, (d) => d > Number(args.after)) ?? 0;
    for (let chunks = 0; nodes.length < limit && i < days.length && chunks < MAX_CHUNKS; chunks++) {
      const hi = Math.min(i + limit, days.length);
      const read = await readDays(Math.max(days[i], start), until(hi));
      nodes.push(...read.slice(0, limit - nodes.length));
      i = hi;
    }
  }
  // A node's day: the local day holding its start (the first may start mid-day, trimmed to the window).
  const dayOf = (n: UsageNode) => days.filter((d) => d <= Date.parse(n.segment_start)).at(-1) ?? days[0];
  const firstDay = nodes.length ? dayOf(nodes[0]) : null;
  const lastDay = nodes.length ? dayOf(nodes[nodes.length - 1]) : null;
  const hasPrevious = firstDay !== null && firstDay > days[0];
  const hasNext = lastDay !== null && lastDay < days[days.length - 1];
  return {
    nodes,
    pageInfo: {
      startCursor: hasPrevious ? String(firstDay) : null,
      endCursor: hasNext ? String(lastDay) : null,
      hasNextPage: hasNext,
      hasPreviousPage: hasPrevious,
    },
  };
}

/** The start of the members' first segment, when the window has no start. */
async function firstReading(v: AggregateStreamVariables, graph: GraphQuery): Promise<number | null> {
  // The graph lists meter by meter: each meter's first segment, the earliest of them.
  let earliest: number | null = null;
  for (const meter of v.meters) {
    const { page } = await graph.run(MemberSegments, { filter: { meterDeviceIds: [meter] }, first: 1 }, TTL_SECONDS);
    const first = page.nodes[0];
    if (first) earliest = Math.min(earliest ?? Infinity, Date.parse(first.segment_start));
  }
  return earliest;
}
