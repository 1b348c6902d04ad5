import Decimal from 'decimal.js';
import type { CisServiceAgreement, SvcTypeCd } from '../cis/records';
import type { MdmMeter } from '../mdm/records';
import { meterDays, rateAt, sectionDetail, sectionStubs, statementSlots } from './bills';
import { dateOf, dayNumber, type LocalDay } from './calendar';
import { mix } from './random';
import { billedAccount, sectionPeriod, touBucketCode, touPeriodAt } from './tariffs';
import { dayReadings, isEstimated, periodTotal, type MeterLoad } from './usage';
import type { Utility } from './utility';

/**
 * What the MDM holds about a meter beyond its raw interval energy, computed lazily like the
 * readings themselves: each reading's quality (validation), TOU bucket and cost (rating, from the
 * CIS agreement in effect that day), the register at each interval start, the day's peak demand,
 * and the billing determinants per bill section (the billing run's own numbers, bills.ts).
 */

/** Reading qualities (the MDM writes them as ESPI QualityOfReading codes). */
export const READ_VALID = 0;
export const READ_ESTIMATED = 1;
export const READ_EDITED = 2;

/** Days whose readings were edited after validation (a few intervals each), outside estimated days. */
export function isEdited(load: MeterLoad, day: number): boolean {
  return !isEstimated(load, day) && mix(load.seed, day, 96) % 1000 < 6;
}

/**
 * The quality of each reading of a meter-day: an estimated day has one gap of consecutive
 * estimated readings (a communication outage the head-end filled; a daily read is estimated
 * whole), an edited day one to three corrected readings, every other reading is valid.
 */
export function readingQualities(load: MeterLoad, day: number, count: number): Uint8Array {
  const q = new Uint8Array(count);
  if (isEstimated(load, day)) {
    const length = count === 1 ? 1 : 1 + (mix(load.seed, day, 97) % Math.max(1, Math.floor(count / 4)));
    const start = mix(load.seed, day, 98) % (count - length + 1);
    q.fill(READ_ESTIMATED, start, start + length);
  } else if (isEdited(load, day)) {
    const edits = 1 + (mix(load.seed, day, 95) % 3);
    for (let k = 0; k < edits; k++) q[mix(load.seed, day, 94, k) % count] = READ_EDITED;
  }
  return q;
}

const SVC: Record<MdmMeter['commodity'], SvcTypeCd> = { ELECTRIC: 'E', GAS: 'G', WATER: 'W' };
/** Native units per priced unit: Wh per kWh, ft³ per CCF, gallons per gallon. */
export const UNITS_PER_PRICE: Record<SvcTypeCd, number> = { E: 1000, G: 100, W: 1 };

/** A decimal string with at most five fraction digits, in hundred-thousandths (exact). */
export function hundredThousandths(price: string): number {
  const [whole, fraction = ''] = price.split('.');
  if (fraction.length > 5) throw new Error(`price ${price} has more than five decimals`);
  return Number(whole) * 100_000 + Number(fraction.padEnd(5, '0'));
}

/** The service point a meter served on a local day, if installed that whole day. */
export function servicePointOn(u: Utility, meter: MdmMeter, day: number): string | null {
  for (const i of meter.installs) {
    const from = u.calendar.dayAt(Date.parse(i.installedAt) / 1000);
    const until = i.removedAt ? u.calendar.dayAt(Date.parse(i.removedAt) / 1000) : Infinity;
    if (day >= from && day < until) return i.servicePointId;
  }
  return null;
}

/** The metered agreements at a service point on a date that the utility rates (project agreements are settled elsewhere). */
export function agreementsOn(u: Utility, spId: string, date: string, svc: SvcTypeCd): CisServiceAgreement[] {
  return u.index.agreementsBySp.get(spId).filter((sa) => sa.SVC_TYPE_CD === svc && sa.METERED_FLG === 'Y' && sa.SA_TYPE_CD !== 'E-PRJ'
    && sa.START_DT <= date && (sa.END_DT === null || sa.END_DT >= date));
}

/** Forward usage at a service point over local days [from, to], every meter installed there. */
function servicePointUsage(u: Utility, spId: string, from: number, to: number): number {
  if (to < from) return 0;
  let sum = 0;
  for (const meter of u.index.metersBySp.get(spId)) {
    const load = u.loads.get(meter.meterId);
    const range = load && meterDays(u, meter, spId, dateOf(from), dateOf(to));
    if (range) sum += periodTotal(u.calendar, load, 'forward', range[0], range[1]);
  }
  return sum;
}

/** One synthetic meter-day as the MDM holds it. */
export interface MeterDay {
  info: LocalDay;
  servicePointId: string;
  /** Seconds per reading: the meter's interval, or the local day's length for daily reads. */
  slotSeconds: number;
  forward: Int32Array;
  /** Received energy of bidirectional meters (positive, as ESPI counts it). */
  reverse: Int32Array | null;
  /** READ_VALID / READ_ESTIMATED / READ_EDITED per reading (both channels share the gaps). */
  quality: Uint8Array;
  /** TOU bucket per forward reading (0: no TOU period); null where unknown (not electric, or a daily read on a TOU rate). */
  tou: Uint8Array | null;
  /** Cost per forward reading in hundred-thousandths of the currency, rounded half up; null when no rate prices it. */
  cost: number[] | null;
}

export function meterDay(u: Utility, meter: MdmMeter, load: MeterLoad, day: number, spId: string): MeterDay {
  const info = u.calendar.localDay(day);
  const forward = dayReadings(u.calendar, load, 'forward', day);
  const slotSeconds = load.slotSeconds >= 86400 ? info.seconds : load.slotSeconds;
  const hours = load.slotSeconds < 86400 ? u.calendar.slotHoursOf(day, load.slotSeconds) : null;
  const svc = SVC[meter.commodity];
  const agreements = agreementsOn(u, spId, info.date, svc);
  const rates = agreements.map((sa) => ({ sa, rate: rateAt(u, sa, info.date) }));
  let tou: Uint8Array | null = null;
  if (svc === 'E') {
    const timed = rates.find((r) => r.rate.RATE_KIND_CD === 'TOU');
    if (!timed) tou = new Uint8Array(forward.length);
    else if (hours) tou = Uint8Array.from(hours, (h) => touBucketCode(u.cis.rates, touPeriodAt(timed.rate, info.date, info.weekday, h)));
  }
  return {
    info, servicePointId: spId, slotSeconds, forward,
    reverse: meter.flow === 'BIDIRECTIONAL' ? dayReadings(u.calendar, load, 'reverse', day) : null,
    quality: readingQualities(load, day, forward.length),
    tou,
    cost: costs(u, spId, info, forward, hours, rates, UNITS_PER_PRICE[svc]),
  };
}

/**
 * Each reading priced at the energy rate of every agreement in effect that day: flat price, the
 * TOU period's price, or tier prices by the section's cumulative usage (a reading crossing a tier
 * boundary is split). Demand charges, fixed charges, credits and taxes are billed per section.
 */
function costs(
  u: Utility, spId: string, info: LocalDay, values: Int32Array, hours: Uint8Array | null,
  rates: { sa: CisServiceAgreement; rate: ReturnType<typeof rateAt> }[], per: number,
): number[] | null {
  const sums = new Array<number>(values.length).fill(0);
  let priced = false;
  for (const { sa, rate } of rates) {
    if (rate.RATE_KIND_CD === 'FLAT') {
      if (rate.FLAT_PRICE === null) continue;
      const p = hundredThousandths(rate.FLAT_PRICE);
      for (let i = 0; i < values.length; i++) sums[i] += values[i] * p;
    } else if (rate.RATE_KIND_CD === 'TOU') {
      // A daily read cannot be split into TOU periods.
      if (!hours) return null;
      for (let i = 0; i < values.length; i++) sums[i] += values[i] * hundredThousandths(touPeriodAt(rate, info.date, info.weekday, hours[i]).PRICE);
    } else {
      const [from, to] = sectionPeriod(u, sa, info.date);
      const days = dayNumber(to) - dayNumber(from) + 1;
      // Tier k holds the next allowance × days units of the section, in time order (as billed).
      let bound = 0;
      const tiers = rate.TIERS.map((t) => {
        bound = t.UPTO_QTY_PER_DAY === null ? Infinity : bound + Math.floor((hundredThousandths(t.UPTO_QTY_PER_DAY) * days * per) / 100_000);
        return { until: bound, price: hundredThousandths(t.PRICE) };
      });
      let used = servicePointUsage(u, spId, dayNumber(from), info.day - 1);
      for (let i = 0; i < values.length; i++) {
        let start = used;
        const end = used + values[i];
        for (const tier of tiers) {
          if (start >= end) break;
          if (start >= tier.until) continue;
          const part = Math.min(end, tier.until) - start;
          sums[i] += part * tier.price;
          start += part;
        }
        used = end;
      }
    }
    priced = true;
  }
  // Hundred-thousandths per native unit → per priced unit, rounded half up (exact: integers below 2^53).
  return priced ? sums.map((x) => Math.floor((2 * x + per) / (2 * per))) : null;
}

/** The register (native units) at local midnight starting `day`: a seeded reading at install plus everything delivered since. */
export function registerAt(u: Utility, meter: MdmMeter, load: MeterLoad, day: number): number {
  // The same base the billing system prints for register-read meters (bills.ts).
  let read = (load.seed % 90000) * (meter.commodity === 'ELECTRIC' ? 1000 : 100);
  const first = dayNumber(u.historyStart);
  for (const i of meter.installs) {
    const from = Math.max(first, u.calendar.dayAt(Date.parse(i.installedAt) / 1000));
    const until = Math.min(day, i.removedAt ? u.calendar.dayAt(Date.parse(i.removedAt) / 1000) : Infinity);
    if (from < until) read += periodTotal(u.calendar, load, 'forward', from, until - 1);
  }
  return read;
}

/** The highest average demand of a day's 15-minute intervals, in W (Wh × 4). */
export function peakDemand(forward: Int32Array, slotSeconds: number): number {
  let max = 0;
  for (const v of forward) if (v > max) max = v;
  return (max * 3600) / slotSeconds;
}

/** Billed energy of one meter in one bill section: the meter's days in it and the billed quantities (native units). */
export interface BilledPeriod {
  /** Local days, inclusive. */
  first: number;
  last: number;
  forward: number;
  /** Per tier, when the section is tiered and this meter alone was billed in it. */
  tiers: number[] | null;
}

/**
 * The bill sections that billed a meter and start (for this meter) on local days [fromDay, toDay]:
 * the billing system's issued statements, one period per section (several agreements billing
 * the same period, e.g. distribution and supply, give one).
 */
export function billedPeriods(u: Utility, meter: MdmMeter, fromDay: number, toDay: number): BilledPeriod[] {
  const out = new Map<string, BilledPeriod>();
  const from = dateOf(fromDay);
  for (const spId of new Set(meter.installs.map((i) => i.servicePointId))) {
    const agreements = u.index.agreementsBySp.get(spId).filter((sa) => sa.SVC_TYPE_CD === SVC[meter.commodity]);
    const accounts = new Map(agreements.map((sa) => billedAccount(u, sa)).map((a) => [a.ACCT_ID, a]));
    for (const account of accounts.values()) {
      for (const slot of statementSlots(u, account)) {
        if (slot.perTo < from || dayNumber(slot.perFrom) > toDay) continue;
        for (const stub of sectionStubs(u, account, slot)) {
          if (stub.sa.SP_ID !== spId) continue;
          const range = meterDays(u, meter, spId, stub.from, stub.to);
          if (!range || range[0] < fromDay || range[0] > toDay || out.has(`${range[0]}/${range[1]}`)) continue;
          const detail = sectionDetail(u, account, stub);
          const at = detail.header.METER_IDS.indexOf(meter.meterId);
          if (at < 0) continue;
          // Billed quantities are native units / UNITS_PER_PRICE, exactly.
          const native = (qty: string) => new Decimal(qty).times(UNITS_PER_PRICE[stub.sa.SVC_TYPE_CD]).toNumber();
          const totals = detail.usage.filter((r) => r.USG_CD === 'TOT');
          const tiers = detail.usage.filter((r) => r.USG_CD === 'TIER');
          out.set(`${range[0]}/${range[1]}`, {
            first: range[0], last: range[1], forward: native(totals[at].QTY),
            tiers: tiers.length && detail.header.METER_IDS.length === 1 ? tiers.map((r) => native(r.QTY)) : null,
          });
        }
      }
    }
  }
  return [...out.values()].sort((a, b) => a.first - b.first);
}
