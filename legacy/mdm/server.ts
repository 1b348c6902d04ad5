import type { Request, Response } from 'express';
import { z } from 'zod';
import { dateOf, dayNumber, isoInstant } from '../generator/calendar';
import { CARBON_INTENSITY, SHARE_SCALE, SUPPLY_SOURCES, supplyMixAt } from '../generator/supplyMix';
import { touBuckets } from '../generator/tariffs';
import { dailyTotal, isEstimated } from '../generator/usage';
import type { Utility } from '../generator/utility';
import { one, Table, type ListingParams, type TableSpec } from '../sim/listing';
import { badRequest, isoDate, isoDateTime, list, notFound, parseParams } from '../sim/params';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../sim/server';
import { dataDays, espiFeed, type EspiWindow } from './espi';
import {
  ESPI, MDM_CHANNELS, type MdmChannel, type MdmError, type MdmLookup, type MdmMeter, type MdmPage, type MdmSupplyMixHour, type MdmTouBucket,
} from './records';

/** The MDM simulator: JSON device registry and Green Button ESPI interval feeds (see legacy/README.md). */

const LISTING: ListingParams = { limit: 'limit', cursor: 'cursor', q: 'q', qFields: 'q_fields', or: 'or', maxLimit: 100 };
/** Largest ESPI request: usage points × days. */
export const MAX_USAGE_POINT_DAYS = 4000;
const MAX_DAILY_METERS = 100;
const MAX_DAILY_DAYS = 800;
/** Largest supply-mix request, in hours (a usage listing asks for at most 101 days at a time). */
const MAX_MIX_HOURS = 102 * 24;

export function mdmError(status: number, message: string): MdmError {
  return { fault: { code: `MDM-${status}`, message } };
}

const installedAt = (m: MdmMeter, current: boolean) =>
  m.installs.filter((i) => (i.removedAt === null) === current).map((i) => i.servicePointId);

function meterTable(u: Utility): TableSpec<MdmMeter> {
  const ix = u.index;
  return {
    name: 'meters',
    rows: () => u.mdm.meters,
    sortKey: (m) => [m.updatedAt, m.meterId],
    filters: {
      meterId: (m) => m.meterId, serialNumber: (m) => m.serialNumber, servicePointId: (m) => m.installs.map((i) => i.servicePointId),
      currentServicePointId: (m) => installedAt(m, true), previousServicePointId: (m) => installedAt(m, false),
      commodity: (m) => m.commodity, usagePointId: (m) => m.usagePointId,
      technology: (m) => m.technology, flow: (m) => m.flow, physical: (m) => String(m.physical), measures: (m) => m.measures,
      wifi: (m) => m.wifi, zigbee: (m) => m.zigbee, centralApps: (m) => String(m.centralApps), customerApps: (m) => String(m.customerApps),
      appCode: (m) => m.apps.map((a) => a.appCode),
    },
    search: { meterId: (m) => m.meterId, serialNumber: (m) => m.serialNumber },
    indexed: {
      meterId: (k) => one(ix.meter.get(k)),
      serialNumber: (k) => one(ix.meterBySerial.get(k)),
      servicePointId: (k) => ix.metersBySp.get(k),
      currentServicePointId: (k) => ix.metersBySp.get(k).filter((m) => installedAt(m, true).includes(k)),
      previousServicePointId: (k) => ix.metersBySp.get(k).filter((m) => installedAt(m, false).includes(k)),
      usagePointId: (k) => one(ix.meterByUsagePoint.get(k)),
    },
  };
}

const lookupBody = z.object({ by: z.string().min(1), keys: z.array(z.string().max(200)).min(1).max(1000) }).strict();
const channelList = list.pipe(z.array(z.enum(MDM_CHANNELS as [MdmChannel, ...MdmChannel[]], { error: `channels are ${MDM_CHANNELS.join(', ')}` })));
const windowQuery = { 'published-min': isoDateTime.optional(), 'published-max': isoDateTime.optional(), channels: channelList.optional() };
const mixQuery = z.object({ from: isoDateTime, to: isoDateTime }).strict();
const dailyQuery = z.object({ meterId: list, from: isoDate, to: isoDate }).strict();

interface DailyRead {
  meterId: string;
  channel: 'DELIVERED' | 'RECEIVED';
  date: string;
  value: string;
  uom: number;
  powerOfTenMultiplier: number;
  estimated: boolean;
}

export async function startMdmSimulator(utility: Utility, options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const meters = new Table(meterTable(utility), utility, LISTING);
  meters.warm();

  const window = (query: Record<string, unknown>): EspiWindow => {
    // Default: everything the meter has (synthetic history, or a Green Button file's whole period).
    const from = query['published-min'] ? Date.parse(query['published-min'] as string) / 1000 : 0;
    const to = query['published-max'] ? Date.parse(query['published-max'] as string) / 1000 : utility.horizon;
    if (!(from < to)) throw badRequest('published-min must be before published-max');
    return { from: Math.floor(from), to: Math.ceil(to) };
  };

  const sendFeed = (req: Request, res: Response, found: MdmMeter[], w: EspiWindow, channels: MdmChannel[] = ['delivered', 'received']) => {
    const days = found.reduce((n, m) => n + dataDays(utility, m, w), 0);
    if (days > MAX_USAGE_POINT_DAYS) {
      throw badRequest(`request covers ${days} usage-point-days of readings; at most ${MAX_USAGE_POINT_DAYS}: narrow published-min/published-max`);
    }
    res.type('application/atom+xml').send(espiFeed(utility, found, w, req.originalUrl, new Set(channels)));
  };

  const dailyReads = (query: Record<string, unknown>): { items: DailyRead[] } => {
    const { meterId, from, to } = parseParams(dailyQuery, query);
    if (meterId.length > MAX_DAILY_METERS) throw badRequest(`meterId: at most ${MAX_DAILY_METERS} meters`);
    const a = dayNumber(from);
    const b = dayNumber(to);
    if (b < a) throw badRequest('to must not be before from');
    if (b - a + 1 > MAX_DAILY_DAYS) throw badRequest(`at most ${MAX_DAILY_DAYS} days`);
    const items: DailyRead[] = [];
    for (const id of meterId) {
      const meter = utility.index.meter.get(id);
      if (!meter) throw notFound(`no meter ${id}`);
      const uom = ESPI.uom[meter.commodity];
      const series = utility.greenButton.get(id);
      if (series) {
        const byDay = new Map<number, bigint>();
        for (const blk of series.blocks) for (const r of blk.readings) {
          const day = utility.calendar.dayAt(Math.floor(Number(r.start)));
          if (day >= a && day <= b) byDay.set(day, (byDay.get(day) ?? 0n) + BigInt(r.value));
        }
        for (const [day, total] of [...byDay].sort((x, y) => x[0] - y[0])) {
          items.push({ meterId: id, channel: 'DELIVERED', date: dateOf(day), value: String(total), uom, powerOfTenMultiplier: 0, estimated: false });
        }
        continue;
      }
      const load = utility.loads.get(id)!;
      const first = Math.max(a, dayNumber(utility.historyStart));
      const last = Math.min(b, dayNumber(utility.asOf) - 1);
      const channels = meter.flow === 'BIDIRECTIONAL' ? (['forward', 'reverse'] as const) : (['forward'] as const);
      for (const inst of meter.installs) {
        const lo = Math.max(first, utility.calendar.dayAt(Date.parse(inst.installedAt) / 1000));
        const hi = Math.min(last, inst.removedAt ? utility.calendar.dayAt(Date.parse(inst.removedAt) / 1000) - 1 : Infinity);
        for (let d = lo; d <= hi; d++) {
          const info = utility.calendar.localDay(d);
          for (const channel of channels) {
            items.push({
              meterId: id, channel: channel === 'forward' ? 'DELIVERED' : 'RECEIVED', date: info.date,
              value: String(dailyTotal(load, channel, info)), uom, powerOfTenMultiplier: 0, estimated: isEstimated(load, d),
            });
          }
        }
      }
    }
    return { items };
  };

  /** The grid's hourly supply mix for the hours starting in [from, to), within the history. */
  const supplyMix = (query: Record<string, unknown>): { items: MdmSupplyMixHour[] } => {
    const { from, to } = parseParams(mixQuery, query);
    const lo = Math.ceil(Math.max(Date.parse(from) / 1000, utility.calendar.startOf(utility.historyStart)) / 3600) * 3600;
    const hi = Math.min(Date.parse(to) / 1000, utility.horizon);
    if (Date.parse(to) <= Date.parse(from)) throw badRequest('from must be before to');
    if ((hi - lo) / 3600 > MAX_MIX_HOURS) throw badRequest(`at most ${MAX_MIX_HOURS} hours`);
    const items: MdmSupplyMixHour[] = [];
    for (let t = lo; t < hi; t += 3600) {
      const shares = supplyMixAt(utility, t);
      items.push({
        start: isoInstant(t), end: isoInstant(t + 3600),
        sources: SUPPLY_SOURCES.map((source, i) => ({ source, share: ratio(shares[i]), carbonIntensity: CARBON_INTENSITY[source] })),
      });
    }
    return { items };
  };

  return startSimulator({
    name: 'mdm',
    utility,
    errorBody: mdmError,
    routes: (r) => {
      r.get('/mdm/v1/meters', (req): MdmPage<MdmMeter> => {
        const page = meters.list(req.query as Record<string, unknown>);
        return { items: page.rows, nextCursor: page.next, prevCursor: page.prev };
      });
      r.post('/mdm/v1/meters/lookup', (req): MdmLookup<MdmMeter> => {
        const { by, keys } = parseParams(lookupBody, req.body);
        return { items: meters.lookup(by, keys) };
      });
      r.get('/mdm/v1/daily-reads', (req) => dailyReads(req.query as Record<string, unknown>));
      r.get('/mdm/v1/tou-buckets', (req): { items: MdmTouBucket[] } => {
        parseParams(z.object({}).strict(), req.query);
        return { items: touBuckets(utility.cis.rates) };
      });
      r.get('/mdm/v1/supply-mix', (req) => supplyMix(req.query as Record<string, unknown>));
      r.get('/espi/1_1/resource/Batch/UsagePoint/:id', (req, res) => {
        const query = parseParams(z.object(windowQuery).strict(), req.query);
        const meter = utility.index.meterByUsagePoint.get(String(req.params.id));
        if (!meter) throw notFound(`no usage point ${req.params.id}`);
        sendFeed(req, res, [meter], window(query), query.channels);
      });
      r.get('/espi/1_1/resource/Batch/UsagePoints', (req, res) => {
        const query = parseParams(z.object({ ids: list, ...windowQuery }).strict(), req.query);
        if (query.ids.length > 100) throw badRequest('ids: at most 100 usage points');
        const found = query.ids.map((id) => {
          const meter = utility.index.meterByUsagePoint.get(id);
          if (!meter) throw notFound(`no usage point ${id}`);
          return meter;
        });
        sendFeed(req, res, found, window(query), query.channels);
      });
    },
  }, options);
}

/** Ten-thousandths as a decimal ratio string ("0.2310", "1.0000"). */
function ratio(tenThousandths: number): string {
  return `${Math.floor(tenThousandths / SHARE_SCALE)}.${String(tenThousandths % SHARE_SCALE).padStart(4, '0')}`;
}
