import { createHash } from 'node:crypto';
import { dayNumber, isoInstant } from '../generator/calendar';
import { dayReadings, isEstimated, type Channel } from '../generator/usage';
import type { GreenButtonSeries, Utility } from '../generator/utility';
import { ESPI, type MdmMeter } from './records';
import { escapeXml } from './xml';

/**
 * Green Button ESPI Atom feeds of the MDM: per usage point a UsagePoint entry, per channel a
 * MeterReading and its ReadingType, and one IntervalBlock per local day holding the readings whose
 * start is inside the requested window. Synthetic meters are computed from the generator; Green
 * Button meters replay their file's reading type and readings as they were.
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
}

function block(readings: Reading[], interval?: { start: string; duration: string }): string {
  const span = interval ?? {
    start: readings[0].start,
    duration: String(readings.reduce((s, r) => s + Number(r.duration), 0)),
  };
  const body = readings.map((r) => [
    '<IntervalReading>',
    r.cost !== null ? el('cost', r.cost) : '',
    r.quality !== null ? `<ReadingQuality>${el('quality', r.quality)}</ReadingQuality>` : '',
    `<timePeriod>${el('duration', r.duration)}${el('start', r.start)}</timePeriod>`,
    el('value', r.value),
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

/** Local days a meter has data for (installed, inside history), intersected with the window. */
function meterDayRange(u: Utility, meter: MdmMeter, w: EspiWindow): [number, number][] {
  const first = Math.max(dayNumber(u.historyStart), u.calendar.dayAt(w.from));
  const last = Math.min(dayNumber(u.asOf) - 1, u.calendar.dayAt(Math.max(w.from, w.to - 1)));
  const out: [number, number][] = [];
  for (const inst of meter.installs) {
    const a = Math.max(first, u.calendar.dayAt(Date.parse(inst.installedAt) / 1000));
    const b = Math.min(last, inst.removedAt ? u.calendar.dayAt(Date.parse(inst.removedAt) / 1000) - 1 : Infinity);
    if (a <= b) out.push([a, b]);
  }
  return out;
}

function syntheticChannel(u: Utility, meter: MdmMeter, channel: Channel, w: EspiWindow, mrHref: string, feed: Feed) {
  const load = u.loads.get(meter.meterId)!;
  for (const [a, b] of meterDayRange(u, meter, w)) {
    for (let d = a; d <= b; d++) {
      const info = u.calendar.localDay(d);
      const values = dayReadings(u.calendar, load, channel, d);
      const slot = load.slotSeconds >= 86400 ? info.seconds : load.slotSeconds;
      const quality = isEstimated(load, d) ? String(ESPI.quality.estimated) : null;
      const readings: Reading[] = [];
      for (let i = 0; i < values.length; i++) {
        const start = info.start + i * slot;
        if (start < w.from || start >= w.to) continue;
        readings.push({ start: String(start), duration: String(slot), value: String(values[i]), cost: null, quality });
      }
      if (!readings.length) continue;
      const whole = readings.length === values.length;
      const href = `${mrHref}/IntervalBlock/${info.date.replaceAll('-', '')}`;
      feed.entry(href, `${mrHref}/IntervalBlock`, [], '', block(readings, whole ? { start: String(info.start), duration: String(info.seconds) } : undefined), isoInstant(info.end));
    }
  }
}

function readingTypeOf(meter: MdmMeter, channel: Channel): [string, string][] {
  return [
    ['accumulationBehaviour', '4'],
    ['commodity', String(ESPI.commodity[meter.commodity])],
    ['dataQualifier', '12'],
    ['flowDirection', String(ESPI.flowDirection[channel])],
    ['intervalLength', String(meter.intervalSeconds)],
    ['kind', String(ESPI.kind[meter.commodity])],
    ...(meter.commodity === 'ELECTRIC' ? [['phase', '769'] as [string, string]] : []),
    ['powerOfTenMultiplier', '0'],
    ['timeAttribute', '0'],
    ['uom', String(ESPI.uom[meter.commodity])],
  ];
}

const pairsXml = (pairs: [string, string][]) => pairs.map(([k, v]) => el(k, v)).join('');

function usagePoint(u: Utility, meter: MdmMeter, w: EspiWindow, feed: Feed) {
  const series: GreenButtonSeries | undefined = u.greenButton.get(meter.meterId);
  const upHref = `${RES}/UsagePoint/${meter.usagePointId}`;
  const kind = series ? series.serviceKind : String(ESPI.serviceKind[meter.commodity]);
  feed.entry(upHref, `${RES}/UsagePoint`, [`${upHref}/MeterReading`, `${RES}/LocalTimeParameters/${meter.usagePointId}`], meter.serialNumber,
    espi('UsagePoint', `<ServiceCategory>${el('kind', kind)}</ServiceCategory>`), meter.updatedAt);
  feed.entry(`${RES}/LocalTimeParameters/${meter.usagePointId}`, `${RES}/LocalTimeParameters`, [], series ? 'Local time (as published)' : `Local time (${u.timezone})`,
    espi('LocalTimeParameters', pairsXml(series ? series.localTime : localTimeParameters(u))), meter.updatedAt);
  const channels: Channel[] = meter.flow === 'BIDIRECTIONAL' && !series ? ['forward', 'reverse'] : ['forward'];
  channels.forEach((channel, i) => {
    const mr = `${upHref}/MeterReading/0${i + 1}`;
    const rt = `${RES}/ReadingType/${meter.usagePointId}-0${i + 1}`;
    feed.entry(mr, `${upHref}/MeterReading`, [`${mr}/IntervalBlock`, rt], channel === 'forward' ? 'Delivered' : 'Received',
      espi('MeterReading', ''), meter.updatedAt);
    feed.entry(rt, `${RES}/ReadingType`, [], 'Reading type', espi('ReadingType', pairsXml(series ? series.readingType : readingTypeOf(meter, channel))), meter.updatedAt);
    if (series) {
      series.blocks.forEach((b, n) => {
        const readings = b.readings.filter((r) => Number(r.start) >= w.from && Number(r.start) < w.to);
        if (!readings.length) return;
        const whole = readings.length === b.readings.length;
        feed.entry(`${mr}/IntervalBlock/${n + 1}`, `${mr}/IntervalBlock`, [], '', block(readings, whole ? b : undefined), meter.updatedAt);
      });
    } else {
      syntheticChannel(u, meter, channel, w, mr, feed);
    }
  });
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

/** One Atom feed over several usage points. */
export function espiFeed(u: Utility, meters: MdmMeter[], w: EspiWindow, selfHref: string): string {
  const feed = new Feed();
  for (const meter of meters) usagePoint(u, meter, w, feed);
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
