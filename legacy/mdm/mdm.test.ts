import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../generator/calendar';
import { generateUtility } from '../generator/generate';
import { billedPeriods, meterDay, READ_EDITED, READ_ESTIMATED, registerAt, servicePointOn } from '../generator/readings';
import { SHARE_SCALE, supplyMixAt } from '../generator/supplyMix';
import { touBuckets } from '../generator/tariffs';
import { dailyTotal, dayReadings, isEstimated } from '../generator/usage';
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

/** The IntervalReadings of a feed with their optional elements, per MeterReading id. */
function readingDetails(xml: string) {
  const bodies = xml.split('<IntervalReading>').slice(1);
  return feedReadings(xml).map((r, i) => {
    const body = bodies[i].split('</IntervalReading>')[0];
    const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1] ?? null;
    return { ...r, cost: tag('cost'), quality: tag('quality'), tou: tag('tou'), tier: tag('consumptionTier') };
  });
}

describe('what the MDM adds to the readings', () => {
  it('prices, TOU-buckets and quality-flags each delivered reading as the generator does', async () => {
    const m = solarMeter();
    const feed = (await getText(espi(m.usagePointId, { 'published-min': instant('2025-06-01'), 'published-max': instant('2025-07-01') }))).text;
    expect(feed).toContain('<currency>840</currency><dataQualifier>12</dataQualifier><defaultQuality>0</defaultQuality>');
    const delivered = readingDetails(feed).filter((r) => r.meterReading === '01');
    const load = u.loads.get(m.meterId)!;
    let i = 0;
    for (let d = dayNumber('2025-06-01'); d < dayNumber('2025-07-01'); d++) {
      const truth = meterDay(u, m, load, d, servicePointOn(u, m, d)!);
      truth.forward.forEach((wh, k) => {
        const r = delivered[i++];
        expect([r.value, r.cost, r.tou, r.quality]).toEqual([BigInt(wh), String(truth.cost![k]), String(truth.tou![k]),
          truth.quality[k] === READ_ESTIMATED ? '8' : truth.quality[k] === READ_EDITED ? '7' : null]);
      });
    }
    expect(i).toBe(delivered.length);
  });

  it('marks an estimated day\'s gap only, not the whole day', async () => {
    const m = u.mdm.meters.find((x) => x.intervalSeconds === 900 && longInstalled(x) && isEstimatedSomeDay(x))!;
    const day = firstEstimatedDay(m);
    const feed = readingDetails((await getText(espi(m.usagePointId, { 'published-min': instant(day), 'published-max': instant(addDay(day)) }))).text)
      .filter((r) => r.meterReading === '01');
    const flagged = feed.filter((r) => r.quality === '8').length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(feed.length);
  });

  it('serves net, register, peak demand and billed usage MeterReadings on request', async () => {
    const m = solarMeter();
    const window = { 'published-min': instant('2025-06-01'), 'published-max': instant('2025-09-01') };
    const plain = readingDetails((await getText(espi(m.usagePointId, window))).text);
    expect(new Set(plain.map((r) => r.meterReading))).toEqual(new Set(['01', '02']));
    const feed = await getText(espi(m.usagePointId, { ...window, channels: 'delivered,net,register,billed' }));
    const readings = readingDetails(feed.text);
    const of = (id: string) => readings.filter((r) => r.meterReading === id);
    expect(of('02')).toEqual([]);
    const forward = of('01');
    const reverse = plain.filter((r) => r.meterReading === '02');
    of('03').forEach((r, k) => expect(r.value).toBe(forward[k].value - reverse[k].value));
    const registers = of('04');
    expect(registers[0].value).toBe(BigInt(registerAt(u, m, u.loads.get(m.meterId)!, dayNumber('2025-06-01'))));
    for (let k = 1; k < registers.length; k++) expect(registers[k].value).toBe(registers[k - 1].value + forward[k - 1].value);
    expect(feed.text).toContain('<title>1.8.0</title>');
    const billed = billedPeriods(u, m, dayNumber('2025-06-01'), dayNumber('2025-08-31'));
    expect(of('06').map((r) => [r.start, r.value])).toEqual(billed.map((p) => [u.calendar.localDay(p.first).start, BigInt(p.forward)]));
    expect(of('06').length).toBeGreaterThanOrEqual(2);

    const demandMeter = u.mdm.meters.find((x) => x.measures.includes('DEMAND') && x.intervalSeconds === 900 && longInstalled(x))!;
    const peaks = readingDetails((await getText(espi(demandMeter.usagePointId, { 'published-min': instant('2025-06-01'), 'published-max': instant('2025-06-08'), channels: 'demand' }))).text);
    expect(peaks.map((r) => r.value)).toEqual(Array.from({ length: 7 }, (_, k) =>
      BigInt(Math.max(...dayReadings(u.calendar, u.loads.get(demandMeter.meterId)!, 'forward', dayNumber('2025-06-01') + k)) * 4)));
  });

  it('serves the TOU bucket catalogue and the grid\'s hourly supply mix, shares adding up to 1', async () => {
    expect((await getJson(`${mdm.url}/mdm/v1/tou-buckets`)).body.items).toEqual(touBuckets(u.cis.rates));
    const from = u.calendar.startOf('2025-06-01');
    const mix = await getJson(withQuery(`${mdm.url}/mdm/v1/supply-mix`, { from: instant('2025-06-01'), to: instant('2025-06-02') }));
    expect(mix.body.items).toHaveLength(24);
    mix.body.items.forEach((hour: { start: string; sources: { share: string }[] }, k: number) => {
      expect(hour.start).toBe(new Date((from + k * 3600) * 1000).toISOString().replace('.000Z', 'Z'));
      const shares = supplyMixAt(u, from + k * 3600);
      expect(hour.sources.map((s) => Math.round(Number(s.share) * SHARE_SCALE))).toEqual(Array.from(shares));
      expect(hour.sources.reduce((sum, s) => sum + BigInt(s.share.replace('.', '')), 0n)).toBe(BigInt(SHARE_SCALE));
    });
  });
});

function isEstimatedSomeDay(m: MdmMeter): boolean {
  return firstEstimatedDayOrNull(m) !== null;
}
function firstEstimatedDayOrNull(m: MdmMeter): string | null {
  for (let d = dayNumber('2025-02-01'); d < dayNumber('2025-11-01'); d++) if (isEstimated(u.loads.get(m.meterId)!, d)) return u.calendar.localDay(d).date;
  return null;
}
const firstEstimatedDay = (m: MdmMeter) => firstEstimatedDayOrNull(m)!;
const addDay = (date: string) => u.calendar.localDay(dayNumber(date) + 1).date;

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
    ['unknown channel', () => espi(solarMeter().usagePointId, { channels: 'delivered,gossip' }), 400, /channels are delivered, received/],
    ['supply mix without a window', () => withQuery(`${mdm.url}/mdm/v1/supply-mix`, { from: instant('2025-06-01') }), 400, /to/],
    ['supply mix reversed', () => withQuery(`${mdm.url}/mdm/v1/supply-mix`, { from: instant('2025-06-02'), to: instant('2025-06-01') }), 400, /before/],
    ['supply mix too long', () => withQuery(`${mdm.url}/mdm/v1/supply-mix`, { from: instant('2025-01-01'), to: instant('2025-11-01') }), 400, /at most/],
    ['tou buckets with a parameter', () => withQuery(`${mdm.url}/mdm/v1/tou-buckets`, { rate: 'E-1' }), 400, /unknown parameter/],
  ] as const)('%s → fault in the MDM style', async (_name, target, status, message) => {
    const r = await getJson(target());
    expect(r.status).toBe(status);
    expect(r.body.fault.code).toBe(`MDM-${status}`);
    expect(r.body.fault.message).toMatch(message);
  });
});
