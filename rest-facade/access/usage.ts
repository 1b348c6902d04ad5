import { indexGraph, intersectMatches, isPreselection, type CustomerGraph, type EntryVisibility, type UsageCondition } from '../authorization-details';
import {
  ALWAYS, contractSpan, installationSpan, intersect, union, type Span,
} from '../authorization-details/selection/periods';
import type { Period, Periods, Window } from './access';

/**
 * Usage Segments come per meter (the metering graph lists them by meter and window), while the
 * visibility rules state them as conditions on a segment's `related_*` arrays (cds-wg3-01 §6.1.9,
 * §7.2.8). This turns the conditions into meters, each with the spans its segments meet them:
 * a contract's meters over the contract's days while installed at its service points, a service
 * point's meters over the point's periods, a meter over its own. Conditions combine by AND
 * (per meter, the spans common to all), each condition's ids by OR; the Grant's window bounds all.
 */

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : null);
const toWindow = (s: Span): Window => ({ start: iso(s.from), end: iso(s.until) });
const fromWindow = (w: { from: string | null; until: string | null }): Span => ({
  from: w.from === null ? -Infinity : Date.parse(w.from), until: w.until === null ? Infinity : Date.parse(w.until),
});

type MeterSpans = Map<string, Span[]>;

function add(map: MeterSpans, meter: string, spans: Span[]): void {
  if (spans.length) map.set(meter, union([...(map.get(meter) ?? []), ...spans]));
}

function meetsCondition(graph: ReturnType<typeof indexGraph>, c: UsageCondition, timezone: string): { meters: MeterSpans; aggregations: Set<string> } {
  const meters: MeterSpans = new Map();
  const atPoint = (pointId: string, within: Span[]) => {
    for (const { meter, installation } of graph.installationsAt.get(pointId) ?? []) {
      add(meters, meter.id, within.map((s) => intersect(s, installationSpan(installation))).filter((s): s is Span => s !== null));
    }
  };
  const contracts = new Set([...c.service_contracts, ...c.accounts.flatMap((a) => (graph.contractsOfAccount.get(a) ?? []).map((sc) => sc.id))]);
  for (const id of contracts) {
    const sc = graph.serviceContract.get(id);
    if (!sc) continue;
    for (const { point } of graph.pointsOfContract.get(id) ?? []) atPoint(point.id, [contractSpan(sc, timezone)]);
  }
  for (const p of c.service_points) atPoint(p.id, p.periods.map(fromWindow));
  for (const m of c.meter_devices) add(meters, m.id, m.periods.map(fromWindow));
  // A meter's segment relates to the aggregations grouping its service point.
  for (const id of c.aggregations) for (const point of graph.aggregation.get(id)?.grouped_servicepoints ?? []) atPoint(point, [ALWAYS]);
  return { meters, aggregations: new Set(c.aggregations) };
}

/**
 * A direct-access usage query (§6.2.8): the segments of the meters that meet every preselection
 * field (§7.1: the intersection of the fields' matches, as the relationships stand at `as_of`),
 * over the whole window (there is no Customer whose periods would bound them); with aggregation
 * numbers only, the named aggregations' own aggregated segments. Aggregation numbers never reveal
 * the members' individual meters (§4.11, docs/spec-decisions.md).
 */
export function directUsagePeriods(
  usage: NonNullable<EntryVisibility['usage_segments']>, values: Record<string, unknown>, graph: CustomerGraph, asOf: string,
): { meters: Periods; aggregations: Periods } {
  const window: Window = { start: usage.segment_start, end: usage.segment_end };
  const byMeter = Object.keys(values).some((f) => f !== 'aggregation_numbers' && isPreselection(f) && Array.isArray(values[f]));
  const matched = (kind: 'meter_device' | 'aggregation') => [...(intersectMatches(values, kind, indexGraph(graph), { at: Date.parse(asOf) }) ?? [])].sort();
  const meterIds = byMeter ? matched('meter_device') : [];
  const aggregationIds = !byMeter && Array.isArray(values.aggregation_numbers) ? matched('aggregation') : [];
  return {
    meters: { all: [], items: meterIds.map((id) => ({ id, window })) },
    aggregations: { all: [], items: aggregationIds.map((id) => ({ id, window })) },
  };
}

/** Meters (and aggregations) whose segments the entry's usage rules let through, with their windows. */
export function usagePeriods(
  usage: NonNullable<EntryVisibility['usage_segments']>, graph: CustomerGraph, timezone: string,
): { meters: Periods; aggregations: Periods } {
  const index = indexGraph(graph);
  const window: Span = {
    from: usage.segment_start === null ? -Infinity : Date.parse(usage.segment_start),
    until: usage.segment_end === null ? Infinity : Date.parse(usage.segment_end),
  };
  const met = usage.all_of.map((c) => meetsCondition(index, c, timezone));
  // Aggregated segments relate to their aggregation only: they pass when every condition is about
  // aggregations, and then no member's own meter does (whole-building data is the aggregate, §4.11).
  const aggregatesOnly = usage.all_of.every(isAggregationOnly);
  let meters: MeterSpans = new Map();
  if (!aggregatesOnly && met.length > 0) {
    meters = met[0].meters;
    for (const next of met.slice(1)) {
      const both: MeterSpans = new Map();
      for (const [id, spans] of meters) {
        const other = next.meters.get(id) ?? [];
        add(both, id, spans.flatMap((s) => other.map((o) => intersect(s, o)).filter((x): x is Span => x !== null)));
      }
      meters = both;
    }
  }
  const items: Period[] = [];
  for (const [id, spans] of meters) {
    for (const s of spans) {
      const inside = intersect(s, window);
      if (inside) items.push({ id, window: toWindow(inside) });
    }
  }
  const aggregationIds = aggregatesOnly && met.length > 0
    ? [...met.map((m) => m.aggregations).reduce((a, b) => new Set([...a].filter((x) => b.has(x))))]
    : [];
  return {
    meters: { all: [], items },
    aggregations: { all: [], items: aggregationIds.sort().map((id) => ({ id, window: toWindow(window) })) },
  };
}

function isAggregationOnly(c: UsageCondition): boolean {
  return c.accounts.length === 0 && c.service_contracts.length === 0 && c.service_points.length === 0 && c.meter_devices.length === 0;
}
