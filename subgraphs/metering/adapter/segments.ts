import { DateTime } from 'luxon';
import type { MdmMeter } from '../../../legacy/mdm/records';
import { ExactDecimal, toDateTimeString } from '../../shared';
import type { UsageValueModel } from '../types/usageValue';
import type { ValueFormatModel } from '../types/valueFormat';
import type { EspiReading, EspiUsagePoint } from './espi';
import { channelFormat, costFormat } from './formats';
import { servicePointsDuring } from './translate';

/**
 * A Usage Segment (cds-wg3-01 §10.8.1) is one meter's readings for one local day (in the server's
 * `cds_timezone`) that follow each other with the same interval length; a reading longer than a
 * day (e.g. a monthly bill period) is a segment of its own with one Value Set (§10.8.1
 * variable-length periods). Channels of one meter (delivered/received) share a segment, one format each.
 */
export interface SegmentModel {
  id: string;
  meterId: string;
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

const DAY_SECONDS = 86_400;

/** `<meter>~<start>~<end>` in epoch seconds, plus `~<n>` for the n-th repeat of the same period in a feed. */
export function segmentId(meterId: string, start: number, end: number, repeat = 0): string {
  return `${meterId}~${start / 1000}~${end / 1000}${repeat ? `~${repeat}` : ''}`;
}

/** Inverse of segmentId; null for an id this subgraph did not make. */
export function parseSegmentId(id: string): { meterId: string; start: number; end: number } | null {
  const m = /^(.+?)~(\d+(?:\.\d+)?)~(\d+(?:\.\d+)?)(?:~\d+)?$/.exec(id);
  if (!m) return null;
  const start = Math.round(Number(m[2]) * 1000);
  const end = Math.round(Number(m[3]) * 1000);
  return end > start ? { meterId: m[1], start, end } : null;
}

export function localDayStart(ms: number, timezone: string): number {
  return DateTime.fromMillis(ms, { zone: timezone }).startOf('day').toMillis();
}

export function nextLocalDay(ms: number, timezone: string, days = 1): number {
  return DateTime.fromMillis(ms, { zone: timezone }).startOf('day').plus({ days }).toMillis();
}

function scaled(value: string, multiplier: number, negate: boolean): string {
  const v = new ExactDecimal(value).times(new ExactDecimal(10).pow(multiplier));
  return (negate && !v.isZero() ? v.negated() : v).toFixed();
}

/** One interval position; `repeat` > 0 when a feed holds the same period more than once (it stands alone). */
interface Slot { start: number; duration: number; repeat: number }

const slotKey = (start: number, duration: number, repeat: number) => `${start}|${duration}|${repeat}`;

export function buildSegments(meter: MdmMeter, point: EspiUsagePoint, window: SegmentWindow, timezone: string, synced: Date): SegmentModel[] {
  const channels = point.channels
    .map((channel) => ({ channel, format: channelFormat(channel.readingType, meter.commodity) }))
    .filter((c): c is { channel: typeof c.channel; format: NonNullable<typeof c.format> } => c.format !== null);

  // Every reading inside the window, per channel, keyed by its slot; block times give created/modified.
  const bySlot = channels.map(() => new Map<string, EspiReading>());
  const slots = new Map<string, Slot>();
  let created: string | null = null;
  let modified: string | null = null;
  channels.forEach(({ channel }, j) => {
    for (const block of channel.blocks) {
      for (const reading of block.readings) {
        if (reading.duration <= 0 || reading.start < window.from || reading.start + reading.duration * 1000 > window.to) continue;
        let repeat = 0;
        while (bySlot[j].has(slotKey(reading.start, reading.duration, repeat))) repeat++;
        const key = slotKey(reading.start, reading.duration, repeat);
        bySlot[j].set(key, reading);
        if (!slots.has(key)) slots.set(key, { start: reading.start, duration: reading.duration, repeat });
      }
      if (block.published && (!created || block.published < created)) created = block.published;
      if (block.updated && (!modified || block.updated > modified)) modified = block.updated;
    }
  });

  // Runs of contiguous, equal-length slots within one local day; long readings stand alone.
  const ordered = [...slots.values()].sort((a, b) => a.start - b.start || a.repeat - b.repeat || a.duration - b.duration);
  const runs: Slot[][] = [];
  for (const slot of ordered) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    const joins = last && slot.repeat === 0 && last.repeat === 0 && slot.duration <= DAY_SECONDS && last.duration === slot.duration
      && last.start + last.duration * 1000 === slot.start
      && localDayStart(slot.start, timezone) === localDayStart(run[0].start, timezone);
    if (joins) run.push(slot);
    else runs.push([slot]);
  }

  const costed = channels.map(({ channel }, j) => [...bySlot[j].values()].some((r) => r.cost !== null) ? channel : null);
  const formats: ValueFormatModel[] = [
    ...channels.map((c) => c.format.format),
    ...costed.flatMap((channel, j) => (channel ? [costFormat(channel.readingType, j)] : [])),
  ];
  const stamp = {
    created: toDateTimeString(created ?? meter.createdAt),
    modified: toDateTimeString(modified ?? meter.updatedAt),
    synced: toDateTimeString(synced),
  };
  return runs.map((run) => {
    const start = run[0].start;
    const end = run[run.length - 1].start + run[run.length - 1].duration * 1000;
    const values = run.map((slot) => {
      const usage = channels.map(({ format }, j): UsageValueModel | null => {
        const r = bySlot[j].get(slotKey(slot.start, slot.duration, slot.repeat));
        return r ? ({ [format.key]: scaled(r.value, format.powerOfTenMultiplier, format.negate) } as UsageValueModel) : null;
      });
      const costs = costed.flatMap((channel, j): (UsageValueModel | null)[] => {
        if (!channel) return [];
        const cost = bySlot[j].get(slotKey(slot.start, slot.duration, slot.repeat))?.cost;
        // ESPI costs are in hundred-thousandths of the currency unit.
        return [cost == null ? null : { c: new ExactDecimal(cost).dividedBy(100_000).toFixed() }];
      });
      return [...usage, ...costs];
    });
    return {
      id: segmentId(meter.meterId, start, end, run[0].repeat),
      meterId: meter.meterId,
      start,
      end,
      intervalSeconds: run[0].duration,
      formats,
      values,
      ...stamp,
      relatedServicePointIds: servicePointsDuring(meter, start, end),
    };
  });
}
