import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EacCertificate } from '../../legacy/eac/records';
import type { Utility } from '../../legacy/generator/utility';
import { get, walk } from './support/api';
import { startSystem, type System } from '../support/system';
import { consentToken, seedClients, type Clients } from './support/tokens';

/**
 * Energy Attribute Certificates for a Grant that names beneficiaries (cds-wg3-01 §7.2.9): the
 * certificates retired for its Customer, Accounts and Service Contracts and the `general` ones,
 * in one §10.9.4 order across pages both ways, and nobody else's. Ground truth from the
 * generator's registry and CIS tables.
 */

type Obj = Record<string, unknown>;

let system: System;
let u: Utility;
let clients: Clients;
let token: string;
/** The certificates the Grant may see, in the listing order. */
let expected: EacCertificate[];
let mine: { customer: string; accounts: Set<string>; contracts: Set<string> };

/** §10.9.4: period start descending, then created descending, then id. */
const order = (a: EacCertificate, b: EacCertificate) =>
  (a.vintage_start !== b.vintage_start ? (a.vintage_start < b.vintage_start ? 1 : -1)
    : a.issued_at !== b.issued_at ? (a.issued_at < b.issued_at ? 1 : -1)
      : a.certificate_id < b.certificate_id ? -1 : 1);

const ids = (items: Obj[]) => items.map((e) => e.cds_eac_id);

beforeAll(async () => {
  system = await startSystem({ seed: 'customer-data-eacs', accounts: 60 });
  u = system.legacy.utility;
  clients = await seedClients(system);
  // The rooftop-solar test Customer's bidirectional meter, shared with its usage and certificates.
  const customerId = u.testCustomers.find((t) => t.key === 'solar')!.CUST_ID;
  const accounts = u.index.accountsByCustomer.get(customerId);
  const contracts = accounts.flatMap((a) => u.index.agreementsByAccount.get(a.ACCT_ID));
  const meter = u.mdm.meters.find((m) => m.flow === 'BIDIRECTIONAL' && m.installs.some((i) => contracts.some((sa) => sa.SP_ID === i.servicePointId)))!;
  const served = contracts.filter((sa) => meter.installs.some((i) => i.servicePointId === sa.SP_ID));
  mine = {
    customer: u.index.customer.get(customerId)!.CUST_NO!,
    accounts: new Set(served.map((sa) => sa.ACCT_ID)),
    contracts: new Set(served.map((sa) => sa.SA_ID)),
  };
  token = (await consentToken(system, clients, {
    scope: 'cds_usage', customerId,
    entry: { include_eacs: true, segment_start: 'infinite', segment_end: 'infinite', include_usage_segment_value_types: null },
    selection: { type: 'meter_device_selection', selected: [meter.meterId], include_future: false, offered: [meter.meterId] },
  })).access_token;
  const visible = (c: EacCertificate) => c.beneficiary_kind === 'GENERAL'
    || (c.beneficiary_kind === 'CUSTOMER' && c.beneficiary_refs.includes(mine.customer))
    || (c.beneficiary_kind === 'ACCOUNT' && c.beneficiary_refs.some((r) => mine.accounts.has(r)))
    || (c.beneficiary_kind === 'CONTRACT' && c.beneficiary_refs.some((r) => mine.contracts.has(r)));
  expected = u.eac.certificates.filter(visible).sort(order);
}, 120_000);

afterAll(async () => { await system?.close(); });

describe('a Grant naming beneficiaries (§7.2.9)', () => {
  it('lists its beneficiaries\' certificates and the general ones in one order, page after page', async () => {
    expect(expected.some((c) => c.beneficiary_kind === 'GENERAL')).toBe(true);
    expect(expected.some((c) => c.beneficiary_kind !== 'GENERAL')).toBe(true);
    const { items, pages } = await walk<Obj>(system, token, 'eacs?limit=7');
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.slice(0, -1).every((p) => (p.body.eacs as Obj[]).length === 7)).toBe(true);
    expect(ids(items)).toEqual(expected.map((c) => c.certificate_id));
    expect(items.filter((e) => e.beneficiary_type === 'general').every((e) => (e.beneficiaries as string[]).length === 0)).toBe(true);
  });

  it('walks back over the same pages', async () => {
    const { pages } = await walk<Obj>(system, token, 'eacs?limit=6');
    const back: Obj[][] = [];
    let previous = pages.at(-1)!.body.previous as string | null;
    while (previous !== null) {
      const page = await get(system, token, previous);
      expect(page.status).toBe(200);
      back.unshift(page.body.eacs as Obj[]);
      previous = page.body.previous as string | null;
    }
    expect(ids([...back.flat(), ...(pages.at(-1)!.body.eacs as Obj[])])).toEqual(expected.map((c) => c.certificate_id));
  });

  it('keeps the period filters on the general certificates too', async () => {
    const middle = expected[Math.floor(expected.length / 2)];
    const { items } = await walk<Obj>(system, token, `eacs?after=${middle.vintage_end}&limit=5`);
    const within = expected.filter((c) => c.vintage_end >= middle.vintage_end);
    expect(within.length).toBeLessThan(expected.length);
    expect(within.some((c) => c.beneficiary_kind === 'GENERAL')).toBe(true);
    expect(ids(items)).toEqual(within.map((c) => c.certificate_id));
  });

  it('a beneficiaries filter matches only certificates naming them (general ones name none)', async () => {
    const [account] = mine.accounts;
    const { items } = await walk<Obj>(system, token, `eacs?beneficiaries=${account}`);
    const named = expected.filter((c) => c.beneficiary_kind === 'ACCOUNT' && c.beneficiary_refs.includes(account));
    expect(ids(items)).toEqual(named.map((c) => c.certificate_id));
  });

  it('never lists another Customer\'s certificates, even when asked for them', async () => {
    const others = u.eac.certificates.filter((c) => c.beneficiary_kind === 'ACCOUNT' && !c.beneficiary_refs.some((r) => mine.accounts.has(r)));
    expect(others.length).toBeGreaterThan(0);
    const { items } = await walk<Obj>(system, token, 'eacs');
    const listed = new Set(ids(items));
    expect(others.filter((c) => listed.has(c.certificate_id))).toEqual([]);
    const asked = await get(system, token, `eacs?beneficiaries=${others[0].beneficiary_refs[0]}&cds_eac_ids=${others[0].certificate_id}`);
    expect(asked.status).toBe(200);
    expect(asked.body.eacs).toEqual([]);
  });
});
