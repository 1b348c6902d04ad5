import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionStubs, statementSlots } from '../../legacy/generator';
import type { CisAccount } from '../../legacy/cis/records';
import type { Utility } from '../../legacy/generator/utility';
import { Decimal, type JsonDecimal } from '../../rest-facade/json';
import { get, walk } from './support/api';
import { startSystem, type System } from '../support/system';
import { allIncludes, consentToken, directToken, noIncludes, seedClients, type Clients } from './support/tokens';

/**
 * Bill Statements, Bill Sections (cds-wg3-01 §10.5, §10.6) and Energy Attribute Certificates
 * (§10.9) against the generator's billing run and registry: the spec's orders, every filter, the
 * Grant's date windows, the exact sum rule, minimisation, and the linked documents served under
 * the same authentication.
 */

type Obj = Record<string, unknown>;

let system: System;
let u: Utility;
let clients: Clients;
let statements: string;
let sections: string;
let account: CisAccount;

beforeAll(async () => {
  system = await startSystem({ seed: 'customer-data-bills', accounts: 60 });
  u = system.legacy.utility;
  clients = await seedClients(system);
  statements = (await directToken(system, clients, 'cds_query_bill_statements', {
    ...allIncludes(system, 'cds_query_bill_statements'), statement_date_start: 'infinite', statement_date_end: 'infinite',
  })).access_token;
  sections = (await directToken(system, clients, 'cds_query_bill_sections', {
    ...allIncludes(system, 'cds_query_bill_sections'), start_date: 'infinite', end_date: 'infinite',
  })).access_token;
  // An account billed for several services, so sections order by contract too.
  account = u.cis.accounts.find((a) => statementSlots(u, a).length > 12 && new Set(statementSlots(u, a).flatMap((s) => sectionStubs(u, a, s).map((x) => x.sa.SA_ID))).size >= 2)!;
}, 120_000);

afterAll(async () => { await system?.close(); });

describe('Bill Statements (§10.5)', () => {
  it('lists the account\'s issued statements, newest statement date first', async () => {
    const { items } = await walk<Obj>(system, statements, `bill-statements?cds_account_ids=${account.ACCT_ID}`);
    const slots = statementSlots(u, account);
    expect(items.map((s) => s.cds_billstatement_id).sort()).toEqual(slots.map((s) => s.STMT_ID).sort());
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]];
      expect((a.statement_date as string) > (b.statement_date as string) || (a.statement_date === b.statement_date && Date.parse(a.cds_modified as string) >= Date.parse(b.cds_modified as string))).toBe(true);
    }
    expect(new Set(items.map((s) => s.account_number))).toEqual(new Set([account.ACCT_NO]));
  });

  it('filters before/after on statement_date (inclusive), by numbers and ids', async () => {
    const slots = statementSlots(u, account);
    const [from, to] = [slots[3].stmtDate, slots[8].stmtDate];
    const { items } = await walk<Obj>(system, statements, `bill-statements?account_numbers=${account.ACCT_NO}&after=${from}&before=${to}`);
    expect(items.map((s) => s.cds_billstatement_id).sort()).toEqual(slots.slice(3, 9).map((s) => s.STMT_ID).sort());
    const ids = [slots[0].STMT_ID, slots[5].STMT_ID];
    const byId = await walk<Obj>(system, statements, `bill-statements?cds_account_ids=${account.ACCT_ID}&cds_billstatement_ids=${ids.join('+')}`);
    expect(byId.items.map((s) => s.cds_billstatement_id).sort()).toEqual([...ids].sort());
    const empty = await get(system, statements, `bill-statements?cds_account_ids=${account.ACCT_ID}&after=${to}&before=${from}`);
    expect(empty.body.bill_statements).toEqual([]);
  });

  it('keeps the sum rule exactly: previous balance unpaid + included new charges = amount due', async () => {
    const { items } = await walk<Obj>(system, statements, `bill-statements?cds_account_ids=${account.ACCT_ID}`);
    for (const s of items) {
      const charges = (s.new_charges as Obj[]).filter((c) => c.included_in_amount_due).reduce((sum, c) => sum.plus((c.amount as JsonDecimal).toDecimal()), new Decimal(0));
      expect((s.previous_balance_unpaid as JsonDecimal).toDecimal().plus(charges).toFixed()).toBe((s.amount_due as JsonDecimal).toDecimal().toFixed());
    }
  });

  it('limits statements to the Grant\'s statement dates', async () => {
    const slots = statementSlots(u, account);
    const since = slots[slots.length - 4].stmtDate;
    const recent = (await directToken(system, clients, 'cds_query_bill_statements', { statement_date_start: since, statement_date_end: 'infinite' })).access_token;
    const { items } = await walk<Obj>(system, recent, `bill-statements?cds_account_ids=${account.ACCT_ID}`);
    expect(items.map((s) => s.cds_billstatement_id).sort()).toEqual(slots.slice(-4).map((s) => s.STMT_ID).sort());
  });

  it('serves the statement file under the same authentication, only to tokens that may see it', async () => {
    const [first] = (await get(system, statements, `bill-statements?cds_account_ids=${account.ACCT_ID}&limit=1`)).body.bill_statements as Obj[];
    expect(first.file_mimetype).toBe('application/pdf');
    const file = await fetch(first.file_uri as string, { headers: { authorization: `Bearer ${statements}` } });
    expect([file.status, file.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch(first.file_uri as string)).status).toBe(401);
    const bare = (await directToken(system, clients, 'cds_query_bill_statements', { ...noIncludes(system, 'cds_query_bill_statements'), statement_date_start: 'infinite' })).access_token;
    const [hidden] = (await get(system, bare, `bill-statements?cds_account_ids=${account.ACCT_ID}&limit=1`)).body.bill_statements as Obj[];
    for (const field of ['file_uri', 'file_mimetype', 'new_charges', 'previous_balance_amount', 'account_programs']) expect(hidden).not.toHaveProperty(field);
    const refused = await fetch(first.file_uri as string, { headers: { authorization: `Bearer ${bare}` } });
    expect(refused.status).toBe(404);
  });
});

describe('Bill Sections (§10.6)', () => {
  const stubsOf = (a: CisAccount) => statementSlots(u, a).flatMap((slot) => sectionStubs(u, a, slot));

  it('lists the account\'s sections ordered by contract number, start date', async () => {
    const { items } = await walk<Obj>(system, sections, `bill-sections?cds_account_ids=${account.ACCT_ID}`);
    const stubs = stubsOf(account);
    expect(items.map((s) => s.cds_billsection_id).sort()).toEqual(stubs.map((s) => s.SECT_ID).sort());
    const key = (s: Obj) => {
      const stub = stubs.find((x) => x.SECT_ID === s.cds_billsection_id)!;
      return `${stub.sa.SA_NO} ${s.start_date}`;
    };
    const keys = items.map(key);
    expect(keys).toEqual([...keys].sort());
  });

  it('filters before (start_date ≤) and after (end_date ≥), by contracts and statements', async () => {
    const stubs = stubsOf(account);
    const [after, before] = ['2025-09-10', '2025-12-31'];
    const { items } = await walk<Obj>(system, sections, `bill-sections?cds_account_ids=${account.ACCT_ID}&after=${after}&before=${before}`);
    expect(items.map((s) => s.cds_billsection_id).sort()).toEqual(stubs.filter((s) => s.from <= before && s.to >= after).map((s) => s.SECT_ID).sort());
    const sa = stubs[0].sa;
    const byContract = await walk<Obj>(system, sections, `bill-sections?cds_servicecontract_ids=${sa.SA_ID}`);
    expect(byContract.items.map((s) => s.cds_billsection_id).sort()).toEqual(stubs.filter((s) => s.sa.SA_ID === sa.SA_ID).map((s) => s.SECT_ID).sort());
    const byNumber = await walk<Obj>(system, sections, `bill-sections?contract_numbers=${sa.SA_NO}`);
    expect(byNumber.items.map((s) => s.cds_billsection_id)).toEqual(byContract.items.map((s) => s.cds_billsection_id));
    const slot = statementSlots(u, account)[2];
    const byStatement = await walk<Obj>(system, sections, `bill-sections?cds_account_ids=${account.ACCT_ID}&cds_billstatement_ids=${slot.STMT_ID}`);
    expect(byStatement.items.map((s) => s.cds_billsection_id).sort()).toEqual(sectionStubs(u, account, slot).map((s) => s.SECT_ID).sort());
  });

  it('shows line items and exact decimals only with their include field; the statement id only when visible', async () => {
    const [withItems] = (await get(system, sections, `bill-sections?cds_account_ids=${account.ACCT_ID}&after=2026-06-01&limit=1`)).body.bill_sections as Obj[];
    expect((withItems.line_items as Obj[]).length).toBeGreaterThan(0);
    const total = (withItems.line_items as Obj[]).reduce((sum, l) => sum.plus((l.cost as JsonDecimal).toDecimal()), new Decimal(0));
    expect(total.isFinite()).toBe(true);
    // cds_query_bill_sections does not reach Bill Statements: the statement id is null (§10.6.1).
    expect(withItems.cds_billstatement_id).toBeNull();
    const customer = account.CUST_ID;
    const mine = u.index.accountsByCustomer.get(customer).map((a) => a.ACCT_ID);
    const withStatements = await consentToken(system, clients, {
      scope: 'cds_service_bills', customerId: customer,
      entry: { include_bill_statements: true, statement_date_start: 'infinite', start_date: 'infinite' },
      selection: { type: 'account_selection', selected: mine, include_future: false, offered: mine },
    });
    const [visible] = (await get(system, withStatements.access_token, `bill-sections?cds_account_ids=${account.ACCT_ID}&after=2026-06-01&limit=1`)).body.bill_sections as Obj[];
    expect(visible.cds_billstatement_id).toBe((visible.cds_billsection_id as string).replace(/-\d{2}$/, ''));
    const bare = (await directToken(system, clients, 'cds_query_bill_sections', { ...noIncludes(system, 'cds_query_bill_sections'), start_date: 'infinite' })).access_token;
    const [plain] = (await get(system, bare, `bill-sections?cds_account_ids=${account.ACCT_ID}&after=2026-06-01&limit=1`)).body.bill_sections as Obj[];
    expect([plain.line_items, plain.service_programs, plain.cds_billstatement_id]).toEqual([undefined, undefined, null]);
    expect([plain.related_servicecontracts, plain.related_meterdevices]).toEqual([[], []]);
  });
});

describe('Energy Attribute Certificates (§10.9)', () => {
  let token: string;
  beforeAll(async () => {
    token = (await directToken(system, clients, 'cds_query_usage', {
      ...allIncludes(system, 'cds_query_usage'), include_eacs: true, segment_start: 'infinite', segment_end: 'infinite',
    })).access_token;
  });

  it('lists every certificate, newest period first, then created, then id', async () => {
    const { items } = await walk<Obj>(system, token, 'eacs');
    expect(items.map((e) => e.cds_eac_id).sort()).toEqual(u.eac.certificates.map((c) => c.certificate_id).sort());
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]];
      const order = Date.parse(b.period_start as string) - Date.parse(a.period_start as string)
        || Date.parse(b.cds_created as string) - Date.parse(a.cds_created as string)
        || ((a.cds_eac_id as string) < (b.cds_eac_id as string) ? -1 : 1);
      expect(order).toBeLessThan(0);
    }
  });

  it('filters by numbers, beneficiaries and period, and serves the data under the same authentication', async () => {
    const c = u.eac.certificates.find((x) => x.beneficiary_kind === 'ACCOUNT')!;
    const byNumber = await walk<Obj>(system, token, `eacs?eac_numbers=${c.serial_numbers[0]}`);
    expect(byNumber.items.map((e) => e.cds_eac_id)).toEqual([c.certificate_id]);
    const byBeneficiary = await walk<Obj>(system, token, `eacs?beneficiaries=${c.beneficiary_refs[0]}`);
    expect(byBeneficiary.items.map((e) => e.cds_eac_id).sort()).toEqual(u.eac.certificates.filter((x) => x.beneficiary_refs.includes(c.beneficiary_refs[0])).map((x) => x.certificate_id).sort());
    const during = await walk<Obj>(system, token, `eacs?after=${c.vintage_end}&before=${c.vintage_start}`);
    expect(during.items.every((e) => e.period_start as string <= c.vintage_start && e.period_end as string >= c.vintage_end)).toBe(true);
    const data = await fetch(byNumber.items[0].eac_data_url as string, { headers: { authorization: `Bearer ${token}` } });
    expect(data.status).toBe(200);
    expect((await fetch(byNumber.items[0].eac_data_url as string)).status).toBe(401);
  });
});
