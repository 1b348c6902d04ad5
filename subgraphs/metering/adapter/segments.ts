import { DateTime } from 'luxon';
import type { MdmMeter } from '../../../legacy/mdm/records';
import { ExactDecimal, toDateTimeString, type ReadingQualityType, type SeasonType, type SupplyType, type TimeOfUseType } from '../../shared';
import type { UsageDetail } from '../filters';
import type { UsageSegmentKind } from '../types/usageSegment';
import type { UsageValueModel } from '../types/usageValue';
import type { ValueFormatModel } from '../types/valueFormat';
import type { EspiReading, EspiUsagePoint } from './espi';
import { channelFormat, costFormat, designate, readingQuality, supplyMixFormat, tierOf, type ChannelFormat, type Designations } from './formats';
import { servicePointsDuring } from './translate';

/**
 * A Usage Segment (cds-wg3-01 §10.8.1) is one meter's readings for one local day (in the server's
 * `cds_timezone`) that follow each other with the same interval length; a reading longer than a
 * day (e.g. a monthly bill period) is a segment of its own with one Value Set (§10.8.1
 * variable-length periods). Channels of one meter (delivered/received) share a segment, one format
 * each. A day's peak demand and the billed usage of a bill section form segments of their own
 * kind (their interval is the day or the section).
 *
 * `details` add what the MDM knows beyond the channels' values: each reading's quality and TOU
 * period as formats of their own (a value appears in the channel's column and in the column of
 * its designation), the readings' cost, and the grid's supply mix for the delivered energy.
 */
export interface SegmentModel {
  id: string;
  meterId: string;
  kind: UsageSegmentKind;
  /** Epoch milliseconds, [start, end). */
  start: number;
  end: number;
  intervalSeconds: number;
  formats: ValueFormatModel[];
  values: (UsageValueModel | null)[][];
  created: string;
  modified: string;
  synced: string;
  relatedServicePointIds: string[];
}

export interface SegmentWindow {
  /** Only value sets inside [from, to) are kept: segments crossing an edge are trimmed, not dropped. */
  from: number;
  to: number;
}

/** The MDM's TOU buckets (IntervalReading `tou` codes) as §10.8.7 designations. */
export type TouDesignations = ReadonlyMap<number, { tou: TimeOfUseType; season: SeasonType | null }>;

/** The grid's supply mix per hour (start, epoch ms): each source's share and carbon intensity. */
export type SupplyMixSeries = ReadonlyMap<number, readonly { supplyType: SupplyType; sm: string; ci: string }[]>;

export interface SegmentOptions {
  details: ReadonlySet<UsageDetail>;
  tou: TouDesignations;
  supplyMix: SupplyMixSeries;
}

const NO_DETAILS: SegmentOptions = { details: new Set(), tou: new Map(), supplyMix: new Map() };
const DAY_SECONDS = 86_400;
const HOUR_MS = 3_600_000;
const KIND_SUFFIX: Record<UsageSegmentKind, string> = { INTERVAL: '', DAILY_PEAK_DEMAND: 'peak', BILLING_PERIOD: 'billed' };
/** Segments of one start: bill section, then the day's peak, then the day's intervals. */
const KIND_ORDER: Record<UsageSegmentKind, number> = { BILLING_PERIOD: 0, DAILY_PEAK_DEMAND: 1, INTERVAL: 2 };

/** `<meter>~<start>~<end>` in epoch seconds, then `~peak`/`~billed` for those kinds, then `~<n>` for the n-th repeat of a period in a feed. */
export function segmentId(meterId: string, start: number, end: number, repeat = 0, kind: UsageSegmentKind = 'INTERVAL'): string {
  return `${meterId}~${start / 1000}~${end / 1000}${KIND_SUFFIX[kind] ? `~${KIND_SUFFIX[kind]}` : ''}${repeat ? `~${repeat}` : ''}`;
}

/** Inverse of segmentId; null for an id this subgraph did not make. */
export function parseSegmentId(id: string): { meterId: string; start: number; end: number; kind: UsageSegmentKind } | null {
  const m = /^(.+?)~(\d+(?:\.\d+)?)~(\d+(?:\.\d+)?)(?:~(peak|billed))?(?:~\d+)?$/.exec(id);
  if (!m) return null;
  const start = Math.round(Number(m[2]) * 1000);
  const end = Math.round(Number(m[3]) * 1000);
  const kind: UsageSegmentKind = m[4] === 'peak' ? 'DAILY_PEAK_DEMAND' : m[4] === 'billed' ? 'BILLING_PERIOD' : 'INTERVAL';
  return end > start ? { meterId: m[1], start, end, kind } : null;
}

export function localDayStart(ms: number, timezone: string): number {
  return DateTime.fromMillis(ms, { zone: timezone }).startOf('day').toMillis();
}

export function nextLocalDay(ms: number, timezone: string, days = 1): number {
  return DateTime.fromMillis(ms, { zone: timezone }).startOf('day').plus({ days }).toMillis();
}

const PLAIN_INTEGER = /^(-?)(0|[1-9]\d*)$/;

function scaled(value: string, multiplier: number, negate: boolean): string {
  // Most readings are plain integers in the unit itself: no arithmetic needed (a page holds ~10^5).
  const plain = multiplier === 0 ? PLAIN_INTEGER.exec(value) : null;
  if (plain) return !negate || plain[2] === '0' ? value : plain[1] ? plain[2] : `-${value}`;
  const v = new ExactDecimal(value).times(new ExactDecimal(10).pow(multiplier));
  return (negate && !v.isZero() ? v.negated() : v).toFixed();
}

/**
 * One interval position; `repeat` > 0 when a feed holds the same period more than once (it stands
 * alone). `published`/`updated`: the earliest and latest Atom times of the blocks holding its readings.
 */
interface Slot { kind: UsageSegmentKind; start: number; duration: number; repeat: number; published: string | null; updated: string | null }

const slotKey = (kind: UsageSegmentKind, start: number, duration: number, repeat: number) => `${kind}|${start}|${duration}|${repeat}`;

interface Channel extends ChannelFormat {
  readingType: EspiUsagePoint['channels'][number]['readingType'];
  readings: Map<string, EspiReading>;
  /** Stated designations every column of this channel carries (a billed tier). */
  designations: Designations;
}

/** One column of a segment: its format and the value at each of the run's slots (by position). */
interface Column {
  format: ValueFormatModel;
  value: (i: number) => UsageValueModel | null;
}

export function buildSegments(
  meter: MdmMeter, point: EspiUsagePoint, window: SegmentWindow, timezone: string, synced: Date, options: SegmentOptions = NO_DETAILS,
): SegmentModel[] {
  const described = point.channels.flatMap((channel) => {
    const format = channelFormat(channel, meter);
    return format ? [{ channel, format }] : [];
  });
  const tiers = described.filter((c) => c.channel.readingType.consumptionTier !== null).length;

  // Every reading inside the window, per channel, keyed by its slot; block times give created/modified.
  const slots = new Map<string, Slot>();
  const channels: Channel[] = described.map(({ channel, format }) => {
    const readings = new Map<string, EspiReading>();
    for (const block of channel.blocks) {
      for (const reading of block.readings) {
        if (reading.duration <= 0 || reading.start < window.from || reading.start + reading.duration * 1000 > window.to) continue;
        let repeat = 0;
        while (readings.has(slotKey(format.kind, reading.start, reading.duration, repeat))) repeat++;
        const key = slotKey(format.kind, reading.start, reading.duration, repeat);
        readings.set(key, reading);
        let slot = slots.get(key);
        if (!slot) slots.set(key, (slot = { kind: format.kind, start: reading.start, duration: reading.duration, repeat, published: null, updated: null }));
        if (block.published && (!slot.published || block.published < slot.published)) slot.published = block.published;
        if (block.updated && (!slot.updated || block.updated > slot.updated)) slot.updated = block.updated;
      }
    }
    const tier = channel.readingType.consumptionTier;
    const designated = tier === null ? null : tierOf(tier, tiers);
    return { ...format, readingType: channel.readingType, readings, designations: designated ? { tier: designated } : {} };
  });

  // Runs of contiguous, equal-length slots of one kind within one local day; long readings stand alone.
  const ordered = [...slots.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.duration - b.duration || a.start - b.start || a.repeat - b.repeat);
  const runs: Slot[][] = [];
  // The end of the local day the current run started in (one time-zone computation per run).
  let dayEnd = -Infinity;
  for (const slot of ordered) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    const joins = last && slot.kind === last.kind && slot.repeat === 0 && last.repeat === 0 && slot.duration <= DAY_SECONDS
      && last.duration === slot.duration && last.start + last.duration * 1000 === slot.start && slot.start < dayEnd;
    if (joins) run.push(slot);
    else {
      runs.push([slot]);
      dayEnd = nextLocalDay(slot.start, timezone);
    }
  }

  return runs.map((run) => {
    // A segment's times are its own readings' blocks' (not the whole feed's, which depends on the window asked for).
    const created = run.reduce<string | null>((t, s) => (s.published && (!t || s.published < t) ? s.published : t), null);
    const modified = run.reduce<string | null>((t, s) => (s.updated && (!t || s.updated > t) ? s.updated : t), null);
    const start = run[0].start;
    const end = run[run.length - 1].start + run[run.length - 1].duration * 1000;
    const columns = columnsOf(meter, run, channels.filter((c) => c.kind === run[0].kind), options);
    return {
      id: segmentId(meter.meterId, start, end, run[0].repeat, run[0].kind),
      meterId: meter.meterId,
      kind: run[0].kind,
      start,
      end,
      intervalSeconds: run[0].duration,
      formats: columns.map((c) => c.format),
      values: run.map((_, i) => columns.map((c) => c.value(i))),
      created: toDateTimeString(created ?? meter.createdAt),
      modified: toDateTimeString(modified ?? meter.updatedAt),
      synced: toDateTimeString(synced),
      relatedServicePointIds: servicePointsDuring(meter, start, end),
    };
  }).sort((a, b) => a.start - b.start || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

const readingAt = (channel: Channel, slot: Slot) => channel.readings.get(slotKey(slot.kind, slot.start, slot.duration, slot.repeat));

/**
 * The columns of one run: every channel of its kind (in feed order), then with `details` the
 * channels' readings of other qualities, the delivered energy per TOU period, the readings'
 * cost and the grid's supply mix (whose `indexes` name the delivered-energy column).
 */
function columnsOf(meter: MdmMeter, run: Slot[], channels: Channel[], options: SegmentOptions): Column[] {
  const { details } = options;
  // Each channel's reading at each slot, and its value object, computed once for all its columns.
  const aligned = channels.map((channel) => run.map((slot) => readingAt(channel, slot)));
  const objects = channels.map((channel, j) => aligned[j].map((r): UsageValueModel | null => {
    if (!r) return null;
    if (channel.key === 'r') return { r: scaled(r.value, channel.powerOfTenMultiplier, false) };
    return { [channel.key]: scaled(r.value, channel.powerOfTenMultiplier, channel.negate) } as UsageValueModel;
  }));
  const value = (j: number, keep: (r: EspiReading) => boolean = () => true) => (i: number) => {
    const r = aligned[j][i];
    return r && keep(r) ? objects[j][i] : null;
  };
  const qualityOf = (channel: Channel, r: EspiReading) => (r.quality === null ? channel.defaultQuality : readingQuality(r.quality));

  const base: Column[] = [];
  const splits: Column[] = [];
  channels.forEach((channel, j) => {
    const designations: Designations = { ...channel.designations };
    const readings = aligned[j].filter((r): r is EspiReading => r !== undefined);
    if (details.has('QUALITY') && channel.role !== 'register') {
      const qualities = new Set(readings.map((r) => qualityOf(channel, r)));
      const [only] = qualities;
      if (qualities.size === 1 && only !== null) designations.quality = only;
      else if (channel.role === 'usage') {
        // Readings of another quality than the channel's default, each quality a column of its own.
        for (const q of [...qualities].filter((q): q is ReadingQualityType => q !== null && q !== channel.defaultQuality).sort()) {
          splits.push({ format: designate(channel.format, { ...channel.designations, quality: q }), value: value(j, (r) => qualityOf(channel, r) === q) });
        }
      }
    }
    base.push({ format: designate(channel.format, designations), value: value(j) });
    if (details.has('TIME_OF_USE') && channel.role === 'usage' && channel.format.direction === 'forward' && channel.kind === 'INTERVAL') {
      const codes = [...new Set(readings.map((r) => r.tou).filter((c): c is number => c !== null && (c === 0 || options.tou.has(c))))].sort((a, b) => a - b);
      for (const code of codes) {
        const designation = code === 0 ? { tou: null, season: null } : options.tou.get(code)!;
        splits.push({ format: designate(channel.format, designation), value: value(j, (r) => r.tou === code) });
      }
    }
  });

  const extra: Column[] = [];
  if (details.has('COST')) {
    channels.forEach((channel, j) => {
      if (channel.role !== 'usage' || !aligned[j].some((r) => r?.cost != null)) return;
      extra.push({
        format: costFormat(channel.readingType, j),
        value: (i) => {
          const cost = aligned[j][i]?.cost;
          // ESPI costs are in hundred-thousandths of the currency unit.
          return cost == null ? null : { c: new ExactDecimal(cost).dividedBy(100_000).toFixed() };
        },
      });
    });
  }
  const delivered = channels.findIndex((c) => c.role === 'usage' && c.format.type === 'electric_usage' && c.format.direction === 'forward');
  if (details.has('SUPPLY_MIX') && delivered >= 0 && meter.commodity === 'ELECTRIC' && run[0].kind === 'INTERVAL' && run[0].duration * 1000 <= HOUR_MS) {
    const mixAt = (slot: Slot) => options.supplyMix.get(slot.start - (slot.start % HOUR_MS));
    const types = [...new Set(run.flatMap((slot) => (mixAt(slot) ?? []).map((m) => m.supplyType)))];
    for (const supplyType of types) {
      extra.push({
        format: supplyMixFormat(supplyType, delivered),
        value: (i) => {
          const m = aligned[delivered][i] && mixAt(run[i])?.find((x) => x.supplyType === supplyType);
          return m ? { sm: m.sm, ci: m.ci, eacs: null } : null;
        },
      });
    }
  }
  return [...base, ...splits, ...extra];
}
