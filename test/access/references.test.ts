import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementDetails } from '../../legacy/generator';
import { hasId, type Access } from '../../rest-facade/access';
import { makeGrant } from './support/grants';
import { startSystem, type System } from '../support/system';
import { mergeSpans, overlap, UtilityView, type Span } from './truth/view';

/**
 * What visible usage refers to is in the access too (cds-wg3-01 §7.2.6, §7.2.9): with
 * `include_bill_sections`, the Bill Sections billing the selected meter over a visible day — and no
 * older one; with `include_eacs`, the certificates retired for the contracts, accounts and customers
 * the usage relates to. Checked against the generator's own bills and certificates.
 */

let system: System;
let view: UtilityView;

beforeAll(async () => {
  system = await startSystem({ seed: 'access-references', accounts: 60, env: { ACCESS_CACHE_TTL: '0' } });
  view = new UtilityView(system.utility);
}, 120_000);
afterAll(async () => { await system?.close(); });

const compact = (date: string) => `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`;

function customer(key: string) {
  const u = system.utility;
  const id = u.testCustomers.find((t) => t.key === key)!.CUST_ID;
  const accounts = u.index.accountsByCustomer.get(id);
  const contracts = accounts.flatMap((a) => u.index.agreementsByAccount.get(a.ACCT_ID));
  return { id, accounts, contracts };
}

/** A consent usage Grant over one meter (Meter Selection) from `segmentStart` on, with the given include fields. */
async function meterUsageGrant(customerId: string, meterId: string, segmentStart: string, includes: Record<string, boolean>) {
  const made = await makeGrant(system, {
    scope: 'cds_usage', customerId, now: new Date(),
    entry: { ...includes, segment_start: segmentStart, segment_end: 'infinite', include_usage_segment_value_types: null },
    selection: { type: 'meter_device_selection', selected: [meterId], include_future: false, offered: [meterId] },
  });
  if (!made.ok) throw new Error(made.reason);
  return system.facade.context.access!.resolver.resolve({ grantIds: [made.grant.grant_id] });
}

/** Whether a Bill Section is visible through the access (its account, one of its contracts, its dates inside a part's). */
function sectionVisible(access: Access, s: { ACCT_ID: string; SA_ID: string | null; PER_FROM: string; PER_TO: string }): boolean {
  return access.bill_sections.some((p) => hasId(p.account_ids, s.ACCT_ID)
    && (p.servicecontract_ids === null || (s.SA_ID !== null && hasId(p.servicecontract_ids, s.SA_ID)))
    && (p.dates.start === null || compact(s.PER_FROM) >= p.dates.start) && (p.dates.end === null || compact(s.PER_TO) <= p.dates.end));
}

describe('what visible usage refers to', () => {
  it('include_bill_sections: the sections billing the meter over a visible day, not earlier ones nor other services', async () => {
    const u = system.utility;
    const { id, accounts, contracts } = customer('gas_electric_water');
    const electric = contracts.find((sa) => sa.SVC_TYPE_CD === 'E' && sa.END_DT === null)!;
    const meter = view.currentMeters(electric.SP_ID)[0];
    const start = '2026-05-01T07:00:00Z';
    const access = await meterUsageGrant(id, meter, start, { include_bill_sections: true });

    // Ground truth: the meter's visible spans (installed there, under this contract, from `start`).
    const visible: Span[] = mergeSpans(view.installs(meter).filter((i) => i.sp === electric.SP_ID)
      .map((i) => overlap(overlap(i.span, view.contractSpan(electric))!, { from: Date.parse(start), until: Infinity }))
      .filter((s): s is Span => s !== null));
    const sections = accounts.flatMap((a) => statementDetails(u, a)).flatMap((st) => st.sections.map((s) => s.header));
    const days = (s: { PER_FROM: string; PER_TO: string }) => view.contractSpan({ ...electric, START_DT: compact(s.PER_FROM), END_DT: compact(s.PER_TO) });
    const referenced = sections.filter((s) => s.METER_IDS.includes(meter) && visible.some((v) => overlap(v, days(s)) !== null));
    const others = sections.filter((s) => !referenced.includes(s));
    expect(referenced.length).toBeGreaterThan(1);
    expect(others.some((s) => s.SA_ID === electric.SA_ID)).toBe(true);
    expect(others.some((s) => s.SA_ID !== electric.SA_ID)).toBe(true);
    for (const s of referenced) expect(sectionVisible(access, s), s.SECT_ID).toBe(true);
    for (const s of others) expect(sectionVisible(access, s), s.SECT_ID).toBe(false);
    // Nothing else of the Customer's becomes visible through it.
    expect(access.accounts.flatMap((p) => (p.ids.all ? ['*'] : p.ids.ids))).toEqual([]);
  });

  it('include_eacs: the certificates retired for the contracts, accounts and customers the usage relates to', async () => {
    const u = system.utility;
    const { id, accounts, contracts } = customer('solar');
    const meter = u.mdm.meters.find((m) => m.flow === 'BIDIRECTIONAL' && m.installs.some((i) => contracts.some((sa) => sa.SP_ID === i.servicePointId)))!;
    const access = await meterUsageGrant(id, meter.meterId, 'infinite', { include_eacs: true });
    const [part] = access.eacs;
    expect(part.general).toBe(true);
    if (part.beneficiaries.all) throw new Error('a consent Grant never sees every certificate');
    const served = contracts.filter((sa) => meter.installs.some((i) => i.servicePointId === sa.SP_ID));
    expect(part.beneficiaries.servicecontract).toEqual(expect.arrayContaining(served.map((sa) => sa.SA_ID)));
    expect(part.beneficiaries.account).toEqual(expect.arrayContaining([...new Set(served.map((sa) => sa.ACCT_ID))]));
    // Every certificate of the rooftop system is retired for one of them (by customer, account or contract).
    const mine = u.eac.certificates.filter((c) => c.generator_id.startsWith('GEN-') && c.beneficiary_kind !== 'GENERAL'
      && c.beneficiary_refs.some((r) => served.some((sa) => sa.SA_ID === r || sa.ACCT_ID === r)
        || accounts.some((a) => u.index.customer.get(a.CUST_ID)?.CUST_NO === r)));
    expect(mine.length).toBeGreaterThan(0);
    const kind = { CUSTOMER: 'customer', ACCOUNT: 'account', CONTRACT: 'servicecontract' } as const;
    for (const c of mine) {
      const allowed = part.beneficiaries[kind[c.beneficiary_kind as keyof typeof kind]];
      expect(c.beneficiary_refs.some((r) => allowed.includes(r)), c.certificate_id).toBe(true);
    }
    // Nobody else's.
    const strangers = u.cis.accounts.filter((a) => !accounts.includes(a)).map((a) => a.ACCT_ID);
    expect(part.beneficiaries.account.filter((a) => strangers.includes(a))).toEqual([]);
  });
});
