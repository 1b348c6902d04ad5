import { z } from 'zod';
import { billTimestamp, sectionDetail, sectionStubs, statementDetails, statementSlots, type SectionStub, type StatementSlot } from '../generator/bills';
import type { CisAccount } from '../cis/records';
import type { Utility } from '../generator/utility';
import { keysetPage, type SortKey } from '../sim/keyset';
import { badRequest, compactDate, limit, list, notFound, parseParams, single } from '../sim/params';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../sim/server';
import { renderPdf, statementLines } from './pdf';
import type { BillError, BillExport, BillSectionRecord, BillStatementRecord } from './records';

/** The billing simulator: flat export records keyed by account/agreement with date windows (see legacy/README.md). */

const RC: Record<number, string> = { 400: '12', 404: '16', 409: '14' };

export function billingError(status: number, message: string): BillError {
  return { RC: RC[status] ?? '20', MSG: message };
}

const compact = (date: string) => date.replaceAll('-', '');
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

const statementQuery = z.object({
  ACCT_ID: list.optional(), ACCT_NO: list.optional(), STMT_ID: list.optional(),
  FROM: compactDate.optional(), TO: compactDate.optional(), MAX: limit(100, 100), RESUME: single.optional(),
}).strict();

const sectionQuery = z.object({
  ACCT_ID: list.optional(), ACCT_NO: list.optional(), SA_ID: list.optional(), SA_NO: list.optional(),
  STMT_ID: list.optional(), SECT_ID: list.optional(),
  START_TO: compactDate.optional(), END_FROM: compactDate.optional(), MAX: limit(100, 100), RESUME: single.optional(),
}).strict();

/**
 * STMT_ID = `<ACCT_ID>-<YYYYMMDD>` and SECT_ID = `<STMT_ID>-<NN>` both start with the billed
 * account; the suffix is cut off from the end, as an account id may hold a '-' itself.
 */
export const accountOfStatement = (id: string) => id.replace(/-\d{8}(?:-\d{2})?$/, '');

/** Statement order: STMT_DT desc, UPD_TS desc, STMT_ID asc. */
function statementOrder(a: SortKey, b: SortKey) {
  return cmp(b[0], a[0]) || cmp(b[1], a[1]) || cmp(a[2], b[2]);
}

/** Section order: ACCT_NO asc, SA_NO asc (null last), PER_FROM asc, UPD_TS desc, SECT_ID asc. */
function sectionOrder(a: SortKey, b: SortKey) {
  return cmp(a[0], b[0]) || cmp(a[1], b[1]) || cmp(a[2], b[2]) || cmp(b[3], a[3]) || cmp(a[4], b[4]);
}

export async function startBillingSimulator(utility: Utility, options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const ix = utility.index;
  /** The account whose statements carry this account's service (a child's parent). */
  const billedAccount = (a: CisAccount | undefined) => (a?.ACCT_ROLE_CD === 'CHLD' && a.PARENT_ACCT_ID ? ix.account.get(a.PARENT_ACCT_ID) : a);
  const slotsOf = (accounts: (CisAccount | undefined)[]) => {
    const seen = new Set<CisAccount>();
    for (const a of accounts) if (a) seen.add(a);
    return [...seen].flatMap((a) => statementSlots(utility, a).map((slot) => ({ account: a, slot })));
  };

  const statements = (query: Record<string, unknown>): BillExport<BillStatementRecord> => {
    const q = parseParams(statementQuery, query);
    if (!q.ACCT_ID && !q.ACCT_NO && !q.STMT_ID) throw badRequest('give at least one of ACCT_ID, ACCT_NO, STMT_ID');
    const accounts = q.ACCT_ID ? q.ACCT_ID.map((id) => ix.account.get(id))
      : q.ACCT_NO ? q.ACCT_NO.map((no) => ix.accountByNo.get(no))
      : q.STMT_ID!.map((id) => ix.account.get(accountOfStatement(id)));
    const ids = q.STMT_ID && new Set(q.STMT_ID);
    const acctIds = q.ACCT_ID && new Set(q.ACCT_ID);
    const acctNos = q.ACCT_NO && new Set(q.ACCT_NO);
    const rows = slotsOf(accounts).filter(({ account, slot }) =>
      (!ids || ids.has(slot.STMT_ID)) && (!acctIds || acctIds.has(account.ACCT_ID)) && (!acctNos || acctNos.has(account.ACCT_NO))
      && (!q.FROM || compact(slot.stmtDate) >= q.FROM) && (!q.TO || compact(slot.stmtDate) <= q.TO));
    const key = (r: { account: CisAccount; slot: StatementSlot }): SortKey => [r.slot.stmtDate, r.slot.modified, r.slot.STMT_ID];
    rows.sort((a, b) => statementOrder(key(a), key(b)));
    const page = keysetPage({ rows, key, compare: statementOrder, limit: q.MAX, cursor: q.RESUME, scope: ['statements', { ...q, MAX: undefined, RESUME: undefined }] });
    const records = page.rows.flatMap(({ account, slot }) => {
      const stmt = statementDetails(utility, account).find((s) => s.header.STMT_ID === slot.STMT_ID)!;
      return [stmt.header, ...stmt.charges];
    });
    return { EXPORT: 'STMT', RECORDS: records, COUNT: page.rows.length, RESUME: page.next, BACK: page.prev };
  };

  const sections = (query: Record<string, unknown>): BillExport<BillSectionRecord> => {
    const q = parseParams(sectionQuery, query);
    const billed = q.ACCT_ID ? q.ACCT_ID.map((id) => billedAccount(ix.account.get(id)))
      : q.ACCT_NO ? q.ACCT_NO.map((no) => billedAccount(ix.accountByNo.get(no)))
      : q.SA_ID ? q.SA_ID.map((id) => { const sa = ix.agreement.get(id); return billedAccount(sa && ix.account.get(sa.ACCT_ID)); })
      : q.SA_NO ? q.SA_NO.map((no) => { const sa = ix.agreementByNo.get(no); return billedAccount(sa && ix.account.get(sa.ACCT_ID)); })
      : q.STMT_ID ? q.STMT_ID.map((id) => ix.account.get(accountOfStatement(id)))
      : q.SECT_ID ? q.SECT_ID.map((id) => ix.account.get(accountOfStatement(id)))
      : null;
    if (!billed) throw badRequest('give at least one of ACCT_ID, ACCT_NO, SA_ID, SA_NO, STMT_ID, SECT_ID');
    const sets = Object.fromEntries((['ACCT_ID', 'ACCT_NO', 'SA_ID', 'SA_NO', 'STMT_ID', 'SECT_ID'] as const).map((k) => [k, q[k] && new Set(q[k])]));
    const stubs: { account: CisAccount; stub: SectionStub }[] = [];
    for (const { account, slot } of slotsOf(billed)) {
      if ((q.START_TO && compact(slot.perFrom) > q.START_TO) || (q.END_FROM && compact(slot.perTo) < q.END_FROM)) continue;
      if (sets.STMT_ID && !sets.STMT_ID.has(slot.STMT_ID)) continue;
      for (const stub of sectionStubs(utility, account, slot)) {
        const owner = ix.account.get(stub.sa.ACCT_ID)!;
        if ((sets.ACCT_ID && !sets.ACCT_ID.has(owner.ACCT_ID)) || (sets.ACCT_NO && !sets.ACCT_NO.has(owner.ACCT_NO))
          || (sets.SA_ID && !sets.SA_ID.has(stub.sa.SA_ID)) || (sets.SA_NO && !sets.SA_NO.has(stub.sa.SA_NO))
          || (sets.SECT_ID && !sets.SECT_ID.has(stub.SECT_ID))
          || (q.START_TO && compact(stub.from) > q.START_TO) || (q.END_FROM && compact(stub.to) < q.END_FROM)) continue;
        stubs.push({ account, stub });
      }
    }
    const key = ({ stub }: { account: CisAccount; stub: SectionStub }): SortKey =>
      [stub.sa.ACCT_NO, stub.sa.SA_NO, stub.from, billTimestamp(stub.slot.modified), stub.SECT_ID];
    stubs.sort((a, b) => sectionOrder(key(a), key(b)));
    const page = keysetPage({ rows: stubs, key, compare: sectionOrder, limit: q.MAX, cursor: q.RESUME, scope: ['sections', { ...q, MAX: undefined, RESUME: undefined }] });
    const records = page.rows.flatMap(({ account, stub }) => {
      const d = sectionDetail(utility, account, stub);
      return [d.header, ...d.usage, ...d.costs, ...d.lines];
    });
    return { EXPORT: 'SECT', RECORDS: records, COUNT: page.rows.length, RESUME: page.next, BACK: page.prev };
  };

  return startSimulator({
    name: 'billing',
    utility,
    errorBody: billingError,
    routes: (r) => {
      r.get('/billing/v1/statements', (req) => statements(req.query as Record<string, unknown>));
      r.get('/billing/v1/sections', (req) => sections(req.query as Record<string, unknown>));
      r.get('/billing/v1/statements/:id/pdf', (req, res) => {
        parseParams(z.object({}).strict(), req.query);
        const id = String(req.params.id);
        const account = ix.account.get(accountOfStatement(id));
        const stmt = account && statementDetails(utility, account).find((s) => s.header.STMT_ID === id);
        if (!stmt) throw notFound(`no statement ${id}`);
        const name = ix.entity.get(account.ENTITY_ID)?.ENTITY_NAME ?? 'Utility';
        res.type('application/pdf').send(renderPdf(statementLines(stmt, name)));
      });
    },
  }, options);
}
