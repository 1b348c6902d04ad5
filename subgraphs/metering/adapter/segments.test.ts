import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { MdmMeter } from '../../../legacy/mdm/records';
import type { EspiChannel, EspiReading, EspiUsagePoint } from './espi';
import { buildSegments, parseSegmentId, type SegmentOptions } from './segments';

const TZ = 'America/Los_Angeles';
const meter = (commodity: MdmMeter['commodity'] = 'ELECTRIC'): MdmMeter => ({
  meterId: 'M1', serialNumber: 'E1', commodity, technology: 'AMI', physical: true, flow: 'BIDIRECTIONAL', measures: ['ENERGY'],
  wifi: 'NONE', zigbee: 'NONE', centralApps: false, customerApps: false, apps: [], usagePointId: 'UP1', intervalSeconds: 900,
  installs: [{ installId: 'I1', servicePointId: 'SP1', installedAt: '2020-01-01T08:00:00Z', removedAt: null, reason: 'NEW_SERVICE' }],
  source: 'SYNTHETIC', createdAt: '2020-01-01T08:00:00Z', updatedAt: '2020-01-01T08:00:00Z',
});
const readings = (startMs: number, count: number, seconds: number, value = (i: number) => String(i + 1), cost?: (i: number) => string): EspiReading[] =>
  Array.from({ length: count }, (_, i) => ({
    start: startMs + i * seconds * 1000, duration: seconds, value: value(i), cost: cost?.(i) ?? null, quality: null, tou: null, consumptionTier: null,
  }));
const channel = (flowDirection: number, rs: EspiReading[], type: Partial<EspiChannel['readingType']> = {}, title: string | null = null): EspiChannel => ({
  href: `/UP1/MeterReading/${flowDirection}`,
  title,
  readingType: {
    uom: 72, powerOfTenMultiplier: 0, flowDirection, commodity: 1, kind: 12, intervalLength: 900, currency: 840,
    accumulationBehaviour: 4, dataQualifier: 12, defaultQuality: null, timeAttribute: 0, consumptionTier: null, ...type,
  },
  blocks: [{ published: '2026-03-09T00:00:00Z', updated: '2026-03-09T01:00:00Z', readings: rs }],
});
const details = (...names: SegmentOptions['details'] extends ReadonlySet<infer D> ? D[] : never): SegmentOptions =>
  ({ details: new Set(names), tou: new Map([[1, { tou: 'peak', season: 'summer' }], [2, { tou: 'off_peak', season: 'summer' }]]), supplyMix: new Map() });
const point = (...channels: EspiChannel[]): EspiUsagePoint => ({ href: '/UsagePoint/UP1', id: 'UP1', title: 'E1', serviceKind: 0, channels });
const ALL = { from: 0, to: Number.MAX_SAFE_INTEGER };
const midnight = (date: string) => DateTime.fromISO(date, { zone: TZ }).toMillis();

describe('usage segments from ESPI readings', () => {
  it('makes one segment per local day; the spring-forward day has 92 quarter hours', () => {
    const start = midnight('2026-03-08');
    const segments = buildSegments(meter(), point(channel(1, readings(start, 92 + 96, 900))), ALL, TZ, new Date());
    expect(segments.map((s) => s.values.length)).toEqual([92, 96]);
    expect(segments[0].end).toBe(midnight('2026-03-09'));
    expect(segments[0].intervalSeconds).toBe(900);
    expect(segments[0].relatedServicePointIds).toEqual(['SP1']);
    expect(parseSegmentId(segments[1].id)).toEqual({ meterId: 'M1', start: segments[1].start, end: segments[1].end, kind: 'INTERVAL' });
  });

  it('aligns delivered and received channels in one segment, received flow negative, with a cost format', () => {
    const start = midnight('2026-06-01');
    const forward = channel(1, readings(start, 4, 900, (i) => String(100 + i), (i) => String(12345 * (i + 1))));
    const reverse = channel(19, readings(start + 900_000, 2, 900, () => '7'));
    expect(buildSegments(meter(), point(forward, reverse), ALL, TZ, new Date())[0].formats.map((f) => f.id))
      .toEqual(['electric_usage_forward_Wh', 'electric_usage_reverse_Wh']);
    const [segment] = buildSegments(meter(), point(forward, reverse), ALL, TZ, new Date(), details('COST'));
    expect(segment.formats.map((f) => f.id)).toEqual(['electric_usage_forward_Wh', 'electric_usage_reverse_Wh', 'cost_USD_0']);
    expect(segment.values).toEqual([
      [{ eu: '100' }, null, { c: '0.12345' }],
      [{ eu: '101' }, { eu: '-7' }, { c: '0.2469' }],
      [{ eu: '102' }, { eu: '-7' }, { c: '0.37035' }],
      [{ eu: '103' }, null, { c: '0.4938' }],
    ]);
  });

  it('keeps a reading longer than a day as its own one-value segment, and a repeated period as another', () => {
    const start = midnight('2026-01-01');
    const month = 31 * 86400;
    const rs = [...readings(start, 1, month, () => '500'), ...readings(start, 1, month, () => '600'), ...readings(start, 1, 28 * 86400, () => '700')];
    const segments = buildSegments(meter('GAS'), point({ ...channel(1, rs), readingType: { ...channel(1, []).readingType, uom: 119 } }), ALL, TZ, new Date());
    expect(segments.map((s) => [s.intervalSeconds, s.values.length, s.values[0][0]])).toEqual([
      [28 * 86400, 1, { gu: '700' }], [month, 1, { gu: '500' }], [month, 1, { gu: '600' }],
    ]);
    expect(new Set(segments.map((s) => s.id)).size).toBe(3);
    expect(segments[0].formats[0]).toMatchObject({ type: 'natural_gas_usage', units: 'scf' });
  });

  it('trims to the window: value sets outside it are dropped, the segment is kept', () => {
    const start = midnight('2026-06-01');
    const window = { from: start + 6 * 3600_000, to: start + 7 * 3600_000 };
    const [segment, ...rest] = buildSegments(meter(), point(channel(1, readings(start, 96, 900))), window, TZ, new Date());
    expect(rest).toEqual([]);
    expect([segment.start, segment.end, segment.values.length]).toEqual([window.from, window.to, 4]);
    expect(segment.values[0]).toEqual([{ eu: '25' }]);
  });

  it('with QUALITY, states a quality its readings share, and gives readings of another quality a format of their own', () => {
    const start = midnight('2026-06-02');
    const rs = readings(start, 4, 900);
    rs[1].quality = 8;
    rs[2].quality = 7;
    const valid = channel(1, readings(start, 4, 900), { defaultQuality: 0 });
    expect(buildSegments(meter(), point(valid), ALL, TZ, new Date(), details('QUALITY'))[0].formats).toMatchObject([
      { id: 'electric_usage_forward_Wh_valid', quality: 'valid', omittedFields: ['tou', 'tier', 'season', 'related_meterdevices'] },
    ]);
    const [mixed] = buildSegments(meter(), point(channel(1, rs, { defaultQuality: 0 })), ALL, TZ, new Date(), details('QUALITY'));
    expect(mixed.formats.map((f) => [f.id, f.quality, (f.omittedFields as string[]).includes('quality')])).toEqual([
      ['electric_usage_forward_Wh', null, true], ['electric_usage_forward_Wh_corrected', 'corrected', false], ['electric_usage_forward_Wh_estimated', 'estimated', false],
    ]);
    expect(mixed.values).toEqual([[{ eu: '1' }, null, null], [{ eu: '2' }, null, { eu: '2' }], [{ eu: '3' }, { eu: '3' }, null], [{ eu: '4' }, null, null]]);
    // A file without defaultQuality: unmarked readings have no known quality, so the channel states none.
    const file = buildSegments(meter(), point(channel(1, rs)), ALL, TZ, new Date(), details('QUALITY'))[0];
    expect(file.formats.map((f) => f.id)).toEqual(['electric_usage_forward_Wh', 'electric_usage_forward_Wh_corrected', 'electric_usage_forward_Wh_estimated']);
  });

  it('with TIME_OF_USE, splits delivered energy by the TOU bucket of each reading, and the splits add up to the channel', () => {
    const start = midnight('2026-07-01');
    const rs = readings(start, 6, 900, (i) => String(10 * (i + 1)));
    [0, 0, 1, 1, 2, 99].forEach((code, i) => { rs[i].tou = code; });
    const reverse = channel(19, readings(start, 6, 900));
    const [segment] = buildSegments(meter(), point(channel(1, rs), reverse), ALL, TZ, new Date(), details('TIME_OF_USE'));
    expect(segment.formats.map((f) => [f.id, f.tou, f.season])).toEqual([
      ['electric_usage_forward_Wh', null, null], ['electric_usage_reverse_Wh', null, null],
      ['electric_usage_forward_Wh_no_tou', null, null], ['electric_usage_forward_Wh_peak_summer', 'peak', 'summer'], ['electric_usage_forward_Wh_off_peak_summer', 'off_peak', 'summer'],
    ]);
    expect(segment.formats[2].omittedFields).not.toContain('tou');
    expect(segment.formats[0].omittedFields).toContain('tou');
    // An unknown bucket (99) is in no split.
    expect(segment.values.map((set) => set.slice(2).map((v) => (v as { eu: string } | null)?.eu ?? null))).toEqual([
      ['10', null, null], ['20', null, null], [null, '30', null], [null, '40', null], [null, null, '50'], [null, null, null],
    ]);
  });

  it('reads registers as strings at each interval start, and names the meter and the register', () => {
    const start = midnight('2026-07-01');
    const register = channel(1, readings(start, 3, 900, (i) => String(1_000_000 + i * 250)), { accumulationBehaviour: 1, powerOfTenMultiplier: -3 }, '1.8.0');
    const [segment] = buildSegments(meter(), point(channel(1, readings(start, 3, 900)), register), ALL, TZ, new Date());
    expect(segment.formats[1]).toMatchObject({ id: 'meter_readings_Wh_1.8.0', type: 'meter_readings', relatedMeterDeviceId: 'M1', register: '1.8.0', units: 'Wh' });
    expect(segment.values.map((set) => set[1])).toEqual([{ r: '1000' }, { r: '1000.25' }, { r: '1000.5' }]);
  });

  it('makes a day\'s peak demand and a bill section\'s billed usage segments of their own kind, beside the day\'s intervals', () => {
    const start = midnight('2026-07-01');
    const day = 86400;
    const peak = channel(1, readings(start, 1, day, () => '5120'), { uom: 38, kind: 8, dataQualifier: 8, accumulationBehaviour: 6, defaultQuality: 11, intervalLength: day });
    const billed = { timeAttribute: 8, defaultQuality: 19, intervalLength: null };
    const month = 31 * day;
    const total = channel(1, readings(start, 1, month, () => '600000'), billed);
    const tier = (n: number, v: string) => channel(1, readings(start, 1, month, () => v).map((r) => ({ ...r, consumptionTier: n })), { ...billed, consumptionTier: n });
    const segments = buildSegments(meter(), point(channel(1, readings(start, 96, 900)), peak, total, tier(1, '387500'), tier(2, '212500')), ALL, TZ, new Date(), details('QUALITY'));
    expect(segments.map((s) => [s.kind, s.intervalSeconds, s.values.length])).toEqual([['BILLING_PERIOD', month, 1], ['DAILY_PEAK_DEMAND', day, 1], ['INTERVAL', 900, 96]]);
    const [bill, demand, intervals] = segments;
    expect(new Set(segments.map((s) => s.id)).size).toBe(3);
    for (const s of segments) expect(parseSegmentId(s.id)).toMatchObject({ meterId: 'M1', start: s.start, end: s.end, kind: s.kind });
    expect(demand.formats).toMatchObject([{ type: 'electric_demand', units: 'W', demandType: 'peak', direction: 'forward', quality: 'calculated' }]);
    expect(demand.values).toEqual([[{ ed: '5120' }]]);
    expect(bill.formats.map((f) => [f.tier, f.quality])).toEqual([[null, 'revenue'], ['baseline', 'revenue'], ['overage', 'revenue']]);
    expect(bill.formats[0].omittedFields).toContain('tier');
    expect(bill.values).toEqual([[{ eu: '600000' }, { eu: '387500' }, { eu: '212500' }]]);
    expect(intervals.formats.map((f) => f.id)).toEqual(['electric_usage_forward_Wh']);
  });

  it('with SUPPLY_MIX, adds each source\'s share of the hour to the delivered energy it describes', () => {
    const start = midnight('2026-07-01');
    const hour = (h: number) => start + h * 3_600_000;
    const options: SegmentOptions = {
      ...details('SUPPLY_MIX'),
      supplyMix: new Map([[hour(0), [{ supplyType: 'solar', sm: '0.2500', ci: '41' }, { supplyType: 'natural_gas', sm: '0.7500', ci: '490' }]]]),
    };
    const [segment] = buildSegments(meter(), point(channel(19, readings(start, 8, 900)), channel(1, readings(start, 8, 900))), ALL, TZ, new Date(), options);
    expect(segment.formats.slice(2)).toMatchObject([
      { id: 'electric_supply_mix_base_solar', attribution: 'base', supplyType: 'solar', indexes: [1] },
      { id: 'electric_supply_mix_base_natural_gas', attribution: 'base', supplyType: 'natural_gas', indexes: [1] },
    ]);
    expect(segment.values.map((set) => set.slice(2))).toEqual([
      ...Array.from({ length: 4 }, () => [{ sm: '0.2500', ci: '41', eacs: null }, { sm: '0.7500', ci: '490', eacs: null }]),
      ...Array.from({ length: 4 }, () => [null, null]),
    ]);
  });
});
