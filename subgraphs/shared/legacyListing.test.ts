import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startLegacySystems, type LegacySystems } from '../../legacy';
import { LegacyClient } from './legacyClient';
import { keyChunks, keyList, LEGACY_MAX_KEYS, listingQuery, resuming, type LegacyListing } from './legacyListing';
import type { LegacyPosition } from './legacyPaging';

/** The one listing convention of the CIS and the MDM, spoken to both simulators over HTTP. */

let legacy: LegacySystems;
let cis: LegacyClient;
let mdm: LegacyClient;

const cisPage = z.object({ ROWS: z.array(z.object({ ACCT_ID: z.string(), ACCT_STAT_CD: z.string() })), NEXT_CURSOR: z.string().nullable() });
const mdmPage = z.object({ items: z.array(z.object({ meterId: z.string(), technology: z.string() })), nextCursor: z.string().nullable() });

beforeAll(async () => {
  legacy = await startLegacySystems({ seed: 'legacy-listing', accounts: 60, asOf: '2026-04-10', timezone: 'UTC', external: { billing: true, eac: true } });
  cis = new LegacyClient({ system: 'CIS', baseUrl: legacy.cis!.url });
  mdm = new LegacyClient({ system: 'MDM', baseUrl: legacy.mdm!.url });
});
afterAll(() => legacy?.close());

const start = (limit: number): LegacyPosition => ({ position: null, limit });

describe('listingQuery', () => {
  it('filters each system by lists and OR groups, and pages both with its own cursor', async () => {
    const accounts = legacy.utility.cis.accounts;
    const ids = accounts.slice(0, 20).map((a) => a.ACCT_ID);
    const listing: LegacyListing = { filters: { ACCT_ID: ids, ACCT_STAT_CD: undefined }, anyOf: [[['ACCT_STAT_CD', 'A'], ['ACCT_STAT_CD', 'C']]] };
    const seen: string[] = [];
    let at = start(3);
    for (;;) {
      const { body } = await cis.getJson('/cis/v1/accounts', listingQuery(listing, at), cisPage);
      seen.push(...body.ROWS.map((r) => r.ACCT_ID));
      if (!body.NEXT_CURSOR) break;
      at = { position: body.NEXT_CURSOR, limit: 3 };
    }
    const expected = accounts.filter((a) => ids.includes(a.ACCT_ID) && ['A', 'C'].includes(a.ACCT_STAT_CD)).map((a) => a.ACCT_ID);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(ids.length);
    expect(seen.sort()).toEqual(expected.sort());

    const meter = legacy.utility.mdm.meters[0];
    const byNumber = await mdm.getJson('/mdm/v1/meters', listingQuery({ filters: {}, q: meter.serialNumber.toLowerCase(), qFields: ['serialNumber'] }, start(10)), mdmPage);
    expect(byNumber.body.items.map((m) => m.meterId)).toEqual([meter.meterId]);
  });

  it('leaves out what the listing does not set', () => {
    expect(listingQuery({ filters: { A: undefined }, anyOf: [], q: null, qFields: ['X'] }, start(5))).toEqual({ limit: 5 });
    expect(listingQuery({ filters: { A: ['1', '2'] }, q: 'x' }, { position: 'p', limit: 5 })).toEqual({ limit: 5, A: '1,2', q: 'x', cursor: 'p' });
  });
});

describe('keyList and keyChunks', () => {
  it('refuses more values than the legacy systems take, and splits lookups at that size', () => {
    const keys = Array.from({ length: 2 * LEGACY_MAX_KEYS + 1 }, (_, i) => `k${i}`);
    expect(keyList(keys.slice(0, LEGACY_MAX_KEYS))).toContain(',');
    expect(() => keyList(keys.slice(0, LEGACY_MAX_KEYS + 1))).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    const chunks = keyChunks(keys);
    expect(chunks.map((c) => c.length)).toEqual([LEGACY_MAX_KEYS, LEGACY_MAX_KEYS, 1]);
    expect(chunks.flat()).toEqual(keys);
    expect(keyChunks([])).toEqual([]);
  });
});

describe('resuming', () => {
  it('reads a cursor the legacy system refuses as an invalid cursor, other failures as they are', async () => {
    const bad: LegacyPosition = { position: 'not-a-cursor', limit: 5 };
    for (const [client, path, schema] of [[cis, '/cis/v1/accounts', cisPage], [mdm, '/mdm/v1/meters', mdmPage]] as const) {
      await expect(resuming(bad, () => client.getJson(path, listingQuery({ filters: {} }, bad), schema)))
        .rejects.toMatchObject({ message: 'invalid cursor', extensions: { code: 'BAD_USER_INPUT' } });
    }
    // Without a cursor a 400 is the system's own answer (here: a column it does not filter by).
    await expect(resuming(start(5), () => cis.getJson('/cis/v1/accounts', { ...listingQuery({ filters: {} }, start(5)), or: 'NOPE:1' }, cisPage)))
      .rejects.toMatchObject({ extensions: { code: 'LEGACY_ERROR', system: 'CIS', status: 400 } });
  });
});
