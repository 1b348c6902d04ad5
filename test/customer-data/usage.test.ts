import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber, dayReadings } from '../../legacy/generator';
import type { Utility } from '../../legacy/generator/utility';
import { configSchema } from '../../lib/config';
import { Decimal, JsonDecimal, parseExact } from '../../rest-facade/json';
import { DEMO_VALUE_FORMATS } from '../../rest-facade/scopes/customer-data';
import { walk } from './support/api';
import { startSystem, TIMEZONE, type System } from '../support/system';
import { consentToken, directToken, seedClients, settle, type Clients } from './support/tokens';

/**
 * Usage Segments (cds-wg3-01 §10.8): the values are the MDM's readings exactly (decimal kWh from
 * integer Wh, reverse flow negative), in copies of the selected Choices' formats only; a segment
 * crossing the Grant's window is trimmed to it; the real Green Button files come out with their
 * readings, units and costs intact.
 */

type Obj = Record<string, unknown>;

let system: System;
let u: Utility;
let clients: Clients;

beforeAll(async () => {
  system = await startSystem({ seed: 'customer-data-usage', accounts: 60, greenButton: true });
  u = system.legacy.utility;
  clients = await seedClients(system);
}, 120_000);

afterAll(async () => { await system?.close(); });

const token = async (entry: Obj) => (await directToken(system, clients, 'cds_query_usage', { segment_end: 'infinite', ...entry })).access_token;
const kwh = (wh: number) => new JsonDecimal(new Decimal(wh).div(1000).toFixed());
const formatsById = new Map(DEMO_VALUE_FORMATS.map((o) => [o.format.id, o.format]));

describe('synthetic meters', () => {
  const day = '2026-07-10';
  const dayStart = '2026-07-10T07:00:00Z'; // local midnight, America/Los_Angeles in July

  it('serve each meter-day\'s 15-minute readings as exact kWh, forward and reverse (negative)', async () => {
    const solar = u.mdm.meters.find((m) => m.flow === 'BIDIRECTIONAL' && m.installs.some((i) => i.removedAt === null) && u.loads.has(m.meterId))!;
    const t = await token({ segment_start: dayStart });
    const { items } = await walk<Obj>(system, t, `usage-segments?cds_meterdevice_ids=${solar.meterId}&before=${dayStart}`);
    expect(items).toHaveLength(1);
    const [segment] = items;
    expect([segment.segment_start, segment.segment_end]).toEqual([dayStart, '2026-07-11T07:00:00Z']);
    expect(segment.interval).toEqual(new JsonDecimal('900'));
    const ids = (segment.formats as Obj[]).map((f) => f.id as string);
    // Every offered format the meter yields (the direct usage scope selects them all); the vocabulary itself: usageFormats.test.ts.
    expect(ids.slice(0, 3)).toEqual(['electric_interval_kwh_forward', 'electric_interval_kwh_reverse', 'electric_interval_kwh_net']);
    for (const f of segment.formats as Obj[]) {
      if (f.type === 'meter_readings') expect(Object.keys(f)).toContain('register');
      else expect(parseExact(JSON.stringify(formatsById.get(f.id as string)))).toEqual(f);
    }
    const load = u.loads.get(solar.meterId)!;
    const forward = dayReadings(u.calendar, load, 'forward', dayNumber(day));
    const reverse = dayReadings(u.calendar, load, 'reverse', dayNumber(day));
    const values = segment.values as Obj[][];
    expect(values).toHaveLength(96);
    const [fwd, rev, demand] = ['electric_interval_kwh_forward', 'electric_interval_kwh_reverse', 'electric_interval_kw_demand'].map((id) => ids.indexOf(id));
    values.forEach((set, i) => {
      expect(set[fwd]).toEqual({ eu: kwh(forward[i]) });
      expect(set[rev]).toEqual({ eu: kwh(-reverse[i]) });
      // Average demand over 15 minutes: kWh × 4.
      expect(set[demand]).toEqual({ ed: new JsonDecimal(new Decimal(forward[i]).div(1000).times(4).toFixed()) });
    });
  });

  it('trims a segment crossing the edge of the granted window instead of dropping or leaking it', async () => {
    const meter = u.mdm.meters.find((m) => m.commodity === 'ELECTRIC' && m.installs.length === 1 && m.installs[0].removedAt === null && u.loads.has(m.meterId))!;
    // The window opens at 13:00 local and closes the next day at 06:00 local.
    const t = await token({ segment_start: '2026-07-10T20:00:00Z' });
    const close = await consentToken(system, clients, {
      scope: 'cds_usage', customerId: u.index.account.get(u.index.agreement.get(u.index.servicePoint.get(meter.installs[0].servicePointId)!.CUR_SA_IDS[0])!.ACCT_ID)!.CUST_ID,
      entry: { segment_start: '2026-07-10T20:00:00Z', segment_end: 'infinite', include_usage_segment_value_types: ['electric_interval_kwh_forward'] },
      selection: { type: 'meter_device_selection', selected: [meter.meterId], include_future: false, offered: [meter.meterId] },
    });
    for (const access of [t, close.access_token]) {
      const { items } = await walk<Obj>(system, access, `usage-segments?cds_meterdevice_ids=${meter.meterId}&before=2026-07-11T07:00:00Z`);
      const first = items[0];
      expect([first.segment_start, first.segment_end]).toEqual(['2026-07-10T20:00:00Z', '2026-07-11T07:00:00Z']);
      const readings = dayReadings(u.calendar, u.loads.get(meter.meterId)!, 'forward', dayNumber(day));
      // 13:00–24:00 local: the last 44 of the day's 96 readings.
      expect((first.values as Obj[][]).map((set) => set[0])).toEqual([...readings.slice(52)].map((wh) => ({ eu: kwh(wh) })));
    }
  });

  it('carries only the selected formats, and none when include_usage_segment_value_types is null', async () => {
    const meter = u.mdm.meters.find((m) => m.commodity === 'ELECTRIC' && u.loads.has(m.meterId) && m.installs.some((i) => i.removedAt === null))!;
    const path = `usage-segments?cds_meterdevice_ids=${meter.meterId}&before=${dayStart}`;
    const demand = await walk<Obj>(system, await token({ segment_start: dayStart, include_usage_segment_value_types: ['electric_interval_kw_demand'] }), path);
    expect((demand.items[0].formats as Obj[]).map((f) => f.id)).toEqual(['electric_interval_kw_demand']);
    expect((demand.items[0].values as Obj[][]).every((set) => set.length === 1 && 'ed' in (set[0] as Obj))).toBe(true);
    // §7.2.8.1: null → no formats and no values (a consent scope; the direct usage scope treats the field as true).
    const point = meter.installs.find((i) => i.removedAt === null)!.servicePointId;
    const account = u.index.agreement.get(u.index.servicePoint.get(point)!.CUR_SA_IDS[0])!.ACCT_ID;
    const none = await consentToken(system, clients, {
      scope: 'cds_usage', customerId: u.index.account.get(account)!.CUST_ID,
      entry: { segment_start: dayStart, segment_end: 'infinite', include_usage_segment_value_types: null },
      selection: { type: 'meter_device_selection', selected: [meter.meterId], include_future: false, offered: [meter.meterId] },
    });
    const empty = await walk<Obj>(system, none.access_token, path);
    expect(empty.items.length).toBeGreaterThan(0);
    for (const segment of empty.items) expect([segment.formats, segment.values]).toEqual([[], []]);
  });

  it('serves gas and water meters in the offered units they can be given in exactly', async () => {
    const water = u.mdm.meters.find((m) => m.commodity === 'WATER' && u.loads.has(m.meterId) && m.installs.some((i) => i.removedAt === null))!;
    const { items } = await walk<Obj>(system, await token({ segment_start: dayStart }), `usage-segments?cds_meterdevice_ids=${water.meterId}&before=${dayStart}`);
    expect((items[0].formats as Obj[]).map((f) => f.id)).toEqual(['water_hourly_gal', 'interval_cost_usd']);
    const readings = dayReadings(u.calendar, u.loads.get(water.meterId)!, 'forward', dayNumber(day));
    expect((items[0].values as Obj[][]).map((set) => set[0])).toEqual([...readings].map((gal) => ({ wu: new JsonDecimal(String(gal)) })));
  });
});

describe('Green Button meters', () => {
  const dir = configSchema.parse({}).GREENBUTTON_DIR;

  /** The file's readings read straight from the XML: value (Wh) and cost (hundred-thousandths of USD). */
  function fileReadings(file: string) {
    const xml = readFileSync(join(dir, file), 'utf8');
    return [...xml.matchAll(/<(?:espi:)?IntervalReading>([\s\S]*?)<\/(?:espi:)?IntervalReading>/g)].map(([, body]) => ({
      value: /<(?:espi:)?value>(-?\d+)</.exec(body)![1],
      cost: /<(?:espi:)?cost>(-?\d+)</.exec(body)?.[1] ?? null,
      quality: /<(?:espi:)?quality>(\d+)</.exec(body)?.[1] ?? null,
    }));
  }

  it.each(['test_usage_data.xml', 'Desert_Single_Family_Jan_1_2011_to_Jan_1_2012_RetailCustomer_7.xml', 'TestGBDataOneYearDailyBinnedMonthly.xml'])(
    '%s: every reading once, in kWh, with its cost',
    async (file) => {
      const meter = system.legacy.greenButtonMeters.find((m) => m.serialNumber === `GB-${file.replace(/\.xml$/, '')}`)!;
      const t = await token({ segment_start: 'infinite' });
      const { items } = await walk<Obj>(system, t, `usage-segments?cds_meterdevice_ids=${meter.meterId}`);
      const expected = fileReadings(file);
      const served = items.flatMap((s) => (s.values as Obj[][]).map((set) => ({ formats: (s.formats as Obj[]).map((f) => f.id), set })));
      expect(served).toHaveLength(expected.length);
      let wh = new Decimal(0);
      let servedKwh = new Decimal(0);
      served.forEach(({ formats, set }, i) => {
        expect(formats[0]).toBe('electric_interval_kwh_forward');
        wh = wh.plus(expected[i].value);
        servedKwh = servedKwh.plus((set[0] as { eu: JsonDecimal }).eu.toDecimal());
        expect((set[0] as { eu: JsonDecimal }).eu.toDecimal().times(1000).toFixed()).toBe(new Decimal(expected[i].value).toFixed());
        if (expected[i].cost !== null) {
          const at = formats.indexOf('interval_cost_usd');
          expect((set[at] as { c: JsonDecimal }).c.toDecimal().toFixed()).toBe(new Decimal(expected[i].cost!).div(100_000).toFixed());
        }
        // The file's ReadingQuality: 8 (estimated using a reference day) → estimated, 7 (manually edited) → corrected.
        const quality = { '8': 'estimated', '7': 'corrected' }[expected[i].quality ?? ''];
        for (const q of ['estimated', 'corrected']) {
          const at = formats.indexOf(`electric_interval_kwh_forward_${q}`);
          expect(at < 0 ? null : set[at]).toEqual(q === quality ? set[0] : null);
        }
      });
      expect(servedKwh.times(1000).toFixed()).toBe(wh.toFixed());
    },
    120_000,
  );

  it('are ordered by the usage\'s time and local days in the Server\'s time zone', async () => {
    const meter = system.legacy.greenButtonMeters.find((m) => m.serialNumber === 'GB-test_usage_data_01')!;
    const { items } = await walk<Obj>(system, await token({ segment_start: 'infinite' }), `usage-segments?cds_meterdevice_ids=${meter.meterId}`);
    const starts = items.map((s) => s.segment_start as string);
    expect([...starts].sort((a, b) => Date.parse(a) - Date.parse(b))).toEqual(starts);
    expect(TIMEZONE).toBe(u.timezone);
  });
});

describe('an aggregation\'s own usage (§4.11, §4.12)', () => {
  it('is the sum of its members\' 15-minute intervals, related to the aggregation alone', async () => {
    const day = '2026-07-10';
    const dayStart = '2026-07-10T07:00:00Z';
    const electric = (spId: string) => u.mdm.meters.filter((m) => m.commodity === 'ELECTRIC' && u.loads.get(m.meterId)?.slotSeconds === 900
      && m.installs.some((i) => i.servicePointId === spId && Date.parse(i.installedAt) <= Date.parse(dayStart) && (i.removedAt === null || Date.parse(i.removedAt) >= Date.parse('2026-07-11T07:00:00Z'))));
    const group = u.cis.groups.find((g) => g.GRP_TYPE_CD === 'BLDG' && g.CONSENT_CD === 'NEVER' && g.MEMBER_SP_IDS.some((sp) => electric(sp).length > 0))
      ?? u.cis.groups.find((g) => g.GRP_TYPE_CD === 'ZIP' && g.MEMBER_SP_IDS.some((sp) => electric(sp).length > 0))!;
    const made = await directToken(system, clients, 'cds_query_aggregated_usage', {
      aggregation_numbers: [group.GRP_NO], include_aggregations: true, segment_start: dayStart, segment_end: 'infinite',
    });
    // The token endpoint leaves an aggregation usage Grant pending while it is evaluated (§4.11).
    expect(await settle(system, made.grant_id)).toBe('active');
    const { items } = await walk<Obj>(system, made.access_token, `usage-segments?before=${dayStart}`);
    expect(items).toHaveLength(1);
    const [segment] = items;
    expect([segment.segment_start, segment.related_aggregations, segment.related_meterdevices, segment.related_accounts]).toEqual([dayStart, [group.GRP_ID], [], []]);
    const members = u.cis.groups.filter((g) => g.GRP_ID === group.GRP_ID || group.CHILD_GRP_IDS.includes(g.GRP_ID)).flatMap((g) => g.MEMBER_SP_IDS);
    const meters = [...new Set(members.flatMap(electric))];
    const sums = Array.from({ length: 96 }, (_, i) => meters.reduce((sum, m) => sum + dayReadings(u.calendar, u.loads.get(m.meterId)!, 'forward', dayNumber(day))[i], 0));
    const forward = (segment.formats as Obj[]).findIndex((f) => f.id === 'electric_interval_kwh_forward');
    expect((segment.values as Obj[][]).map((set) => set[forward])).toEqual(sums.map((wh) => ({ eu: kwh(wh) })));
  });
});
