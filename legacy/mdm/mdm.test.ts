import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../generator/calendar';
import { generateUtility } from '../generator/generate';
import { dailyTotal, dayReadings } from '../generator/usage';
import type { RunningSimulator } from '../sim/server';
import { feedReadings, getJson, getText, postJson, withQuery } from '../testing';
import type { MdmMeter } from './records';
import { startMdmSimulator } from './server';

const u = generateUtility({ seed: 'mdm-test', accounts: 80, asOf: '2025-11-20', timezone: 'America/Los_Angeles' });
let mdm: RunningSimulator;
const espi = (id: string, query: Record<string, string | undefined> = {}) => withQuery(`${mdm.url}/espi/1_1/resource/Batch/UsagePoint/${id}`, query);
const instant = (date: string) => new Date(u.calendar.startOf(date) * 1000).toISOString();

beforeAll(async () => {
  mdm = await startMdmSimulator(u);
});
afterAll(() => mdm?.close());

/** Meters in service over the whole test period. */
const longInstalled = (m: MdmMeter) => m.physical && !m.installs[0].removedAt && m.installs[0].installedAt < '2025-01-01';
const solarMeter = () => u.mdm.meters.find((m) => m.flow === 'BIDIRECTIONAL' && longInstalled(m))!;

describe('MDM device registry', () => {
  it('lists the old meter of a swap under previousServicePointId and the new one under currentServicePointId', async () => {
    const swapped = u.mdm.meters.find((m) => m.installs[0].reason === 'SWAP')!;
    const sp = swapped.installs[0].servicePointId;
    const current = await getJson(withQuery(`${mdm.url}/mdm/v1/meters`, { currentServicePointId: sp }));
    const previous = await getJson(withQuery(`${mdm.url}/mdm/v1/meters`, { previousServicePointId: sp }));
    expect(current.body.items.map((m: MdmMeter) => m.meterId)).toEqual([swapped.meterId]);
    expect(previous.body.items).toHaveLength(1);
    expect(previous.body.items[0].installs[0].removedAt).toBe(swapped.installs[0].installedAt);
  });

  it('pages all meters newest first and looks meters up by serial number, usage point and service point', async () => {
    const seen: MdmMeter[] = [];
    let cursor: string | undefined;
    do {
      const page = await getJson(withQuery(`${mdm.url}/mdm/v1/meters`, { limit: 50, cursor }));
      seen.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((m) => m.meterId).sort()).toEqual(u.mdm.meters.map((m) => m.meterId).sort());
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1].updatedAt >= seen[i].updatedAt).toBe(true);
    const m = solarMeter();
    for (const [by, key] of [['serialNumber', m.serialNumber], ['usagePointId', m.usagePointId], ['servicePointId', m.installs[0].servicePointId]]) {
      const r = await postJson(`${mdm.url}/mdm/v1/meters/lookup`, { by, keys: [key] });
      expect(r.body.items.map((x: MdmMeter) => x.meterId)).toContain(m.meterId);
    }
    const q = await getJson(withQuery(`${mdm.url}/mdm/v1/meters`, { q: m.serialNumber.toLowerCase(), q_fields: 'serialNumber' }));
    expect(q.body.items.map((x: MdmMeter) => x.meterId)).toEqual([m.meterId]);
  });
});

describe('MDM ESPI feeds', () => {
  it('serve a bidirectional meter as two channels with their reading types, readings equal to the generator', async () => {
    const m = solarMeter();
    const feed = await getText(espi(m.usagePointId, { 'published-min': instant('2025-07-04'), 'published-max': instant('2025-07-05') }));
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('<flowDirection>1</flowDirection>');
    expect(feed.text).toContain('<flowDirection>19</flowDirection>');
    expect(feed.text).toContain('<uom>72</uom>');
    expect(feed.text).toContain('<intervalLength>900</intervalLength>');
    const readings = feedReadings(feed.text);
    const day = dayNumber('2025-07-04');
    const load = u.loads.get(m.meterId)!;
    expect(readings.filter((r) => r.meterReading === '01').map((r) => Number(r.value))).toEqual(Array.from(dayReadings(u.calendar, load, 'forward', day)));
    expect(readings.filter((r) => r.meterReading === '02').map((r) => Number(r.value))).toEqual(Array.from(dayReadings(u.calendar, load, 'reverse', day)));
    expect(readings.every((r) => r.duration === 900 && r.value >= 0n)).toBe(true);
  });

  it('serve a DST day with 92 fifteen-minute readings, local-day blocks, and a window that starts mid-day', async () => {
    const m = u.mdm.meters.find((x) => x.intervalSeconds === 900 && longInstalled(x))!;
    const day = await getText(espi(m.usagePointId, { 'published-min': instant('2025-03-09'), 'published-max': instant('2025-03-10') }));
    expect(feedReadings(day.text)).toHaveLength(92);
    const from = u.calendar.startOf('2025-03-10') + 10 * 3600;
    const part = feedReadings((await getText(espi(m.usagePointId, { 'published-min': new Date(from * 1000).toISOString(), 'published-max': instant('2025-03-11') }))).text);
    expect(part[0].start).toBe(from);
    expect(part).toHaveLength(96 - 40);
  });

  it('batch several usage points in one feed and match the daily reads', async () => {
    const ms = u.mdm.meters.filter(longInstalled).slice(0, 3);
    const feed = await getText(withQuery(`${mdm.url}/espi/1_1/resource/Batch/UsagePoints`, {
      ids: ms.map((m) => m.usagePointId).join(','), 'published-min': instant('2025-10-01'), 'published-max': instant('2025-10-02'),
    }));
    expect((feed.text.match(/<UsagePoint xmlns/g) ?? []).length).toBe(3);
    const daily = await getJson(withQuery(`${mdm.url}/mdm/v1/daily-reads`, { meterId: ms.map((m) => m.meterId).join(','), from: '2025-10-01', to: '2025-10-01' }));
    const delivered = daily.body.items.filter((d: { channel: string }) => d.channel === 'DELIVERED');
    expect(delivered).toHaveLength(3);
    for (const d of delivered) expect(d.value).toBe(String(dailyTotal(u.loads.get(d.meterId)!, 'forward', u.calendar.localDay(dayNumber('2025-10-01')))));
    const served = feedReadings(feed.text).reduce((s, r) => s + (r.meterReading === '01' ? r.value : 0n), 0n);
    expect(served).toBe(delivered.reduce((s: bigint, d: { value: string }) => s + BigInt(d.value), 0n));
  });

  it('end at the data horizon and serve nothing before history', async () => {
    const m = solarMeter();
    const after = feedReadings((await getText(espi(m.usagePointId, { 'published-min': instant('2025-11-20'), 'published-max': instant('2025-11-25') }))).text);
    expect(after).toEqual([]);
    const before = feedReadings((await getText(espi(m.usagePointId, { 'published-min': instant('2020-01-01'), 'published-max': instant('2020-02-01') }))).text);
    expect(before).toEqual([]);
  });
});

describe('MDM bad requests', () => {
  it.each([
    ['window too large', () => withQuery(`${mdm.url}/espi/1_1/resource/Batch/UsagePoints`, { ids: u.mdm.meters.slice(0, 20).map((m) => m.usagePointId).join(',') }), 400, /usage-point-days/],
    ['not a date-time', () => espi(solarMeter().usagePointId, { 'published-min': 'yesterday' }), 400, /RFC 3339/],
    ['reversed window', () => espi(solarMeter().usagePointId, { 'published-min': instant('2025-02-02'), 'published-max': instant('2025-02-01') }), 400, /before/],
    ['unknown parameter', () => espi(solarMeter().usagePointId, { 'updated-min': instant('2025-02-02') }), 400, /unknown parameter/],
    ['unknown usage point', () => espi('UP-nope'), 404, /no usage point/],
    ['daily reads without dates', () => withQuery(`${mdm.url}/mdm/v1/daily-reads`, { meterId: solarMeter().meterId }), 400, /from/],
    ['daily reads unknown meter', () => withQuery(`${mdm.url}/mdm/v1/daily-reads`, { meterId: 'M-nope', from: '2025-01-01', to: '2025-01-02' }), 404, /no meter/],
    ['meters unknown filter', () => withQuery(`${mdm.url}/mdm/v1/meters`, { color: 'red' }), 400, /unknown parameter/],
  ] as const)('%s → fault in the MDM style', async (_name, target, status, message) => {
    const r = await getJson(target());
    expect(r.status).toBe(status);
    expect(r.body.fault.code).toBe(`MDM-${status}`);
    expect(r.body.fault.message).toMatch(message);
  });
});
