import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config';
import type { BillSectionHeader, BillSectionRecord, BillUsageRecord } from './billing/records';
import { addDays } from './generator/calendar';
import { startLegacySystems, type LegacySystems } from './index';
import { feedReadings, getJson, getText, postJson, withQuery } from './testing';

/** The four simulators together, over real HTTP: what billing bills is what the MDM serves. */

let legacy: LegacySystems;
const iso = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6)}`;

beforeAll(async () => {
  legacy = await startLegacySystems({
    seed: 'cross-system', accounts: 120, asOf: '2026-04-10', timezone: 'America/Los_Angeles',
    greenButtonDir: loadConfig({}).config.GREENBUTTON_DIR,
  });
});
afterAll(() => legacy?.close());

describe('startLegacySystems', () => {
  it('starts the four simulators on loopback ports over one utility', () => {
    for (const sim of [legacy.cis, legacy.mdm, legacy.billing, legacy.eac]) expect(sim!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(legacy.utility.cis.accounts).toHaveLength(120);
    expect(legacy.greenButtonMeters.length).toBeGreaterThan(0);
  });

  it('skips systems marked external', async () => {
    const partial = await startLegacySystems({ seed: 'x', accounts: 40, asOf: '2026-04-10', timezone: 'UTC', external: { cis: true, billing: true } });
    try {
      expect(partial.cis).toBeNull();
      expect(partial.billing).toBeNull();
      expect((await getJson(`${partial.mdm!.url}/_sim/counters`)).status).toBe(200);
    } finally {
      await partial.close();
    }
  });

  it('bills exactly the interval readings the MDM serves as ESPI for the billing period', async () => {
    const u = legacy.utility;
    // Bills of test customers with different meters and rates: net metering, gas+electric+water, CCA, EV with a swap.
    const keys = ['solar', 'gas_electric_water', 'cca', 'ev_meter_swap', 'enterprise'];
    const accounts = u.testCustomers.filter((t) => keys.includes(t.key)).flatMap((t) => u.index.accountsByCustomer.get(t.CUST_ID));
    let checked = 0;
    for (const account of accounts) {
      const { status, body } = await getJson(withQuery(`${legacy.billing!.url}/billing/v1/sections`, { ACCT_ID: account.ACCT_ID, START_TO: '20260331', END_FROM: '20251201', MAX: 100 }));
      expect(status).toBe(200);
      const records = body.RECORDS as BillSectionRecord[];
      for (const header of records.filter((r): r is BillSectionHeader => r.RT === 'S')) {
        const usage = records.filter((r): r is BillUsageRecord => r.RT === 'U' && r.SECT_ID === header.SECT_ID);
        const window = {
          'published-min': new Date(u.calendar.startOf(iso(header.PER_FROM)) * 1000).toISOString(),
          'published-max': new Date(u.calendar.startOf(addDays(iso(header.PER_TO), 1)) * 1000).toISOString(),
        };
        const meters = (await postJson(`${legacy.mdm!.url}/mdm/v1/meters/lookup`, { by: 'meterId', keys: header.METER_IDS })).body.items;
        let delivered = 0n;
        let received = 0n;
        for (const meter of meters) {
          const feed = await getText(withQuery(`${legacy.mdm!.url}/espi/1_1/resource/Batch/UsagePoint/${meter.usagePointId}`, window));
          expect(feed.status).toBe(200);
          expect(feed.type).toMatch(/application\/atom\+xml/);
          for (const r of feedReadings(feed.text)) {
            if (r.meterReading === '01') delivered += r.value;
            else received += r.value;
          }
        }
        const div = header.SVC_TYPE_CD === 'E' ? 1000 : header.SVC_TYPE_CD === 'G' ? 100 : 1;
        const billed = usage.filter((r) => r.USG_CD === 'TOT').reduce((s, r) => s.add(r.QTY), new Decimal(0));
        expect(billed.mul(div).toFixed(), header.SECT_ID).toBe(delivered.toString());
        const rcv = usage.find((r) => r.DIR_CD === 'RCV');
        if (rcv) expect(new Decimal(rcv.QTY).neg().mul(1000).toFixed()).toBe(received.toString());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('shares one utility: a change posted to one simulator is seen by the others', async () => {
    const change = await postJson(`${legacy.billing!.url}/_sim/changes`, { kind: 'move_out' });
    expect(change.status).toBe(200);
    const created = change.body.changed.find((c: { table: string; action: string }) => c.table === 'ACCOUNT' && c.action === 'created');
    const newest = await getJson(withQuery(`${legacy.cis!.url}/cis/v1/accounts`, { limit: 2 }));
    expect(newest.body.ROWS.map((r: { ACCT_ID: string }) => r.ACCT_ID)).toContain(created.id);
    expect(newest.body.ROWS.every((r: { UPD_DTTM: string }) => r.UPD_DTTM === change.body.at)).toBe(true);
  });
});
