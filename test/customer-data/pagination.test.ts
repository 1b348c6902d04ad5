import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Utility } from '../../legacy/generator/utility';
import { get, walk, type Answer } from './support/api';
import { startSystem, type System } from '../support/system';
import { allIncludes, directToken, seedClients } from './support/tokens';

/**
 * Keyset pages end to end, on Redis: a full walk forward and back returns every object exactly
 * once in order, across the several graph listings a usage request walks; the legacy calls of a
 * page do not grow with its size or depth; cached pages cost no legacy call and keep the honest
 * `cds_synced` of the fill.
 */

type Obj = Record<string, unknown>;

let system: System;
let u: Utility;
let accounts: string;
let usage: string;

beforeAll(async () => {
  system = await startSystem({ seed: 'customer-data-pages', accounts: 70, redisUrl: inject('redisUrl') });
  u = system.legacy.utility;
  const clients = await seedClients(system);
  accounts = (await directToken(system, clients, 'cds_query_accounts', allIncludes(system, 'cds_query_accounts'))).access_token;
  usage = (await directToken(system, clients, 'cds_query_usage', {
    ...allIncludes(system, 'cds_query_usage'), segment_start: '2026-07-20T07:00:00Z', segment_end: 'infinite',
  })).access_token;
}, 120_000);

afterAll(async () => { await system?.close(); });

const key = (page: Answer) => Object.keys(page.body).find((k) => k !== 'next' && k !== 'previous')!;
const itemsOf = (page: Answer) => page.body[key(page)] as Obj[];

/** Walks back from the last page with `previous` links. */
async function walkBack(token: string, last: Answer): Promise<Answer[]> {
  const pages = [last];
  let previous = last.body.previous as string | null;
  while (previous !== null) {
    const page = await get(system, token, previous);
    expect(page.status).toBe(200);
    pages.unshift(page);
    previous = page.body.previous as string | null;
  }
  return pages;
}

describe('a full walk', () => {
  it('returns every account exactly once, in the same order at any page size, forward and back', async () => {
    const whole = await walk<Obj>(system, accounts, 'accounts');
    expect(whole.items).toHaveLength(u.cis.accounts.length);
    const small = await walk<Obj>(system, accounts, 'accounts?limit=7');
    expect(small.pages).toHaveLength(Math.ceil(u.cis.accounts.length / 7));
    expect(small.items.map((a) => a.cds_account_id)).toEqual(whole.items.map((a) => a.cds_account_id));
    expect(small.pages[0].body.previous).toBeNull();
    expect(small.pages.at(-1)!.body.next).toBeNull();
    const back = await walkBack(accounts, small.pages.at(-1)!);
    expect(back.map((p) => itemsOf(p).map((a) => a.cds_account_id))).toEqual(small.pages.map((p) => itemsOf(p).map((a) => a.cds_account_id)));
  });

  it('keeps the filters in the links and refuses a cursor moved to other filters', async () => {
    const first = await get(system, accounts, 'accounts?limit=5&account_statuses=active');
    const next = new URL(first.body.next as string);
    expect(next.searchParams.get('account_statuses')).toBe('active');
    next.searchParams.set('account_statuses', 'closed');
    const moved = await get(system, accounts, `${next.pathname}${next.search}`);
    expect([moved.status, moved.body.error]).toEqual([400, 'invalid_request']);
  });

  it('walks usage segments across meters (one graph listing per run of meters) exactly once, in order, both ways', async () => {
    const account = u.cis.accounts.find((a) => u.index.agreementsByAccount.get(a.ACCT_ID).length >= 3)!;
    const path = `usage-segments?cds_account_ids=${account.ACCT_ID}&before=2026-07-25T07:00:00Z`;
    const whole = await walk<Obj>(system, usage, path);
    const meters = new Set(whole.items.map((s) => (s.related_meterdevices as string[])[0]));
    expect(meters.size).toBeGreaterThanOrEqual(2);
    // Grouped by meter, each meter's segments by time, each once.
    const seen = whole.items.map((s) => s.cds_usagesegment_id);
    expect(new Set(seen).size).toBe(seen.length);
    const order = whole.items.map((s) => `${(s.related_meterdevices as string[])[0]} ${s.segment_start}`);
    const runs = whole.items.map((s) => (s.related_meterdevices as string[])[0]).filter((m, i, all) => i === 0 || all[i - 1] !== m);
    expect(new Set(runs).size).toBe(runs.length);
    for (let i = 1; i < order.length; i++) {
      const [m0, t0] = order[i - 1].split(' ');
      const [m1, t1] = order[i].split(' ');
      if (m0 === m1) expect(Date.parse(t0)).toBeLessThan(Date.parse(t1));
    }
    const small = await walk<Obj>(system, usage, `${path}&limit=4`);
    expect(small.items.map((s) => s.cds_usagesegment_id)).toEqual(seen);
    const back = await walkBack(usage, small.pages.at(-1)!);
    expect(back.flatMap((p) => itemsOf(p).map((s) => s.cds_usagesegment_id))).toEqual(seen);
  });
});

describe('the cost of a page', () => {
  async function legacyCallsOf(path: string): Promise<{ calls: number; gateway: number; page: Answer }> {
    system.resetCounters();
    const page = await get(system, accounts, path);
    expect(page.status).toBe(200);
    return { calls: system.legacyCalls(), gateway: system.gatewayRequests(), page };
  }

  it('does not grow with the page size or the depth', async () => {
    const one = await legacyCallsOf('accounts?limit=1&q=1');
    const hundred = await legacyCallsOf('accounts?limit=60&q=1');
    expect(itemsOf(hundred.page).length).toBeGreaterThan(10);
    expect(hundred.calls).toBe(one.calls);
    expect(hundred.gateway).toBe(one.gateway);
    // A page deep in the listing costs what the first does.
    let page = (await legacyCallsOf('accounts?limit=2&account_statuses=active')).page;
    const first = system.legacyCalls();
    for (let i = 0; i < 5; i++) page = await get(system, accounts, page.body.next as string);
    const deep = await legacyCallsOf(new URL(page.body.next as string).pathname + new URL(page.body.next as string).search);
    expect(deep.calls).toBe(first);
  });

  it('is the same for 1 or 100 usage segments of a meter', async () => {
    const meter = u.mdm.meters.find((m) => m.meterId.startsWith('M') && m.installs.length === 1 && m.installs[0].removedAt === null)!;
    const year = (await directToken(system, await seedClients(system), 'cds_query_usage', { segment_start: '2025-08-01T07:00:00Z', segment_end: 'infinite' })).access_token;
    const path = `usage-segments?cds_meterdevice_ids=${meter.meterId}`;
    await get(system, year, `${path}&limit=2`); // resolves the meter's relations once (cached)
    const cost = async (limit: number) => {
      system.resetCounters();
      const page = await get(system, year, `${path}&limit=${limit}`);
      return { calls: system.legacyCalls(), items: itemsOf(page).length };
    };
    const one = await cost(1);
    const many = await cost(100);
    expect([one.items, many.items]).toEqual([1, 100]);
    expect(many.calls).toBe(one.calls);
  });
});

describe('the cache', () => {
  it('answers a repeated page without the gateway or a legacy call, with the fill\'s cds_synced', async () => {
    const path = 'accounts?limit=3&account_statuses=suspended+active+closed';
    const first = await get(system, accounts, path);
    system.resetCounters();
    const again = await get(system, accounts, path);
    expect([system.legacyCalls(), system.gatewayRequests()]).toEqual([0, 0]);
    expect(again.text).toBe(first.text);
    // cds_synced is when the data was read from the CIS: the cache fill, not now.
    for (const a of itemsOf(again)) expect(Date.parse(a.cds_synced as string)).toBeLessThan(Date.now());
  });

  it('keeps separate entries for tokens that see different fields', async () => {
    const clients = await seedClients(system);
    const bare = (await directToken(system, clients, 'cds_query_accounts', { include_account_numbers: false })).access_token;
    const narrow = itemsOf(await get(system, bare, 'accounts?limit=3'))[0];
    const wide = itemsOf(await get(system, accounts, 'accounts?limit=3'))[0];
    expect([narrow.cds_account_id, 'account_number' in narrow, 'account_number' in wide]).toEqual([wide.cds_account_id, false, true]);
  });
});
