import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementDetails, statementSlots } from '../generator/bills';
import { generateUtility } from '../generator/generate';
import type { RunningSimulator } from '../sim/server';
import { getJson, withQuery } from '../testing';
import type { BillSectionHeader, BillStatementHeader } from './records';
import { accountOfStatement, startBillingSimulator } from './server';

const u = generateUtility({ seed: 'billing-test', accounts: 90, asOf: '2026-02-15', timezone: 'America/Los_Angeles' });
let billing: RunningSimulator;
const url = (path: string, query: Record<string, string | number | undefined>) => withQuery(`${billing.url}/billing/v1/${path}`, query);

beforeAll(async () => {
  billing = await startBillingSimulator(u);
});
afterAll(() => billing?.close());

const byKey = (key: string) => u.index.accountsByCustomer.get(u.testCustomers.find((t) => t.key === key)!.CUST_ID);
const headers = <T>(records: { RT: string }[], rt: string) => records.filter((r) => r.RT === rt) as T[];

describe('billing statement export', () => {
  it('pages an account\'s statements newest first with RESUME/BACK, each followed by its charge records', async () => {
    const account = byKey('solar')[0];
    const seen: BillStatementHeader[] = [];
    let resume: string | undefined;
    let pages = 0;
    do {
      const r = await getJson(url('statements', { ACCT_ID: account.ACCT_ID, MAX: 7, RESUME: resume }));
      expect(r.status).toBe(200);
      expect(r.body.EXPORT).toBe('STMT');
      const hs = headers<BillStatementHeader>(r.body.RECORDS, 'H');
      expect(r.body.COUNT).toBe(hs.length);
      for (const rec of r.body.RECORDS) expect(rec.STMT_ID).toBe(rec.RT === 'H' ? rec.STMT_ID : hs.findLast((h) => r.body.RECORDS.indexOf(h) < r.body.RECORDS.indexOf(rec))!.STMT_ID);
      seen.push(...hs);
      resume = r.body.RESUME ?? undefined;
      pages++;
    } while (resume);
    expect(seen.map((h) => h.STMT_ID)).toEqual(statementSlots(u, account).map((s) => s.STMT_ID).reverse());
    expect(pages).toBe(Math.ceil(seen.length / 7));
    expect(seen).toEqual(statementDetails(u, account).map((s) => s.header).reverse());
  });

  it('filters by statement date window and by statement id, and by account number', async () => {
    const account = byKey('multi')[0];
    const window = await getJson(url('statements', { ACCT_NO: account.ACCT_NO, FROM: '20251001', TO: '20251231' }));
    const dates = headers<BillStatementHeader>(window.body.RECORDS, 'H').map((h) => h.STMT_DT);
    expect(dates.length).toBe(3);
    expect(dates.every((d) => d >= '20251001' && d <= '20251231')).toBe(true);
    const one = await getJson(url('statements', { STMT_ID: headers<BillStatementHeader>(window.body.RECORDS, 'H')[1].STMT_ID }));
    expect(one.body.COUNT).toBe(1);
    expect(one.body.RESUME).toBeNull();
  });
});

describe('billing section export', () => {
  it('exports a child account\'s sections from its parent\'s statements, ordered by account, agreement, period', async () => {
    const [parent, ...children] = [...byKey('enterprise')].sort((a, b) => (a.ACCT_ROLE_CD === 'PRNT' ? -1 : b.ACCT_ROLE_CD === 'PRNT' ? 1 : 0));
    const child = children[0];
    const r = await getJson(url('sections', { ACCT_ID: child.ACCT_ID, END_FROM: '20251101' }));
    const hs = headers<BillSectionHeader>(r.body.RECORDS, 'S');
    expect(hs.length).toBeGreaterThan(0);
    expect(hs.every((h) => h.ACCT_ID === child.ACCT_ID && h.SECT_TYPE_CD === 'SUB' && h.STMT_ID.startsWith(parent.ACCT_ID))).toBe(true);
    expect(hs.every((h) => h.PER_TO >= '20251101')).toBe(true);
    const all = headers<BillSectionHeader>((await getJson(url('sections', { ACCT_ID: parent.ACCT_ID }))).body.RECORDS, 'S');
    expect(all).toEqual([]);
    const whole = [];
    let resume: string | undefined;
    do {
      const page = await getJson(url('sections', { ACCT_ID: children.map((c) => c.ACCT_ID).join(','), MAX: 25, RESUME: resume }));
      whole.push(...headers<BillSectionHeader>(page.body.RECORDS, 'S'));
      resume = page.body.RESUME ?? undefined;
    } while (resume);
    const key = (h: BillSectionHeader) => [h.ACCT_NO, h.SA_NO, h.PER_FROM].join('|');
    expect(whole.map(key)).toEqual([...whole].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map(key));
  });

  it('selects by overlap: START_TO bounds the period start, END_FROM the period end', async () => {
    const account = byKey('gas_electric_water')[0];
    const r = await getJson(url('sections', { ACCT_ID: account.ACCT_ID, START_TO: '20250615', END_FROM: '20250601' }));
    const hs = headers<BillSectionHeader>(r.body.RECORDS, 'S');
    expect(hs.length).toBeGreaterThan(0);
    expect(hs.every((h) => h.PER_FROM <= '20250615' && h.PER_TO >= '20250601')).toBe(true);
    expect(new Set(hs.map((h) => h.SVC_TYPE_CD))).toEqual(new Set(['E', 'G', 'W']));
    const sect = hs[0];
    const byId = await getJson(url('sections', { SECT_ID: sect.SECT_ID }));
    expect(headers<BillSectionHeader>(byId.body.RECORDS, 'S')).toEqual([sect]);
    const bySa = await getJson(url('sections', { SA_NO: sect.SA_NO!, START_TO: '20250615', END_FROM: '20250601' }));
    expect(headers<BillSectionHeader>(bySa.body.RECORDS, 'S')).toEqual([sect]);
  });
});

describe('billing statement PDFs', () => {
  it('are valid PDF files whose cross-reference table points at every object', async () => {
    const account = byKey('enterprise').find((a) => a.ACCT_ROLE_CD === 'PRNT')!;
    const id = statementSlots(u, account).at(-1)!.STMT_ID;
    const res = await fetch(`${billing.url}/billing/v1/statements/${id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const entries = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    entries.forEach((offset, i) => expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    for (const m of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = m.index! + m[0].length;
      expect(pdf.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
    }
    expect(pdf).toContain(`Statement ${id}`);
  });

  it('404 for an unknown statement', async () => {
    const r = await getJson(`${billing.url}/billing/v1/statements/123-20250101/pdf`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ RC: '16', MSG: 'no statement 123-20250101' });
  });
});

describe('account ids holding a "-"', () => {
  // A CIS may key accounts like `1-223553888`: statement and section ids then hold more than one '-'.
  const dashed = generateUtility({ seed: 'billing-dashed', accounts: 45, asOf: '2026-02-15', timezone: 'America/Los_Angeles' });
  const account = dashed.cis.accounts.find((a) => a.ACCT_ROLE_CD === 'STD' && dashed.billing.has(a.ACCT_ID) && !dashed.index.accountsByParent.get(a.ACCT_ID).length)!;
  const old = account.ACCT_ID;
  const id = `${old[0]}-${old.slice(1)}`;
  let sim: RunningSimulator;

  beforeAll(async () => {
    // Re-key the account everywhere the billing simulator looks it up.
    account.ACCT_ID = id;
    dashed.index.account.delete(old);
    dashed.index.account.set(id, account);
    for (const sa of [...dashed.index.agreementsByAccount.get(old)]) {
      sa.ACCT_ID = id;
      dashed.index.agreementsByAccount.remove(old, sa);
      dashed.index.agreementsByAccount.add(id, sa);
    }
    dashed.billing.set(id, dashed.billing.get(old)!);
    sim = await startBillingSimulator(dashed);
  });
  afterAll(() => sim?.close());

  it('the account of a statement or section id is everything before its date suffix', () => {
    expect(accountOfStatement('1-223553888-20260101')).toBe('1-223553888');
    expect(accountOfStatement('1-223553888-20260101-02')).toBe('1-223553888');
    expect(accountOfStatement('1223553888-20260101-02')).toBe('1223553888');
  });

  it('finds the statements, sections and PDF of such an account by statement and section id', async () => {
    const slot = statementSlots(dashed, account).at(-1)!;
    expect(slot.STMT_ID.startsWith(`${id}-`)).toBe(true);
    const get = (path: string, query: Record<string, string>) => getJson(withQuery(`${sim.url}/billing/v1/${path}`, query));
    const statements = await get('statements', { STMT_ID: slot.STMT_ID });
    expect(headers<BillStatementHeader>(statements.body.RECORDS, 'H').map((h) => h.STMT_ID)).toEqual([slot.STMT_ID]);
    const sections = headers<BillSectionHeader>((await get('sections', { STMT_ID: slot.STMT_ID })).body.RECORDS, 'S');
    const truth = statementDetails(dashed, account).find((s) => s.header.STMT_ID === slot.STMT_ID)!.sections.map((s) => s.header);
    expect(truth.length).toBeGreaterThan(0);
    expect(sections).toEqual(truth);
    const one = headers<BillSectionHeader>((await get('sections', { SECT_ID: truth[0].SECT_ID })).body.RECORDS, 'S');
    expect(one).toEqual([truth[0]]);
    expect((await fetch(`${sim.url}/billing/v1/statements/${slot.STMT_ID}/pdf`)).status).toBe(200);
  });
});

describe('billing bad requests', () => {
  it.each([
    ['statements without a key', 'statements', {}, /at least one of ACCT_ID/],
    ['sections without a key', 'sections', { START_TO: '20250101' }, /at least one of ACCT_ID/],
    ['impossible date', 'statements', { ACCT_ID: '1', FROM: '20250230' }, /FROM: is not a calendar date/],
    ['ISO date instead of YYYYMMDD', 'sections', { ACCT_ID: '1', END_FROM: '2025-01-01' }, /END_FROM/],
    ['MAX over 100', 'statements', { ACCT_ID: '1', MAX: 500 }, /MAX/],
    ['garbage RESUME', 'statements', { ACCT_ID: '1', RESUME: 'x' }, /cursor/],
    ['lower-case parameter', 'statements', { acct_id: '1' }, /unknown parameter acct_id/],
  ] as const)('%s → 400 with RC 12', async (_name, path, query, message) => {
    const r = await getJson(url(path, query));
    expect(r.status).toBe(400);
    expect(r.body.RC).toBe('12');
    expect(r.body.MSG).toMatch(message);
  });

  it('answers unknown accounts with an empty export, not an error', async () => {
    const r = await getJson(url('statements', { ACCT_ID: '1999999999' }));
    expect(r.body).toEqual({ EXPORT: 'STMT', RECORDS: [], COUNT: 0, RESUME: null, BACK: null });
  });
});
