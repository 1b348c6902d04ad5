import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUtility } from '../generator/generate';
import { testCustomers } from '../generator/profiles';
import type { RunningSimulator } from '../sim/server';
import { getJson, postJson, withQuery } from '../testing';
import type { CisAccount, CisServiceAgreement, CisServicePoint } from './records';
import { startCisSimulator } from './server';

const u = generateUtility({ seed: 'cis-test', accounts: 260, asOf: '2026-06-01', timezone: 'America/Los_Angeles' });
let cis: RunningSimulator;
const url = (path: string, query: Record<string, string | number | undefined> = {}) => withQuery(`${cis.url}/cis/v1/${path}`, query);

beforeAll(async () => {
  cis = await startCisSimulator(u);
});
afterAll(() => cis?.close());

/** Every row of a listing, following NEXT_CURSOR. */
async function all<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const { status, body } = await getJson(url(path, { ...query, cursor }));
    expect(status).toBe(200);
    rows.push(...body.ROWS);
    cursor = body.NEXT_CURSOR ?? undefined;
  } while (cursor);
  return rows;
}

const newestFirst = (a: { UPD_DTTM: string }, b: { UPD_DTTM: string }, ida: string, idb: string) =>
  a.UPD_DTTM > b.UPD_DTTM || (a.UPD_DTTM === b.UPD_DTTM && ida < idb);

describe('CIS listings', () => {
  it('page every account newest first, each once, and page back with PREV_CURSOR', async () => {
    const rows = await all<CisAccount>('accounts', { limit: 37 });
    expect(rows).toHaveLength(260);
    expect(new Set(rows.map((r) => r.ACCT_ID)).size).toBe(260);
    for (let i = 1; i < rows.length; i++) expect(newestFirst(rows[i - 1], rows[i], rows[i - 1].ACCT_ID, rows[i].ACCT_ID)).toBe(true);
    const p1 = await getJson(url('accounts', { limit: 37 }));
    const p2 = await getJson(url('accounts', { limit: 37, cursor: p1.body.NEXT_CURSOR }));
    const back = await getJson(url('accounts', { limit: 37, cursor: p2.body.PREV_CURSOR }));
    expect(back.body.ROWS).toEqual(p1.body.ROWS);
    expect(back.body.PREV_CURSOR).toBeNull();
  });

  it('filter inside the call: exact matches, comma lists (OR), several parameters (AND), array columns', async () => {
    const closed = await all<CisAccount>('accounts', { ACCT_STAT_CD: 'C,S' });
    expect(closed.length).toBe(u.cis.accounts.filter((a) => a.ACCT_STAT_CD === 'C' || a.ACCT_STAT_CD === 'S').length);
    const care = await all<CisAccount>('accounts', { PROG_CD: 'CARE', ACCT_CLASS_CD: 'RES' });
    expect(care.length).toBeGreaterThan(0);
    expect(care.every((a) => a.PROGRAMS.some((p) => p.PROG_CD === 'CARE') && a.ACCT_CLASS_CD === 'RES')).toBe(true);
    const supply = await all<CisServiceAgreement>('service-agreements', { SVC_ROLE_CDS: 'SUPP', SVC_TYPE_CD: 'E' });
    expect(supply.length).toBe(u.cis.serviceAgreements.filter((s) => s.SVC_ROLE_CDS.includes('SUPP') && s.SVC_TYPE_CD === 'E').length);
  });

  it('combine columns with OR groups (e.g. CDS service_types electric OR residential)', async () => {
    const rows = await all<CisServiceAgreement>('service-agreements', { or: 'SVC_TYPE_CD:G,CUST_CLASS_CD:COM' });
    const expected = u.cis.serviceAgreements.filter((s) => s.SVC_TYPE_CD === 'G' || s.CUST_CLASS_CD === 'COM');
    expect(rows.map((r) => r.SA_ID).sort()).toEqual(expected.map((s) => s.SA_ID).sort());
  });

  it('narrow by id sets: customer numbers never match customers without one', async () => {
    const some = u.cis.accounts.slice(0, 5);
    const rows = await all<CisAccount>('accounts', { ACCT_NO: some.map((a) => a.ACCT_NO).join(',') });
    expect(rows.map((r) => r.ACCT_ID).sort()).toEqual(some.map((a) => a.ACCT_ID).sort());
    const withNo = u.cis.accounts.find((a) => a.CUST_NO)!;
    const byCustomer = await all<CisAccount>('accounts', { CUST_NO: withNo.CUST_NO! });
    expect(byCustomer.every((a) => a.CUST_ID === withNo.CUST_ID)).toBe(true);
    expect(await all('accounts', { CUST_NO: 'null' })).toEqual([]);
  });

  it('search case-insensitively, over all searchable columns or only those in q_fields', async () => {
    const a = u.cis.accounts.find((x) => x.ACCT_CLASS_CD === 'RES')!;
    const email = a.CONTACTS.find((c) => c.CONTACT_TYPE_CD === 'EMAL')!.CONTACT_VAL;
    const hits = await all<CisAccount>('accounts', { q: email.toUpperCase() });
    expect(hits.map((r) => r.ACCT_ID)).toContain(a.ACCT_ID);
    expect(await all('accounts', { q: email, q_fields: 'ACCT_NAME,ACCT_NO' })).toEqual([]);
    const sp = u.cis.servicePoints.find((s) => s.ADDR_LINE2)!;
    const byAddr = await all<CisServicePoint>('service-points', { q: sp.ADDR_LINE2!.toLowerCase(), q_fields: 'ADDR' });
    expect(byAddr.every((s) => [s.ADDR_LINE1, s.ADDR_LINE2, s.CITY].join(' ').toLowerCase().includes(sp.ADDR_LINE2!.toLowerCase()))).toBe(true);
  });

  it('list service points by current and previous agreements, and groups by member', async () => {
    const moved = u.cis.servicePoints.find((s) => s.PREV_SA_IDS.length && s.CUR_SA_IDS.length)!;
    expect((await all<CisServicePoint>('service-points', { PREV_SA_ID: moved.PREV_SA_IDS[0] })).map((s) => s.SP_ID)).toEqual([moved.SP_ID]);
    expect(await all('service-points', { CUR_SA_ID: moved.PREV_SA_IDS[0] })).toEqual([]);
    const groups = await all<{ GRP_TYPE_CD: string }>('groups', { MEMBER_SP_ID: moved.SP_ID });
    expect(groups.length).toBeGreaterThan(0);
  });
});

describe('CIS lookups', () => {
  it('batch by ids and numbers, and by relationships (agreements of accounts, service points of agreements)', async () => {
    const accounts = u.cis.accounts.slice(10, 14);
    const byNo = await postJson(url('accounts/lookup'), { BY: 'ACCT_NO', KEYS: accounts.map((a) => a.ACCT_NO) });
    expect(byNo.body.ROWS).toEqual(accounts);
    const sas = await postJson(url('service-agreements/lookup'), { BY: 'ACCT_ID', KEYS: accounts.map((a) => a.ACCT_ID) });
    expect(sas.body.ROWS.length).toBe(accounts.flatMap((a) => u.index.agreementsByAccount.get(a.ACCT_ID)).length);
    const sps = await postJson(url('service-points/lookup'), { BY: 'SA_ID', KEYS: sas.body.ROWS.map((s: CisServiceAgreement) => s.SA_ID) });
    expect(new Set(sps.body.ROWS.map((s: CisServicePoint) => s.SP_ID))).toEqual(new Set(sas.body.ROWS.map((s: CisServiceAgreement) => s.SP_ID)));
    const missing = await postJson(url('customers/lookup'), { BY: 'CUST_ID', KEYS: ['does-not-exist'] });
    expect(missing.body.ROWS).toEqual([]);
  });

  it('serve the catalogues', async () => {
    expect((await getJson(url('rates', { RATE_CD: 'E-TOU-C' }))).body.ROWS[0].TOU_PERIODS.length).toBeGreaterThan(0);
    expect((await getJson(url('programs'))).body.ROWS.length).toBe(u.cis.programs.length);
    expect((await getJson(url('entities'))).body.ROWS.map((e: { ENTITY_ID: string }) => e.ENTITY_ID)).toContain('ENT-BCP');
  });
});

describe('CIS online profiles', () => {
  const demo = testCustomers(u).find((t) => t.key === 'solar')!;

  it('authenticate the demo credentials, case-insensitive user name, and return the customer', async () => {
    const ok = await postJson(url('web-profiles/authenticate'), { USER_NAME: demo.USER_NAME.toUpperCase(), PASSWORD: demo.PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.CUST_ID).toBe(demo.CUST_ID);
    expect(ok.body).not.toHaveProperty('PASSWORD');
  });

  it('refuse a wrong password, an unknown user and a locked profile with 401', async () => {
    expect((await postJson(url('web-profiles/authenticate'), { USER_NAME: demo.USER_NAME, PASSWORD: `${demo.PASSWORD}x` })).status).toBe(401);
    expect((await postJson(url('web-profiles/authenticate'), { USER_NAME: 'nobody', PASSWORD: 'x' })).status).toBe(401);
    const lookup = await postJson(url('web-profiles/lookup'), { BY: 'CUST_ID', KEYS: [demo.CUST_ID] });
    expect(lookup.body.ROWS.map((p: { USER_NAME: string }) => p.USER_NAME)).toEqual([demo.USER_NAME]);
  });
});

describe('CIS bad requests', () => {
  it.each([
    ['unknown parameter', 'accounts', { BOGUS: 1 }, /unknown parameter BOGUS/],
    ['limit too large', 'accounts', { limit: 101 }, /limit/],
    ['limit not a number', 'accounts', { limit: 'ten' }, /limit/],
    ['garbage cursor', 'accounts', { cursor: 'abc' }, /cursor/],
    ['q_fields without q', 'accounts', { q_fields: 'ACCT_NO' }, /q_fields needs q/],
    ['unsearchable q field', 'accounts', { q: 'a', q_fields: 'SECRET' }, /not searchable/],
    ['bad OR group', 'service-agreements', { or: 'NOPE:1' }, /COLUMN:VALUE/],
    ['empty list', 'accounts', { ACCT_ID: ',' }, /ACCT_ID/],
  ] as const)('%s → 400 in the CIS error style', async (_name, path, query, message) => {
    const r = await getJson(url(path, query));
    expect(r.status).toBe(400);
    expect(r.body.ERROR.MSG_NBR).toBe(400);
    expect(r.body.ERROR.MSG_TEXT).toMatch(message);
  });

  it('refuses a cursor replayed with other filters', async () => {
    const first = await getJson(url('accounts', { limit: 5 }));
    const r = await getJson(url('accounts', { limit: 5, ACCT_STAT_CD: 'A', cursor: first.body.NEXT_CURSOR }));
    expect(r.status).toBe(400);
    expect(r.body.ERROR.MSG_TEXT).toMatch(/other filters/);
  });

  it('rejects bad lookup bodies', async () => {
    for (const body of [{ BY: 'ACCT_NAME', KEYS: ['x'] }, { BY: 'ACCT_ID', KEYS: [] }, { BY: 'ACCT_ID', KEYS: Array(1001).fill('x') }, { BY: 'ACCT_ID' }, 'not json']) {
      const r = await postJson(url('accounts/lookup'), body);
      expect(r.status).toBe(400);
      expect(r.body.ERROR.MSG_NBR).toBe(400);
    }
    expect((await postJson(url('web-profiles/authenticate'), { USER_NAME: 'x' })).status).toBe(400);
  });
});
