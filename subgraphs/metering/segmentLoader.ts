import DataLoader from 'dataloader';
import type { MdmMeter } from '../../legacy/mdm/records';
import { toDateTimeString } from '../shared';
import { parseEspiFeed } from './adapter/espi';
import { MAX_POINT_DAYS, MDM_MAX_FEED_POINTS, type MdmClient } from './adapter/mdm';
import { buildSegments, parseSegmentId, type SegmentModel } from './adapter/segments';
import { channelsOfKind } from './usageDetails';
import type { UsageSegment } from './types/usageSegment';

export function toUsageSegment(s: SegmentModel): UsageSegment {
  return {
    id: s.id,
    created: s.created,
    modified: s.modified,
    synced: s.synced,
    kind: s.kind,
    segmentStart: toDateTimeString(new Date(s.start)),
    segmentEnd: toDateTimeString(new Date(s.end)),
    interval: String(s.intervalSeconds),
    formats: s.formats,
    values: s.values,
    relatedMeterDeviceIds: [s.meterId],
    relatedServicePointIds: s.relatedServicePointIds,
    meterId: s.meterId,
    start: s.start,
  };
}

/**
 * Segments by id (entity references, `usageSegment(id)`): an id names its meter, period and kind,
 * so all ids of one kind asked for in one tick become one ESPI request per 100 meters over the
 * periods' span (of the MeterReadings holding that kind).
 */
export function segmentLoader(mdm: MdmClient, timezone: string, meters: (ids: string[]) => Promise<MdmMeter[]>) {
  return new DataLoader<string, UsageSegment | null>(async (ids) => {
    const wanted = ids.map((id) => ({ id, parsed: parseSegmentId(id) }));
    const valid = wanted.filter((w) => w.parsed !== null);
    const records = new Map((await meters([...new Set(valid.map((w) => w.parsed!.meterId))])).map((m) => [m.meterId, m]));
    const found = new Map<string, UsageSegment>();
    const known = valid.filter((w) => records.has(w.parsed!.meterId));
    const requests: { meters: string[]; asks: typeof known }[] = [];
    for (const kind of new Set(known.map((w) => w.parsed!.kind))) {
      const ofKind = known.filter((w) => w.parsed!.kind === kind);
      const meterIds = [...new Set(ofKind.map((w) => w.parsed!.meterId))];
      for (let i = 0; i < meterIds.length; i += MDM_MAX_FEED_POINTS) {
        const chunk = new Set(meterIds.slice(i, i + MDM_MAX_FEED_POINTS));
        const asks = ofKind.filter((w) => chunk.has(w.parsed!.meterId));
        const days = Math.ceil((Math.max(...asks.map((w) => w.parsed!.end)) - Math.min(...asks.map((w) => w.parsed!.start))) / 86_400_000);
        // Periods too far apart for one request (the MDM's usage-point-day limit) are asked one by one.
        if (days * chunk.size <= MAX_POINT_DAYS) requests.push({ meters: [...chunk], asks });
        else for (const ask of asks) requests.push({ meters: [ask.parsed!.meterId], asks: [ask] });
      }
    }
    for (const { meters: ids, asks } of requests) {
      const from = Math.min(...asks.map((w) => w.parsed!.start));
      const to = Math.max(...asks.map((w) => w.parsed!.end));
      const channels = channelsOfKind(asks[0].parsed!.kind);
      const { xml, receivedAt } = await mdm.feed(ids.map((m) => records.get(m)!.usagePointId), new Date(from), new Date(to), channels);
      const points = parseEspiFeed(xml);
      for (const { id, parsed } of asks) {
        const meter = records.get(parsed!.meterId)!;
        const point = points.find((p) => p.id === meter.usagePointId);
        const segment = point && buildSegments(meter, point, { from: parsed!.start, to: parsed!.end }, timezone, receivedAt).find((s) => s.id === id);
        if (segment) found.set(id, toUsageSegment(segment));
      }
    }
    return ids.map((id) => found.get(id) ?? null);
  });
}
