import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  billedAccount, CARBON_INTENSITY, dateOf, dayNumber, dayReadings, hundredThousandths, isEdited, isEstimated, meterDay, rateAt, READ_EDITED,
  READ_ESTIMATED, registerAt, sectionPeriod, servicePointOn, statementDetails, SUPPLY_SOURCES, supplyMixAt, touPeriodAt, type MeterDay,
} from '../../legacy/generator';
import type { Utility } from '../../legacy/generator/utility';
import type { MdmMeter } from '../../legacy/mdm/records';
import { Decimal, JsonDecimal, parseExact } from '../../rest-facade/json';
import { UsageSegmentList } from '../../rest-facade/customer-data/schemas';
import { DEMO_VALUE_FORMATS } from '../../rest-facade/scopes/customer-data';
import { get, walk } from './support/api';
import { startSystem, type System } from '../support/system';
import { allIncludes, directToken, noIncludes, seedClients, type Clients } from './support/tokens';

/**
 * The Usage Segment value vocabulary of cds-wg3-01 §10.8.5 against the synthetic utility's own
 * numbers: every format the demo Server offers, for real meters over real days, equals what the
 * generator computes for the MDM and the billing system (readings, qualities, TOU periods of the
 * rate in effect, costs from the rate, registers, peak demand, the grid's supply mix, billed usage
 * and tiers). Every page is checked against the published OpenAPI document and the response schema.
 */

type Obj = Record<string, unknown>;
type ValueSet = (Obj | null)[];

let system: System;
let u: Utility;
let clients: Clients;

beforeAll(async () => {
  system = await startSystem({ seed: 'customer-data-usage-vocabulary', accounts: 60 });
  u = system.legacy.utility;
  clients = await seedClients(system);
}, 120_000);

afterAll(async () => { await system?.close(); });

const offers = new Map(DEMO_VALUE_FORMATS.map((o) => [o.format.id, o]));
/** An offered format as the exact parser reads it back (numbers as JsonDecimal). */
const offered = (id: string) => parseExact(JSON.stringify(offers.get(id)!.format)) as Obj;
const kwh = (wh: number | Decimal) => new Decimal(wh).div(1000);
const iso = (epoch: number) => new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
const decimal = (v: unknown) => (v as JsonDecimal).toDecimal();

/** A meter's segments starting in [from, to) (epoch seconds) under a direct usage Grant from `from` on, with the formats asked for. */
async function segmentsOf(meter: MdmMeter, from: number, to: number, formats?: string[], includes = true): Promise<Obj[]> {
  const { access_token } = await directToken(system, clients, 'cds_query_usage', {
    ...(includes ? allIncludes(system, 'cds_query_usage') : noIncludes(system, 'cds_query_usage')),
    segment_start: iso(from), segment_end: 'infinite', ...(formats ? { include_usage_segment_value_types: formats } : {}),
  });
  const { items, pages } = await walk<Obj>(system, access_token, `usage-segments?cds_meterdevice_ids=${meter.meterId}&before=${iso(to - 1)}`);
  // Every page is a valid §10.8.8 listing by the response schema as well (exact decimals, invariants).
  for (const page of pages) expect(UsageSegmentList.safeParse(parseExact(page.text)).error).toBeUndefined();
  return items;
}

/** The values of one format in a segment (null when the segment does not carry it). */
function column(segment: Obj, id: string): (Obj | null)[] | null {
  const at = (segment.formats as Obj[]).findIndex((f) => f.id === id);
  return at < 0 ? null : (segment.values as ValueSet[]).map((set) => set[at]);
}

/** Synthetic meters of a kind installed over the whole of [from, to] days. */
function meters(test: (m: MdmMeter) => boolean, from: string, to: string): MdmMeter[] {
  return u.mdm.meters.filter((m) => m.source === 'SYNTHETIC' && u.loads.has(m.meterId) && test(m)
    && servicePointOn(u, m, dayNumber(from)) !== null && servicePointOn(u, m, dayNumber(to)) === servicePointOn(u, m, dayNumber(from)));
}

function truthOf(meter: MdmMeter, date: string): MeterDay {
  const day = dayNumber(date);
  return meterDay(u, meter, u.loads.get(meter.meterId)!, day, servicePointOn(u, meter, day)!);
}

/** The agreement billing a meter's service point on a date, and its rate then. */
function rateOf(meter: MdmMeter, date: string) {
  const sp = servicePointOn(u, meter, dayNumber(date))!;
  const sa = u.index.agreementsBySp.get(sp).find((a) => a.SVC_TYPE_CD === 'E' && a.START_DT <= date && (a.END_DT === null || a.END_DT >= date))!;
  return { sa, rate: rateAt(u, sa, date) };
}

const PERIOD: Record<string, string> = { SPK: 'super_peak', PK: 'peak', PPK: 'partial_peak', OPK: 'off_peak', SOP: 'super_off_peak' };
const SEASON: Record<string, string> = { SUM: 'summer', WIN: 'winter' };

describe('a 15-minute electric meter-day, every interval format', () => {
  const touMeter = () => meters((m) => m.commodity === 'ELECTRIC' && m.intervalSeconds === 900 && m.flow === 'FORWARD', '2026-01-10', '2026-07-20')
    .find((m) => rateOf(m, '2026-01-14').rate.RATE_CD === 'E-TOU-C' && rateOf(m, '2026-07-14').rate.RATE_CD === 'E-TOU-C')!;

  it.each(['2026-07-14', '2026-01-14'])('%s: copies of the Choices\' formats with the MDM\'s readings, TOU periods, costs, registers and supply mix', async (date) => {
    const meter = touMeter();
    expect(meter).toBeDefined();
    const info = u.calendar.localDay(dayNumber(date));
    const truth = truthOf(meter, date);
    const [segment, ...rest] = await segmentsOf(meter, info.start, info.end);
    expect(rest).toEqual([]);
    expect([segment.segment_start, segment.segment_end, segment.interval]).toEqual([iso(info.start), iso(info.end), new JsonDecimal('900')]);

    // Exact copies of the offered formats; the register names its meter (§10.8.5.8.1).
    const formats = segment.formats as Obj[];
    for (const f of formats) expect(f).toEqual(f.type === 'meter_readings' ? { ...offered(f.id as string), related_meterdevice: meter.meterId } : offered(f.id as string));
    expect(formats[0].id).toBe('electric_interval_kwh_forward');
    const forward = Array.from(truth.forward, (wh) => kwh(wh));
    expect(column(segment, 'electric_interval_kwh_forward')).toEqual(forward.map((v) => ({ eu: new JsonDecimal(v.toFixed()) })));
    // Average demand: the interval's energy over a quarter hour.
    expect(column(segment, 'electric_interval_kw_demand')).toEqual(forward.map((v) => ({ ed: new JsonDecimal(v.times(4).toFixed()) })));

    // TOU: each interval's energy is in exactly one TOU format, the period and season of the rate in effect.
    const { rate } = rateOf(meter, date);
    const hours = u.calendar.slotHoursOf(info.day, 900);
    const touFormats = formats.filter((f) => 'tou' in f);
    expect(touFormats.length).toBeGreaterThanOrEqual(2);
    let designated = new Decimal(0);
    forward.forEach((energy, i) => {
      const period = touPeriodAt(rate, date, info.weekday, hours[i]);
      const holding = touFormats.filter((f) => column(segment, f.id as string)![i] !== null);
      expect(holding.map((f) => [f.tou, f.season])).toEqual([[PERIOD[period.PERIOD_CD], period.SEASON_CD === 'ALL' ? null : SEASON[period.SEASON_CD]]]);
      const value = decimal(column(segment, holding[0].id as string)![i]!.eu);
      expect(value.eq(energy)).toBe(true);
      designated = designated.plus(value);
    });
    expect(designated.eq(kwh(truth.forward.reduce((a, b) => a + b, 0)))).toBe(true);
    expect(formats.some((f) => f.tou === null)).toBe(false);

    // Cost: the interval's kWh at the TOU period's price, to the hundred-thousandth (ESPI's unit), rounded half up.
    const cost = column(segment, 'interval_cost_usd')!;
    forward.forEach((energy, i) => {
      const price = touPeriodAt(rate, date, info.weekday, hours[i]).PRICE;
      expect(decimal(cost[i]!.c).eq(energy.times(price).toDecimalPlaces(5, Decimal.ROUND_HALF_UP))).toBe(true);
    });

    // Register at each interval start, as a string: the previous register plus the previous interval.
    const registers = column(segment, 'electric_register_kwh')!.map((v) => v!.r);
    expect(registers.every((r) => typeof r === 'string')).toBe(true);
    expect(registers[0]).toBe(kwh(registerAt(u, meter, u.loads.get(meter.meterId)!, info.day)).toFixed());
    for (let i = 1; i < registers.length; i++) expect(registers[i]).toBe(new Decimal(registers[i - 1] as string).plus(forward[i - 1]).toFixed());

    // The grid's supply mix of the hour, for the delivered energy (index 0): shares adding up to exactly 1.
    const mixes = formats.filter((f) => f.type === 'electric_supply_mix');
    expect(mixes.map((f) => f.supply_type)).toEqual(['solar', 'wind', 'hydro', 'geothermal', 'nuclear', 'natural_gas']);
    for (const f of mixes) expect([f.attribution, f.indexes]).toEqual(['base', [new JsonDecimal('0')]]);
    forward.forEach((_, i) => {
      const start = info.start + i * 900;
      const shares = supplyMixAt(u, start - (start % 3600));
      const values = mixes.map((f) => column(segment, f.id as string)![i]!);
      expect(values.reduce((sum, v) => sum.plus(decimal(v.sm)), new Decimal(0)).toFixed()).toBe('1');
      values.forEach((v, k) => {
        expect(decimal(v.sm).eq(new Decimal(shares[k]).div(10_000))).toBe(true);
        expect(v.ci).toEqual(new JsonDecimal(CARBON_INTENSITY[SUPPLY_SOURCES[k]]));
      });
    });
  });

  it('gives the intervals of a rate without TOU periods `tou: null`, and flat-rate costs', async () => {
    const date = '2026-07-14';
    const meter = meters((m) => m.commodity === 'ELECTRIC' && m.intervalSeconds === 900, date, date)
      .find((m) => ['A-1', 'E-1'].includes(rateOf(m, date).rate.RATE_CD) && rateOf(m, date).rate.RATE_KIND_CD === 'FLAT')
      ?? meters((m) => m.commodity === 'ELECTRIC' && m.intervalSeconds === 900, date, date).find((m) => rateOf(m, date).rate.RATE_KIND_CD === 'FLAT')!;
    const info = u.calendar.localDay(dayNumber(date));
    const [segment] = await segmentsOf(meter, info.start, info.end, ['electric_interval_kwh_forward', 'electric_interval_kwh_no_tou', 'electric_interval_kwh_tou_peak', 'interval_cost_usd']);
    expect((segment.formats as Obj[]).map((f) => f.id)).toEqual(['electric_interval_kwh_forward', 'electric_interval_kwh_no_tou', 'interval_cost_usd']);
    expect(column(segment, 'electric_interval_kwh_no_tou')).toEqual(column(segment, 'electric_interval_kwh_forward'));
    const { rate } = rateOf(meter, date);
    const forward = dayReadings(u.calendar, u.loads.get(meter.meterId)!, 'forward', info.day);
    column(segment, 'interval_cost_usd')!.forEach((v, i) => {
      expect(decimal(v!.c).eq(kwh(forward[i]).times(rate.FLAT_PRICE!).toDecimalPlaces(5, Decimal.ROUND_HALF_UP))).toBe(true);
    });
  });
});

describe('reading quality', () => {
  /** A current 15-minute electric meter and a day of it that `test` picks. */
  function find(test: (m: MdmMeter, day: number) => boolean): [MdmMeter, string] {
    for (const m of meters((x) => x.commodity === 'ELECTRIC' && x.intervalSeconds === 900, '2026-03-01', '2026-07-30')) {
      for (let d = dayNumber('2026-03-02'); d < dayNumber('2026-07-30'); d++) if (test(m, d)) return [m, dateOf(d)];
    }
    throw new Error('no such meter-day');
  }

  it.each([
    ['estimated', READ_ESTIMATED, (m: MdmMeter, d: number) => isEstimated(u.loads.get(m.meterId)!, d)],
    ['corrected', READ_EDITED, (m: MdmMeter, d: number) => isEdited(u.loads.get(m.meterId)!, d)],
  ] as const)('the %s readings come as that quality\'s format too, the whole day in the delivered format', async (quality, code, test) => {
    const [meter, date] = find(test);
    const info = u.calendar.localDay(dayNumber(date));
    const truth = truthOf(meter, date);
    const ids = ['electric_interval_kwh_forward', 'electric_interval_kwh_forward_estimated', 'electric_interval_kwh_forward_corrected'];
    const [segment] = await segmentsOf(meter, info.start, info.end, ids);
    expect((segment.formats as Obj[]).map((f) => [f.id, f.quality])).toEqual([[ids[0], undefined], [`${ids[0]}_${quality}`, quality]]);
    const all = column(segment, ids[0])!;
    const flagged = column(segment, `${ids[0]}_${quality}`)!;
    expect(flagged.filter((v) => v !== null).length).toBeGreaterThan(0);
    truth.quality.forEach((q, i) => {
      expect(all[i]).toEqual({ eu: new JsonDecimal(kwh(truth.forward[i]).toFixed()) });
      expect(flagged[i]).toEqual(q === code ? all[i] : null);
    });
  });
});

describe('a bidirectional meter', () => {
  it('signs received energy negative and nets it: net = forward + reverse', async () => {
    const date = '2026-06-20';
    const meter = meters((m) => m.commodity === 'ELECTRIC' && m.flow === 'BIDIRECTIONAL', date, date)[0];
    const info = u.calendar.localDay(dayNumber(date));
    const [segment] = await segmentsOf(meter, info.start, info.end, ['electric_interval_kwh_forward', 'electric_interval_kwh_reverse', 'electric_interval_kwh_net']);
    const [forward, reverse, net] = ['forward', 'reverse', 'net'].map((d) => column(segment, `electric_interval_kwh_${d}`)!.map((v) => decimal(v!.eu)));
    const load = u.loads.get(meter.meterId)!;
    expect(reverse.map((v) => v.toFixed())).toEqual(Array.from(dayReadings(u.calendar, load, 'reverse', info.day), (wh) => kwh(-wh).toFixed()));
    expect(reverse.every((v) => v.lte(0))).toBe(true);
    expect(reverse.some((v) => v.lt(0))).toBe(true);
    net.forEach((v, i) => expect(v.eq(forward[i].plus(reverse[i]))).toBe(true));
    expect(net.some((v) => v.lt(0))).toBe(true);
  });

  it('starts a new register when the meter is swapped', async () => {
    const swapped = u.mdm.meters.find((m) => m.installs[0].reason === 'SOLAR_UPGRADE' && m.installs[0].installedAt > `${u.historyStart}T`)!;
    const day = u.calendar.dayAt(Date.parse(swapped.installs[0].installedAt) / 1000);
    const old = u.mdm.meters.find((m) => m.installs.some((i) => i.servicePointId === swapped.installs[0].servicePointId && i.removedAt === swapped.installs[0].installedAt))!;
    const info = u.calendar.localDay(day);
    const [first] = await segmentsOf(swapped, info.start, info.end, ['electric_register_kwh']);
    const [last] = await segmentsOf(old, info.start - 86400, info.start, ['electric_register_kwh']);
    const base = registerAt(u, swapped, u.loads.get(swapped.meterId)!, day);
    expect(base).toBe((u.loads.get(swapped.meterId)!.seed % 90000) * 1000);
    expect(column(first, 'electric_register_kwh')![0]).toEqual({ r: kwh(base).toFixed() });
    const end = new Decimal(column(last, 'electric_register_kwh')!.at(-1)!.r as string);
    expect(end.eq(kwh(base))).toBe(false);
    expect((first.formats as Obj[])[0]).toEqual({ id: 'electric_register_kwh', type: 'meter_readings', register: '1.8.0', units: 'kWh', related_meterdevice: swapped.meterId });
    // A token that may not see the meter gets neither its id in the segment nor in the register's format.
    const [hidden] = await segmentsOf(swapped, info.start, info.end, ['electric_register_kwh'], false);
    expect([hidden.related_meterdevices, hidden.formats]).toEqual([[], [offered('electric_register_kwh')]]);
  });
});

describe('daily peak demand', () => {
  it('is one value set per local day, the day\'s highest 15-minute demand, and the bill\'s demand is the section\'s highest', async () => {
    const meter = meters((m) => m.commodity === 'ELECTRIC' && m.measures.includes('DEMAND') && m.intervalSeconds === 900, '2026-04-01', '2026-07-01')
      .find((m) => rateOf(m, '2026-05-01').rate.DEMAND_PRICE !== null)!;
    const { sa } = rateOf(meter, '2026-05-15');
    const [first, last] = sectionPeriod(u, sa, '2026-05-15');
    const from = u.calendar.startOf(first);
    const to = u.calendar.localDay(dayNumber(last)).end;
    const segments = await segmentsOf(meter, from, to, ['electric_daily_kw_peak']);
    expect(segments).toHaveLength(dayNumber(last) - dayNumber(first) + 1);
    let highest = new Decimal(0);
    for (const segment of segments) {
      const info = u.calendar.localDay(u.calendar.dayAt(Date.parse(segment.segment_start as string) / 1000));
      expect([segment.segment_start, segment.segment_end, segment.interval]).toEqual([iso(info.start), iso(info.end), new JsonDecimal(String(info.seconds))]);
      expect(segment.formats).toEqual([offered('electric_daily_kw_peak')]);
      const peak = Math.max(...dayReadings(u.calendar, u.loads.get(meter.meterId)!, 'forward', info.day));
      expect(segment.values).toEqual([[{ ed: new JsonDecimal(kwh(peak * 4).toFixed()) }]]);
      highest = Decimal.max(highest, kwh(peak * 4));
    }
    const account = billedAccount(u, sa);
    const section = statementDetails(u, account).flatMap((s) => s.sections)
      .find((s) => s.header.SA_ID === sa.SA_ID && s.header.PER_FROM === first.replaceAll('-', ''))!;
    expect(section.usage.find((r) => r.USG_CD === 'DMD')!.QTY).toBe(highest.toFixed());
  });
});

describe('billed usage per bill section', () => {
  it('is one segment per section, interval = the section, equal to its intervals and to the bill, with baseline and overage tiers', async () => {
    const meter = meters((m) => m.commodity === 'ELECTRIC' && m.intervalSeconds === 900, '2026-02-01', '2026-07-01')
      .find((m) => rateOf(m, '2026-03-01').rate.RATE_CD === 'E-1' && rateOf(m, '2026-06-15').rate.RATE_CD === 'E-1')!;
    const from = u.calendar.startOf('2026-02-01');
    const to = u.calendar.startOf('2026-07-01');
    const segments = await segmentsOf(meter, from, to, ['electric_monthly_kwh', 'electric_monthly_kwh_baseline', 'electric_monthly_kwh_overage']);
    const { sa } = rateOf(meter, '2026-03-01');
    const sections = statementDetails(u, billedAccount(u, sa)).flatMap((s) => s.sections)
      .filter((s) => s.header.SA_ID === sa.SA_ID && u.calendar.startOf(compactDate(s.header.PER_FROM)) >= from && u.calendar.startOf(compactDate(s.header.PER_FROM)) < to);
    expect(sections.length).toBeGreaterThanOrEqual(3);
    // Only the selected kind of segment: no interval days.
    expect(segments.map((s) => s.segment_start)).toEqual(sections.map((s) => iso(u.calendar.startOf(compactDate(s.header.PER_FROM)))));
    segments.forEach((segment, k) => {
      const s = sections[k];
      const [a, b] = [dayNumber(compactDate(s.header.PER_FROM)), dayNumber(compactDate(s.header.PER_TO))];
      const start = u.calendar.localDay(a).start;
      const end = u.calendar.localDay(b).end;
      expect([segment.segment_end, segment.interval]).toEqual([iso(end), new JsonDecimal(String(end - start))]);
      expect((segment.formats as Obj[]).map((f) => f.id)).toEqual(['electric_monthly_kwh', 'electric_monthly_kwh_baseline', 'electric_monthly_kwh_overage']);
      expect(segment.values as ValueSet[]).toHaveLength(1);
      const [total, baseline, overage] = (segment.values as ValueSet[])[0].map((v) => decimal(v!.eu));
      let intervals = 0;
      for (let d = a; d <= b; d++) intervals += dayReadings(u.calendar, u.loads.get(meter.meterId)!, 'forward', d).reduce((x, y) => x + y, 0);
      expect(total.eq(kwh(intervals))).toBe(true);
      expect(total.toFixed()).toBe(s.usage.find((r) => r.USG_CD === 'TOT')!.QTY);
      expect(s.usage.filter((r) => r.USG_CD === 'TIER').map((r) => r.QTY)).toEqual([baseline.toFixed(), overage.toFixed()]);
      expect(baseline.plus(overage).eq(total)).toBe(true);
    });
  });

  it('prices tiered intervals by the section\'s cumulative usage: a section\'s interval costs add up to its tier charges', async () => {
    const meter = meters((m) => m.commodity === 'ELECTRIC' && m.intervalSeconds === 900, '2026-02-01', '2026-07-01')
      .find((m) => rateOf(m, '2026-05-15').rate.RATE_CD === 'E-1')!;
    const { sa } = rateOf(meter, '2026-05-15');
    const [first, last] = sectionPeriod(u, sa, '2026-05-15');
    const segments = await segmentsOf(meter, u.calendar.startOf(first), u.calendar.localDay(dayNumber(last)).end, ['electric_interval_kwh_forward', 'interval_cost_usd']);
    let costs = new Decimal(0);
    let readings = 0;
    for (const segment of segments) {
      const date = dateOf(u.calendar.dayAt(Date.parse(segment.segment_start as string) / 1000));
      const truth = truthOf(meter, date);
      column(segment, 'interval_cost_usd')!.forEach((v, i) => {
        expect(v).toEqual({ c: new JsonDecimal(new Decimal(truth.cost![i]).div(100_000).toFixed()) });
        costs = costs.plus(decimal(v!.c));
        readings++;
      });
    }
    const section = statementDetails(u, billedAccount(u, sa)).flatMap((s) => s.sections)
      .find((s) => s.header.SA_ID === sa.SA_ID && s.header.PER_FROM === first.replaceAll('-', ''))!;
    const tierLines = section.lines.filter((l) => l.LINE_CD === 'USAGE' && / Tier /.test(l.DESCR));
    const billed = tierLines.reduce((sum, l) => sum.plus(l.AMT), new Decimal(0));
    // Each interval is rounded to 1/100 000 of a dollar, each bill line to a cent.
    expect(costs.minus(billed).abs().lte(new Decimal(readings).times('0.000005').plus(new Decimal(tierLines.length).times('0.005')))).toBe(true);
    expect(hundredThousandths(rateAt(u, sa, last).TIERS[0].PRICE)).toBeGreaterThan(0);
  });
});

describe('listing segments of every kind', () => {
  it('orders days, daily peaks and bill sections by start (a bill section before the day it starts on), and pages back the same way', async () => {
    const meter = meters((m) => m.commodity === 'ELECTRIC' && m.measures.includes('DEMAND') && m.intervalSeconds === 900, '2026-02-20', '2026-07-10')[0];
    const { access_token } = await directToken(system, clients, 'cds_query_usage', {
      segment_start: '2026-03-01T08:00:00Z', segment_end: 'infinite',
      include_usage_segment_value_types: ['electric_interval_kwh_forward', 'electric_daily_kw_peak', 'electric_monthly_kwh'],
    });
    const path = `usage-segments?cds_meterdevice_ids=${meter.meterId}&before=2026-07-01T06:59:59Z`;
    const { items, pages } = await walk<Obj>(system, access_token, path);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const days = dayNumber('2026-07-01') - dayNumber('2026-03-01');
    const kind = (s: Obj) => ((s.formats as Obj[])[0].id as string);
    expect(items.filter((s) => kind(s) === 'electric_interval_kwh_forward')).toHaveLength(days);
    expect(items.filter((s) => kind(s) === 'electric_daily_kw_peak')).toHaveLength(days);
    const bills = items.filter((s) => kind(s) === 'electric_monthly_kwh');
    expect(bills.length).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((s) => s.cds_usagesegment_id)).size).toBe(items.length);
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]];
      expect(Date.parse(a.segment_start as string)).toBeLessThanOrEqual(Date.parse(b.segment_start as string));
      // Same start: the most recently modified first (§10.8.8) — the bill section before its first day.
      if (a.segment_start === b.segment_start) expect(a.cds_modified as string >= (b.cds_modified as string)).toBe(true);
    }
    for (const bill of bills) {
      const at = items.indexOf(bill);
      expect(kind(items[at + 1])).not.toBe('electric_monthly_kwh');
      expect(items[at + 1].segment_start).toBe(bill.segment_start);
    }
    // Back from the last page with `previous`: the same segments in the same order.
    const back: Obj[] = [];
    let previous = pages.at(-1)!.body.previous as string | null;
    while (previous !== null) {
      const answer = await get(system, access_token, previous);
      expect(answer.status).toBe(200);
      back.unshift(...(answer.body.usage_segments as Obj[]));
      previous = answer.body.previous as string | null;
    }
    expect([...back, ...(pages.at(-1)!.body.usage_segments as Obj[])].map((s) => s.cds_usagesegment_id)).toEqual(items.map((s) => s.cds_usagesegment_id));
  });
});

describe('gas and water', () => {
  it.each([['GAS', 'natural_gas_daily_scf', 'gu'], ['WATER', 'water_hourly_gal', 'wu']] as const)(
    '%s meters give their readings in the offered units, priced at their rate',
    async (commodity, id, key) => {
      const date = '2026-07-14';
      const meter = meters((m) => m.commodity === commodity, date, date)[0];
      const info = u.calendar.localDay(dayNumber(date));
      const [segment] = await segmentsOf(meter, info.start, info.end, [id, 'interval_cost_usd', 'electric_interval_kwh_forward']);
      const truth = truthOf(meter, date);
      expect((segment.formats as Obj[]).map((f) => f.id)).toEqual([id, 'interval_cost_usd']);
      expect(segment.interval).toEqual(new JsonDecimal(String(truth.slotSeconds)));
      expect(column(segment, id)).toEqual(Array.from(truth.forward, (v) => ({ [key]: new JsonDecimal(String(v)) })));
      expect(column(segment, 'interval_cost_usd')).toEqual(truth.cost!.map((c) => ({ c: new JsonDecimal(new Decimal(c).div(100_000).toFixed()) })));
    },
  );
});

/** `YYYYMMDD` → `YYYY-MM-DD`. */
function compactDate(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}
