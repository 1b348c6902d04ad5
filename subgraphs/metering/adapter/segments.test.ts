import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { MdmMeter } from '../../../legacy/mdm/records';
import type { EspiChannel, EspiReading, EspiUsagePoint } from './espi';
import { buildSegments, parseSegmentId } from './segments';

const TZ = 'America/Los_Angeles';
const meter = (commodity: MdmMeter['commodity'] = 'ELECTRIC'): MdmMeter => ({
  meterId: 'M1', serialNumber: 'E1', commodity, technology: 'AMI', physical: true, flow: 'BIDIRECTIONAL', measures: ['ENERGY'],
  wifi: 'NONE', zigbee: 'NONE', centralApps: false, customerApps: false, apps: [], usagePointId: 'UP1', intervalSeconds: 900,
  installs: [{ installId: 'I1', servicePointId: 'SP1', installedAt: '2020-01-01T08:00:00Z', removedAt: null, reason: 'NEW_SERVICE' }],
  source: 'SYNTHETIC', createdAt: '2020-01-01T08:00:00Z', updatedAt: '2020-01-01T08:00:00Z',
});
const readings = (startMs: number, count: number, seconds: number, value = (i: number) => String(i + 1), cost?: (i: number) => string): EspiReading[] =>
  Array.from({ length: count }, (_, i) => ({ start: startMs + i * seconds * 1000, duration: seconds, value: value(i), cost: cost?.(i) ?? null, quality: null }));
const channel = (flowDirection: number, rs: EspiReading[]): EspiChannel => ({
  href: `/UP1/MeterReading/${flowDirection}`,
  readingType: { uom: 72, powerOfTenMultiplier: 0, flowDirection, commodity: 1, kind: 12, intervalLength: 900, currency: 840 },
  blocks: [{ published: '2026-03-09T00:00:00Z', updated: '2026-03-09T01:00:00Z', readings: rs }],
});
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
    expect(parseSegmentId(segments[1].id)).toEqual({ meterId: 'M1', start: segments[1].start, end: segments[1].end });
  });

  it('aligns delivered and received channels in one segment, received flow negative, with a cost format', () => {
    const start = midnight('2026-06-01');
    const forward = channel(1, readings(start, 4, 900, (i) => String(100 + i), (i) => String(12345 * (i + 1))));
    const reverse = channel(19, readings(start + 900_000, 2, 900, () => '7'));
    const [segment] = buildSegments(meter(), point(forward, reverse), ALL, TZ, new Date());
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
});
