import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { generateUtility } from '../generator/generate';
import type { RunningSimulator } from '../sim/server';
import { feedReadings, getJson, getText, postJson, withQuery } from '../testing';
import { attachGreenButton, loadGreenButtonDir } from './greenButton';
import type { MdmMeter } from './records';
import { startMdmSimulator } from './server';

/** Every real Green Button file loads through the MDM simulator with its readings unchanged. */

const dir = loadConfig({}).config.GREENBUTTON_DIR;
const files = readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();

/** The original file read with plain string scanning (not the simulator's XML reader). */
function original(xml: string) {
  const readings = [...xml.matchAll(/<(\w+:)?IntervalReading>([\s\S]*?)<\/\1?IntervalReading>/g)].map((m) => m[2]);
  const values = readings.map((r) => BigInt(/<(?:\w+:)?value>\s*(-?\d+)\s*</.exec(r)![1]));
  return { count: readings.length, sum: values.reduce((a, b) => a + b, 0n) };
}

const u = generateUtility({ seed: 'greenbutton-test', accounts: 40, asOf: '2026-02-01', timezone: 'America/Los_Angeles' });
let mdm: RunningSimulator;
let meters: MdmMeter[];

beforeAll(async () => {
  meters = attachGreenButton(u, loadGreenButtonDir(dir));
  mdm = await startMdmSimulator(u);
});
afterAll(() => mdm?.close());

describe('Green Button files', () => {
  it('are all attached, as GB-<file> meters of the greenbutton test customer', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(meters.map((m) => m.serialNumber)).toEqual(files.map((f) => `GB-${f.replace(/\.xml$/, '')}`));
    const owner = u.testCustomers.find((t) => t.key === 'greenbutton')!;
    for (const m of meters) {
      const sp = m.installs[0].servicePointId;
      const sa = u.index.agreementsBySp.get(sp)[0];
      expect(u.index.account.get(sa.ACCT_ID)!.CUST_ID).toBe(owner.CUST_ID);
      expect(sa.SA_STAT_CD).toBe('60');
      expect(u.index.servicePoint.get(sp)!.PREV_SA_IDS).toEqual([sa.SA_ID]);
    }
  });

  it.each(files)('%s: the MDM serves as many IntervalReadings with the same sum of values as the file holds', async (file) => {
    const expected = original(readFileSync(join(dir, file), 'utf8'));
    const meter = meters.find((m) => m.serialNumber === `GB-${file.replace(/\.xml$/, '')}`)!;
    const feed = await getText(`${mdm.url}/espi/1_1/resource/Batch/UsagePoint/${meter.usagePointId}`);
    expect(feed.status).toBe(200);
    const served = feedReadings(feed.text);
    expect(served.length).toBe(expected.count);
    expect(served.reduce((s, r) => s + r.value, 0n)).toBe(expected.sum);
  });

  it('are reachable like any meter: by serial number, by service point, and in daily reads', async () => {
    const meter = meters.find((m) => m.serialNumber === 'GB-test_usage_data_01')!;
    const bySerial = await postJson(`${mdm.url}/mdm/v1/meters/lookup`, { by: 'serialNumber', keys: [meter.serialNumber] });
    expect(bySerial.body.items).toEqual([meter]);
    const bySp = await getJson(withQuery(`${mdm.url}/mdm/v1/meters`, { previousServicePointId: meter.installs[0].servicePointId }));
    expect(bySp.body.items.map((m: MdmMeter) => m.meterId)).toEqual([meter.meterId]);
    const first = meter.installs[0].installedAt.slice(0, 10);
    const daily = await getJson(withQuery(`${mdm.url}/mdm/v1/daily-reads`, { meterId: meter.meterId, from: '2012-01-01', to: '2012-12-31' }));
    const feed = feedReadings((await getText(`${mdm.url}/espi/1_1/resource/Batch/UsagePoint/${meter.usagePointId}`)).text);
    const total = daily.body.items.reduce((s: bigint, d: { value: string }) => s + BigInt(d.value), 0n);
    expect(total).toBe(feed.reduce((s, r) => s + r.value, 0n));
    expect(first).toBe('2012-02-29');
  });

  it('can be windowed: readings starting in [published-min, published-max)', async () => {
    const meter = meters.find((m) => m.serialNumber === 'GB-test_usage_data')!;
    const all = feedReadings((await getText(`${mdm.url}/espi/1_1/resource/Batch/UsagePoint/${meter.usagePointId}`)).text);
    const from = all[100].start;
    const to = all[300].start;
    const part = feedReadings((await getText(withQuery(`${mdm.url}/espi/1_1/resource/Batch/UsagePoint/${meter.usagePointId}`, {
      'published-min': new Date(from * 1000).toISOString(), 'published-max': new Date(to * 1000).toISOString(),
    }))).text);
    expect(part).toEqual(all.filter((r) => r.start >= from && r.start < to));
  });
});
