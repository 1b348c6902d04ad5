import { createHash } from 'node:crypto';
import { dateOf, dayNumber, isoInstant } from '../generator/calendar';
import {
  billedPeriods, meterDay, peakDemand, READ_EDITED, READ_ESTIMATED, registerAt, type BilledPeriod, type MeterDay,
} from '../generator/readings';
import type { GreenButtonSeries, Utility } from '../generator/utility';
import { ESPI, type MdmChannel, type MdmMeter } from './records';
import { escapeXml } from './xml';

/**
 * Green Button ESPI Atom feeds of the MDM: per usage point a UsagePoint entry, per channel a
 * MeterReading and its ReadingType, and one IntervalBlock per local day (per bill section for the
 * billed usage) holding the readings whose start is inside the requested window. Synthetic meters
 * are computed from the generator (readings with their cost, quality and TOU bucket; net,
 * register, peak demand and billed usage on request, `MdmChannel`); Green Button meters replay
 * their file's reading type and readings as they were.
 */

const RES = '/espi/1_1/resource';

export interface EspiWindow {
  /** Epoch seconds, [from, to). */
  from: number;
  to: number;
}

function uuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

class Feed {
  readonly parts: string[] = [];

  entry(self: string, up: string | null, related: string[], title: string, content: string, updated: string) {
    this.parts.push(
      '<entry>',
      `<id>${uuid(self)}</id>`,
      `<link rel="self" href="${escapeXml(self)}"/>`,
      ...(up ? [`<link rel="up" href="${escapeXml(up)}"/>`] : []),
      ...related.map((r) => `<link rel="related" href="${escapeXml(r)}"/>`),
      `<title>${escapeXml(title)}</title>`,
      `<content>${content}</content>`,
      `<published>${updated}</published>`,
      `<updated>${updated}</updated>`,
      '</entry>',
    );
  }
}

const el = (name: string, text: string | number) => `<${name}>${typeof text === 'string' ? escapeXml(text) : text}</${name}>`;
const espi = (name: string, inner: string) => `<${name} xmlns="http://naesb.org/espi">${inner}</${name}>`;

interface Reading {
  start: string;
  duration: string;
  value: string;
  cost: string | null;
  quality: string | null;
  consumptionTier?: number;
  tou?: number;
}

function block(readings: Reading[], interval?: { start: string; duration: string }): string {
  const span = interval ?? {
    start: readings[0].start,
    duration: String(readings.reduce((s, r) => s + Number(r.duration), 0)),
  };
  // IntervalReading children in schema order: cost, ReadingQuality, timePeriod, value, consumptionTier, tou.
  const body = readings.map((r) => [
    '<IntervalReading>',
    r.cost !== null ? el('cost', r.cost) : '',
    r.quality !== null ? `<ReadingQuality>${el('quality', r.quality)}</ReadingQuality>` : '',
    `<timePeriod>${el('duration', r.duration)}${el('start', r.start)}</timePeriod>`,
    el('value', r.value),
    r.consumptionTier !== undefined ? el('consumptionTier', r.consumptionTier) : '',
    r.tou !== undefined ? el('tou', r.tou) : '',
    '</IntervalReading>',
  ].join(''));
  return espi('IntervalBlock', `<interval>${el('duration', span.duration)}${el('start', span.start)}</interval>${body.join('')}`);
}

function localTimeParameters(u: Utility): [string, string][] {
  const year = u.asOf.slice(0, 4);
  const winter = u.calendar.offsetAt(u.calendar.startOf(`${year}-01-15`));
  const summer = u.calendar.offsetAt(u.calendar.startOf(`${year}-07-15`));
  const dst = Math.abs(summer - winter);
  // North American rules (second Sunday of March, first Sunday of November, 02:00), as in the samples.
  return dst
    ? [['dstEndRule', 'B40E2000'], ['dstOffset', String(dst)], ['dstStartRule', '360E2000'], ['tzOffset', String(Math.min(winter, summer))]]
    : [['dstOffset', '0'], ['tzOffset', String(winter)]];
}

/** Local days a meter has data for (installed, inside history), intersected with the window, with the service point. */
function meterDayRange(u: Utility, meter: MdmMeter, w: EspiWindow): [number, number, string][] {
  const first = Math.max(dayNumber(u.historyStart), u.calendar.dayAt(w.from));
  const last = Math.min(dayNumber(u.asOf) - 1, u.calendar.dayAt(Math.max(w.from, w.to - 1)));
  const out: [number, number, string][] = [];
  for (const inst of meter.installs) {
    const a = Math.max(first, u.calendar.dayAt(Date.parse(inst.installedAt) / 1000));
    const b = Math.min(last, inst.removedAt ? u.calendar.dayAt(Date.parse(inst.removedAt) / 1000) - 1 : Infinity);
    if (a <= b) out.push([a, b, inst.servicePointId]);
  }
  return out;
}

/** ReadingType children in schema order (ESPI 3.3 ReadingType sequence). */
const READING_TYPE_ORDER = [
  'accumulationBehaviour', 'commodity', 'consumptionTier', 'currency', 'dataQualifier', 'defaultQuality', 'flowDirection',
  'intervalLength', 'kind', 'phase', 'powerOfTenMultiplier', 'timeAttribute', 'tou', 'uom', 'cpp', 'measuringPeriod',
] as const;
type ReadingTypeFields = Partial<Record<(typeof READING_TYPE_ORDER)[number], number>>;

function readingType(fields: ReadingTypeFields): [string, string][] {
  return READING_TYPE_ORDER.filter((k) => fields[k] !== undefined).map((k) => [k, String(fields[k])]);
}

/** One MeterReading of a synthetic usage point: its ReadingType and its IntervalBlocks. */
interface Channel {
  id: string;
  title: string;
  readingType: [string, string][];
  blocks: { key: string; readings: Reading[]; whole: { start: string; duration: string } | null; updated: string }[];
}

const quality = (q: number): string | null =>
  q === READ_ESTIMATED ? String(ESPI.quality.estimated) : q === READ_EDITED ? String(ESPI.quality.manuallyEdited) : null;

/** Interval channels of the meter's days, from a per-reading mapping (null: no reading). */
function intervalChannel(
  days: MeterDay[], w: EspiWindow, id: string, title: string, rt: [string, string][],
  reading: (d: MeterDay, i: number) => Omit<Reading, 'start' | 'duration'> | null,
): Channel {
  const blocks = days.map((d) => {
    const readings: Reading[] = [];
    for (let i = 0; i < d.forward.length; i++) {
      const start = d.info.start + i * d.slotSeconds;
      if (start < w.from || start >= w.to) continue;
      const r = reading(d, i);
      if (r) readings.push({ start: String(start), duration: String(d.slotSeconds), ...r });
    }
    const whole = readings.length === d.forward.length ? { start: String(d.info.start), duration: String(d.info.seconds) } : null;
    return { key: d.info.date.replaceAll('-', ''), readings, whole, updated: isoInstant(d.info.end) };
  });
  return { id, title, readingType: rt, blocks: blocks.filter((b) => b.readings.length) };
}

function syntheticChannels(u: Utility, meter: MdmMeter, w: EspiWindow, wanted: ReadonlySet<MdmChannel>): Channel[] {
  const load = u.loads.get(meter.meterId)!;
  const days: MeterDay[] = [];
  for (const [a, b, sp] of meterDayRange(u, meter, w)) for (let d = a; d <= b; d++) days.push(meterDay(u, meter, load, d, sp));
  const base: ReadingTypeFields = {
    accumulationBehaviour: ESPI.accumulation.deltaData, commodity: ESPI.commodity[meter.commodity], dataQualifier: ESPI.dataQualifier.normal,
    intervalLength: meter.intervalSeconds, kind: ESPI.kind[meter.commodity], phase: meter.commodity === 'ELECTRIC' ? 769 : undefined,
    powerOfTenMultiplier: 0, timeAttribute: ESPI.timeAttribute.none, uom: ESPI.uom[meter.commodity],
  };
  const electric = meter.commodity === 'ELECTRIC';
  const bidirectional = meter.flow === 'BIDIRECTIONAL';
  const out: Channel[] = [];
  if (wanted.has('delivered')) {
    out.push(intervalChannel(days, w, '01', 'Delivered', readingType({
      ...base, currency: ESPI.currency.USD, defaultQuality: ESPI.quality.valid, flowDirection: ESPI.flowDirection.forward,
    }), (d, i) => ({
      value: String(d.forward[i]), cost: d.cost ? String(d.cost[i]) : null, quality: quality(d.quality[i]),
      ...(d.tou ? { tou: d.tou[i] } : {}),
    })));
  }
  if (bidirectional && wanted.has('received')) {
    out.push(intervalChannel(days, w, '02', 'Received', readingType({ ...base, defaultQuality: ESPI.quality.valid, flowDirection: ESPI.flowDirection.reverse }),
      (d, i) => ({ value: String(d.reverse![i]), cost: null, quality: quality(d.quality[i]) })));
  }
  if (bidirectional && wanted.has('net')) {
    out.push(intervalChannel(days, w, '03', 'Net', readingType({ ...base, defaultQuality: ESPI.quality.derived, flowDirection: ESPI.flowDirection.net }),
      (d, i) => ({ value: String(d.forward[i] - d.reverse![i]), cost: null, quality: null })));
  }
  if (electric && wanted.has('register')) {
    // The delivered-energy register (OBIS 1.8.0) at the start of each interval: a day's first from
    // the meter's history, the next ones adding the intervals before them.
    const registers = new Map<number, Float64Array>();
    let at = 0;
    for (const d of days) {
      if (!registers.has(d.info.day - 1)) at = registerAt(u, meter, load, d.info.day);
      const starts = new Float64Array(d.forward.length);
      for (let i = 0; i < d.forward.length; i++) {
        starts[i] = at;
        at += d.forward[i];
      }
      registers.set(d.info.day, starts);
    }
    out.push(intervalChannel(days, w, '04', REGISTER_TITLE, readingType({
      ...base, accumulationBehaviour: ESPI.accumulation.bulkQuantity, defaultQuality: ESPI.quality.valid, flowDirection: ESPI.flowDirection.forward,
    }), (d, i) => ({ value: String(registers.get(d.info.day)![i]), cost: null, quality: null })));
  }
  if (meter.measures.includes('DEMAND') && load.slotSeconds === 900 && wanted.has('demand')) {
    const blocks = days.filter((d) => d.info.start >= w.from && d.info.start < w.to).map((d) => {
      const whole = { start: String(d.info.start), duration: String(d.info.seconds) };
      return { key: d.info.date.replaceAll('-', ''), whole, updated: isoInstant(d.info.end),
        readings: [{ ...whole, value: String(peakDemand(d.forward, d.slotSeconds)), cost: null, quality: null }] };
    });
    out.push({ id: '05', title: 'Maximum demand', blocks, readingType: readingType({
      accumulationBehaviour: ESPI.accumulation.indicating, commodity: ESPI.commodity.ELECTRIC, dataQualifier: ESPI.dataQualifier.maximum,
      defaultQuality: ESPI.quality.derived, flowDirection: ESPI.flowDirection.forward, intervalLength: 86400, kind: ESPI.demandKind, phase: 769,
      powerOfTenMultiplier: 0, timeAttribute: ESPI.timeAttribute.none, uom: ESPI.demandUom, measuringPeriod: ESPI.measuringPeriod.fifteenMinute,
    }) });
  }
  if (electric && wanted.has('billed')) out.push(...billedChannels(u, meter, w, base));
  return out;
}

/** MeterReading title of the register channel: the register's identifier (OBIS active energy import, total). */
export const REGISTER_TITLE = '1.8.0';

/** Billed usage per bill section (`06`) and per tier (`1n`), one reading per section over the meter's days in it. */
function billedChannels(u: Utility, meter: MdmMeter, w: EspiWindow, base: ReadingTypeFields): Channel[] {
  const periods = billedPeriods(u, meter, u.calendar.dayAt(w.from), u.calendar.dayAt(Math.max(w.from, w.to - 1)))
    .map((p) => ({ p, start: u.calendar.localDay(p.first).start, end: u.calendar.localDay(p.last).end }))
    .filter(({ start }) => start >= w.from && start < w.to);
  const rt = (tier?: number) => readingType({
    ...base, consumptionTier: tier, defaultQuality: ESPI.quality.revenue, flowDirection: ESPI.flowDirection.forward,
    intervalLength: undefined, timeAttribute: ESPI.timeAttribute.billingPeriod,
  });
  const channel = (id: string, title: string, value: (p: BilledPeriod) => number | null, tier?: number): Channel => ({
    id, title, readingType: rt(tier),
    blocks: periods.filter(({ p }) => value(p) !== null).map(({ p, start, end }) => {
      const whole = { start: String(start), duration: String(end - start) };
      return { key: dateOf(p.first).replaceAll('-', ''), whole, updated: isoInstant(end),
        readings: [{ ...whole, value: String(value(p)), cost: null, quality: null, ...(tier ? { consumptionTier: tier } : {}) }] };
    }),
  });
  const tiers = Math.max(0, ...periods.map(({ p }) => p.tiers?.length ?? 0));
  return [
    channel('06', 'Billed', (p) => p.forward),
    ...Array.from({ length: tiers }, (_, k) => channel(`1${k + 1}`, `Billed tier ${k + 1}`, (p) => p.tiers?.[k] ?? null, k + 1)),
  ];
}

const pairsXml = (pairs: [string, string][]) => pairs.map(([k, v]) => el(k, v)).join('');

function usagePoint(u: Utility, meter: MdmMeter, w: EspiWindow, wanted: ReadonlySet<MdmChannel>, feed: Feed) {
  const series: GreenButtonSeries | undefined = u.greenButton.get(meter.meterId);
  const upHref = `${RES}/UsagePoint/${meter.usagePointId}`;
  const kind = series ? series.serviceKind : String(ESPI.serviceKind[meter.commodity]);
  feed.entry(upHref, `${RES}/UsagePoint`, [`${upHref}/MeterReading`, `${RES}/LocalTimeParameters/${meter.usagePointId}`], meter.serialNumber,
    espi('UsagePoint', `<ServiceCategory>${el('kind', kind)}</ServiceCategory>`), meter.updatedAt);
  feed.entry(`${RES}/LocalTimeParameters/${meter.usagePointId}`, `${RES}/LocalTimeParameters`, [], series ? 'Local time (as published)' : `Local time (${u.timezone})`,
    espi('LocalTimeParameters', pairsXml(series ? series.localTime : localTimeParameters(u))), meter.updatedAt);
  const channels: Channel[] = series ? [greenButtonChannel(series, w, meter)] : syntheticChannels(u, meter, w, wanted);
  for (const channel of channels) {
    const mr = `${upHref}/MeterReading/${channel.id}`;
    const rt = `${RES}/ReadingType/${meter.usagePointId}-${channel.id}`;
    feed.entry(mr, `${upHref}/MeterReading`, [`${mr}/IntervalBlock`, rt], channel.title, espi('MeterReading', ''), meter.updatedAt);
    feed.entry(rt, `${RES}/ReadingType`, [], 'Reading type', espi('ReadingType', pairsXml(channel.readingType)), meter.updatedAt);
    for (const b of channel.blocks) {
      feed.entry(`${mr}/IntervalBlock/${b.key}`, `${mr}/IntervalBlock`, [], '', block(b.readings, b.whole ?? undefined), b.updated);
    }
  }
}

/** A Green Button file replayed: its reading type and blocks as they were, readings inside the window. */
function greenButtonChannel(series: GreenButtonSeries, w: EspiWindow, meter: MdmMeter): Channel {
  const blocks = series.blocks.flatMap((b, n) => {
    const readings = b.readings.filter((r) => Number(r.start) >= w.from && Number(r.start) < w.to);
    return readings.length ? [{ key: String(n + 1), readings, whole: readings.length === b.readings.length ? b : null, updated: meter.updatedAt }] : [];
  });
  return { id: '01', title: 'Delivered', readingType: series.readingType, blocks };
}

/** Days of readings a feed of this meter over the window holds (the cost of a request). */
export function dataDays(u: Utility, meter: MdmMeter, w: EspiWindow): number {
  const series = u.greenButton.get(meter.meterId);
  if (!series) return meterDayRange(u, meter, w).reduce((n, [a, b]) => n + b - a + 1, 0);
  const days = new Set<number>();
  for (const b of series.blocks) for (const r of b.readings) {
    const start = Number(r.start);
    if (start >= w.from && start < w.to) days.add(Math.floor(start / 86400));
  }
  return days.size;
}

/** One Atom feed over several usage points, with the MeterReadings asked for. */
export function espiFeed(u: Utility, meters: MdmMeter[], w: EspiWindow, selfHref: string, channels: ReadonlySet<MdmChannel>): string {
  const feed = new Feed();
  for (const meter of meters) usagePoint(u, meter, w, channels, feed);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${uuid(`${selfHref}|${w.from}|${w.to}|${u.version}`)}</id>`,
    '<title>Example Gas &amp; Electric MDM - Green Button Batch</title>',
    `<updated>${isoInstant(u.clock)}</updated>`,
    `<link rel="self" href="${escapeXml(selfHref)}"/>`,
    feed.parts.join('\n'),
    '</feed>',
    '',
  ].join('\n');
}
