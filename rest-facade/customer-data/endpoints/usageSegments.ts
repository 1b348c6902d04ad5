import { mergeWindows, windowsOf, type UsagePart } from '../../access';
import { Decimal } from '../../json';
import { DEMO_VALUE_FORMATS, type SegmentKind, type ValueFormat, type ValueFormatOffer } from '../../scopes/customer-data';
import type { CustomerDataEndpoint } from '../endpoint';
import { listingOperation } from '../operation';
import { decimal } from '../present';
import { VisibleReferences } from '../references';
import type { GraphQuery } from '../graphQuery';
import { listUsageSegments, type UsageSegmentsQuery } from '../schemas';
import { aggregatePage, aggregationMembers, type AggregateStreamVariables } from '../usage/aggregates';
import { relatedBillSections } from '../usage/billSections';
import { usageCandidates, type Candidates } from '../usage/candidates';
import { detailsFor } from '../usage/details';
import { columnsFor, project, type Column } from '../usage/formats';
import type { UsageNode } from '../usage/node';
import { meterFacts, usageStreams, type AggregatePair } from '../usage/order';
import { within } from '../windows';

const meterOf = (node: UsageNode) => node.related_meterdevices[0];
const KIND: Record<UsageNode['kind'], SegmentKind> = { INTERVAL: 'interval', DAILY_PEAK_DEMAND: 'daily_peak_demand', BILLING_PERIOD: 'billing_period' };
const GRAPH_KIND = Object.fromEntries(Object.entries(KIND).map(([graph, kind]) => [kind, graph])) as Record<SegmentKind, UsageNode['kind']>;
const kindOf = (o: ValueFormatOffer): SegmentKind => o.segments ?? 'interval';

/**
 * The kinds of segment a part shows: those of the formats it selected; all with every format;
 * intervals without formats (`null`: the segments' periods only, §7.2.8.1).
 */
function partKinds(p: UsagePart, catalogue: readonly ValueFormatOffer[]): Set<SegmentKind> {
  if (p.value_formats === null) return new Set(['interval']);
  return new Set(selectedOffers([p], catalogue).map(kindOf));
}

/**
 * The usage parts a segment is visible through: the windows of its meter — or, for an
 * aggregation's own segment, of its aggregation — in that part hold the whole segment, and the
 * part shows segments of its kind.
 */
function usageParts(node: UsageNode, parts: readonly UsagePart[], catalogue: readonly ValueFormatOffer[]): UsagePart[] {
  const meter = meterOf(node);
  const periods = (p: UsagePart) => (meter !== undefined ? windowsOf(p.meters, meter) : node.related_aggregations.length === 1 ? windowsOf(p.aggregations, node.related_aggregations[0]) : []);
  const kind = KIND[node.kind];
  return parts.filter((p) => partKinds(p, catalogue).has(kind) && periods(p).some((w) => within(w, node.segment_start, node.segment_end)));
}

/** An aggregation's usage is listed only when no relation filter could exclude it (it relates to nothing else). */
function relationFiltered(query: UsageSegmentsQuery): boolean {
  return [query.cds_account_ids, query.account_numbers, query.cds_servicecontract_ids, query.contract_numbers, query.cds_servicepoint_ids,
    query.servicepoint_numbers, query.cds_meterdevice_ids, query.meter_numbers, query.cds_billsection_ids].some((f) => f !== undefined);
}

/** The aggregations whose own usage the parts grant (by id: an unrestricted part lists meters, not aggregations), with windows. */
async function aggregatePairs(query: UsageSegmentsQuery, parts: readonly UsagePart[], graph: GraphQuery): Promise<AggregatePair[]> {
  if (relationFiltered(query)) return [];
  const ids = [...new Set(parts.flatMap((p) => p.aggregations.items.map((i) => i.id)))];
  if (ids.length === 0) return [];
  const members = await aggregationMembers(ids, graph);
  return ids.flatMap((id) => {
    const m = members.get(id);
    if (!m || m.meters.length === 0) return [];
    return mergeWindows(parts.flatMap((p) => windowsOf(p.aggregations, id))).map((window) => ({
      id, number: m.number, window,
      variables: { aggregate: id, points: m.points, meters: m.meters, window, after: query.after, before: query.before, ids: query.cds_usagesegment_ids },
    }));
  });
}

/** The formats segments may carry (§7.2.8.1): the union of the parts' selections, in catalogue order. */
function selectedOffers(parts: readonly UsagePart[], catalogue: readonly ValueFormatOffer[]): ValueFormatOffer[] {
  if (parts.some((p) => p.value_formats === 'all')) return [...catalogue];
  const ids = new Set(parts.flatMap((p) => (Array.isArray(p.value_formats) ? p.value_formats : [])));
  return catalogue.filter((o) => ids.has(o.format.id));
}

/** The selected formats a segment of this kind may carry. */
function selectedFormats(parts: readonly UsagePart[], catalogue: readonly ValueFormatOffer[], kind: SegmentKind): ValueFormat[] {
  return selectedOffers(parts, catalogue).filter((o) => kindOf(o) === kind).map((o) => o.format);
}

/** §10.8.5.8.1: a register's copy names the meter it was read from, when the token may see it. */
function withMeter(format: ValueFormat, meter: string | undefined, refs: VisibleReferences): ValueFormat {
  return format.type === 'meter_readings' && meter !== undefined && refs.has('meter_devices', meter) ? { ...format, related_meterdevice: meter } : format;
}

/** §10.8 Usage Segments, with the Value Formats of `catalogue` (the `include_usage_segment_value_types` Choices). */
export function usageSegmentsEndpoint(catalogue: readonly ValueFormatOffer[] = DEMO_VALUE_FORMATS):
  CustomerDataEndpoint<'usage_segments', typeof listUsageSegments.query, UsageNode> {
  return {
    listing: listUsageSegments,
    api: 'usage_segments',
    operation: listingOperation<UsageNode>('ListUsageSegments'),
    // Past meter-days rarely change; a short TTL still picks up corrections (and today's data).
    ttlSeconds: 300,
    optionalFields: [],
    async plan({ query, parts, access, graph, timezone }) {
      const aggregates = await aggregatePairs(query, parts, graph);
      // Only an aggregation's own usage granted: no meter listing to narrow.
      const onlyAggregates = aggregates.length > 0 && parts.every((p) => p.meters.all.length === 0 && p.meters.items.length === 0);
      const candidates: Candidates = onlyAggregates ? { meters: new Map(), relations: {} } : await usageCandidates(query, parts, graph, timezone);
      const refs = new VisibleReferences(access);
      const facts = await meterFacts([...candidates.meters.keys()], graph);
      // The graph adds to the readings what the selected formats need (quality, TOU, cost, bill sections …).
      const filter = {
        ids: query.cds_usagesegment_ids, after: query.after, before: query.before,
        details: detailsFor(selectedOffers(parts, catalogue)),
        kinds: [...new Set(parts.flatMap((p) => [...partKinds(p, catalogue)]))].map((k) => GRAPH_KIND[k]).sort(),
      };
      const streams = candidates.meters.size === 0 && aggregates.length === 0 ? [] : await usageStreams(candidates.meters, facts, refs, graph, filter, aggregates);
      const { accounts, contracts, points } = candidates.relations;
      const any = (ids: readonly string[], set: Set<string> | undefined) => set === undefined || ids.some((id) => set.has(id));
      return {
        streams,
        // §10.8.8 relation filters hold per segment: a meter serves an account only for a while.
        keep: (node) => any(node.related_accounts, accounts) && any(node.related_servicecontracts, contracts)
          && any(node.related_servicepoints, points),
      };
    },
    visibleThrough: (node, parts) => usageParts(node, parts, catalogue),
    fetch: (stream, args, { graph, timezone }) => (typeof stream.variables.aggregate === 'string'
      ? aggregatePage(stream.variables as unknown as AggregateStreamVariables, args, graph, timezone)
      : null),
    async present(nodes, { access, parts, graph, timezone }) {
      const refs = new VisibleReferences(access);
      const sections = await relatedBillSections(nodes.map((n) => ({
        meter: meterOf(n), start: n.segment_start, end: n.segment_end, contracts: n.related_servicecontracts,
      })), access, graph, timezone);
      const columnCache = new Map<string, Column[]>();
      return nodes.map((n, i) => {
        const selected = selectedFormats(usageParts(n, parts, catalogue), catalogue, KIND[n.kind]);
        const cacheKey = `${selected.map((f) => f.id).join(',')}|${n.formats.map((f) => f.id).join(',')}`;
        let columns = columnCache.get(cacheKey);
        if (!columns) columnCache.set(cacheKey, (columns = columnsFor(selected, n.formats)));
        const projected = project(columns, n.values, new Decimal(n.interval));
        const formats = projected.formats.map((f) => withMeter(f, meterOf(n), refs));
        const { values } = projected;
        return {
          cds_usagesegment_id: n.cds_usagesegment_id,
          cds_created: n.cds_created,
          cds_modified: n.cds_modified,
          cds_synced: n.cds_synced,
          related_aggregations: refs.keep('aggregations', n.related_aggregations),
          related_accounts: refs.keep('accounts', n.related_accounts),
          related_servicecontracts: refs.keep('service_contracts', n.related_servicecontracts),
          related_servicepoints: refs.keep('service_points', n.related_servicepoints),
          related_meterdevices: refs.keep('meter_devices', n.related_meterdevices),
          related_billsections: sections[i],
          segment_start: n.segment_start,
          segment_end: n.segment_end,
          interval: decimal(n.interval),
          formats,
          values,
        };
      });
    },
  };
}
