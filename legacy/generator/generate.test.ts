import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber } from './calendar';
import { generateUtility } from './generate';
import { luhnDigit } from './ids';
import { testCustomers } from './profiles';
import type { Utility } from './utility';

function luhnValid(digits: string): boolean {
  return luhnDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

const base = { seed: 'generator-test', accounts: 300, asOf: '2026-03-15', timezone: 'America/Los_Angeles' };

function fingerprint(u: Utility): string {
  const tables = { cis: u.cis, mdm: u.mdm, eac: u.eac, loads: [...u.loads], billing: [...u.billing], tests: u.testCustomers };
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex');
}

describe('generateUtility', () => {
  const u = generateUtility(base);

  it('is deterministic: same inputs give the same utility byte for byte, another seed another one', () => {
    expect(fingerprint(generateUtility(base))).toBe(fingerprint(u));
    const other = generateUtility({ ...base, seed: 'generator-test-2' });
    expect(fingerprint(other)).not.toBe(fingerprint(u));
    expect(other.cis.accounts.map((a) => a.ACCT_NO)).not.toEqual(u.cis.accounts.map((a) => a.ACCT_NO));
  });

  it('has exactly the requested number of accounts and 25 months of history', () => {
    expect(u.cis.accounts).toHaveLength(300);
    expect(u.historyStart).toBe('2024-02-15');
    expect(u.horizon).toBe(Date.parse('2026-03-15T07:00:00Z') / 1000);
  });

  it('rejects too small a utility and bad dates with a clear error', () => {
    expect(() => generateUtility({ ...base, accounts: 10 })).toThrow(/accounts/);
    expect(() => generateUtility({ ...base, asOf: '2026-02-30' })).toThrow(/asOf/);
    expect(() => generateUtility({ ...base, timezone: 'Mars/Olympus' })).toThrow(/timezone/);
  });

  it('gives every id and number once', () => {
    const unique = (values: (string | null)[]) => expect(new Set(values).size).toBe(values.length);
    unique(u.cis.customers.map((c) => c.CUST_ID));
    unique(u.cis.customers.map((c) => c.CUST_NO).filter(Boolean));
    unique(u.cis.accounts.map((a) => a.ACCT_ID));
    unique(u.cis.accounts.map((a) => a.ACCT_NO));
    unique(u.cis.serviceAgreements.map((s) => s.SA_ID));
    unique(u.cis.serviceAgreements.map((s) => s.SA_NO));
    unique(u.cis.servicePoints.map((s) => s.SP_ID));
    unique(u.cis.servicePoints.map((s) => s.SP_NO));
    unique(u.mdm.meters.map((m) => m.meterId));
    unique(u.mdm.meters.map((m) => m.serialNumber));
    unique(u.mdm.meters.map((m) => m.usagePointId));
    unique(u.cis.accounts.flatMap((a) => a.CONTACTS.map((c) => c.CONTACT_ID)));
    unique(u.cis.groups.map((g) => g.GRP_ID));
    unique(u.eac.certificates.map((c) => c.certificate_id));
    unique(u.cis.webProfiles.map((p) => p.USER_NAME.toLowerCase()));
    // System ids are digits after a letter prefix; numbers customers see pass the Luhn check.
    for (const a of u.cis.accounts) {
      expect(a.ACCT_ID).toMatch(/^1\d{9}$/);
      expect(a.ACCT_NO).toMatch(/^3\d{10}$/);
      expect(luhnValid(a.ACCT_NO)).toBe(true);
    }
    for (const sa of u.cis.serviceAgreements) expect(`${sa.SA_ID} ${sa.SA_NO}`).toMatch(/^2\d{9} 4\d{10}$/);
    for (const sp of u.cis.servicePoints) expect(`${sp.SP_ID} ${sp.SP_NO}`).toMatch(/^5\d{9} 9\d{10}$/);
    for (const m of u.mdm.meters) expect(m.meterId).toMatch(/^M\d{9}$/);
  });

  it('keeps each meter\'s service point history consistent', () => {
    for (const meter of u.mdm.meters) {
      const installs = meter.installs;
      expect(installs.filter((i) => i.removedAt === null).length).toBeLessThanOrEqual(1);
      for (let i = 0; i < installs.length; i++) {
        expect(u.index.servicePoint.get(installs[i].servicePointId), `${meter.meterId} install`).toBeDefined();
        if (installs[i].removedAt) expect(installs[i].removedAt! > installs[i].installedAt).toBe(true);
        if (i > 0) expect(installs[i].installedAt >= installs[i - 1].removedAt!).toBe(true);
      }
    }
    // One meter at a time per service point: a swap removes the old meter when the new one goes in.
    for (const sp of u.cis.servicePoints) {
      const spans = u.index.metersBySp.get(sp.SP_ID).flatMap((m) => m.installs.filter((i) => i.servicePointId === sp.SP_ID))
        .sort((a, b) => (a.installedAt < b.installedAt ? -1 : 1));
      for (let i = 1; i < spans.length; i++) expect(spans[i].installedAt >= spans[i - 1].removedAt!, sp.SP_ID).toBe(true);
    }
    const swapped = u.mdm.meters.filter((m) => m.installs.some((i) => i.reason === 'SWAP' || i.reason === 'SOLAR_UPGRADE'));
    expect(swapped.length).toBeGreaterThan(0);
    for (const meter of swapped) {
      const sp = meter.installs[0].servicePointId;
      const previous = u.index.metersBySp.get(sp).filter((m) => m !== meter && m.installs.some((i) => i.servicePointId === sp && i.removedAt === meter.installs[0].installedAt));
      expect(previous, `old meter of ${meter.meterId}`).toHaveLength(1);
    }
  });

  it('keeps contract history consistent: a move-out ends one occupant before the next starts', () => {
    let moveOuts = 0;
    for (const sp of u.cis.servicePoints) {
      const agreements = [...u.index.agreementsBySp.get(sp.SP_ID)].sort((a, b) => (a.START_DT < b.START_DT ? -1 : 1));
      for (let i = 0; i < agreements.length; i++) {
        const a = agreements[i];
        if (a.END_DT) expect(a.END_DT >= a.START_DT).toBe(true);
        for (const b of agreements.slice(i + 1)) {
          if (a.ACCT_ID === b.ACCT_ID) continue;
          expect(a.END_DT, `${a.SA_ID} overlaps ${b.SA_ID}`).not.toBeNull();
          expect(a.END_DT! < b.START_DT).toBe(true);
          if (addDays(a.END_DT!, 1) === b.START_DT) moveOuts++;
        }
      }
      const current = agreements.filter((a) => a.SA_STAT_CD !== '40' && a.SA_STAT_CD !== '60').map((a) => a.SA_ID).sort();
      expect([...sp.CUR_SA_IDS].sort()).toEqual(current);
      expect([...sp.CUR_SA_IDS, ...sp.PREV_SA_IDS].sort()).toEqual(agreements.map((a) => a.SA_ID).sort());
    }
    expect(moveOuts).toBeGreaterThan(0);
    for (const a of u.cis.accounts.filter((x) => x.ACCT_STAT_CD === 'C')) {
      expect(a.CLOSE_DT).not.toBeNull();
      for (const sa of u.index.agreementsByAccount.get(a.ACCT_ID)) expect(sa.END_DT! <= a.CLOSE_DT!).toBe(true);
    }
  });

  it('stamps created and modified in the past, modified never before created', () => {
    const horizon = new Date(u.horizon * 1000).toISOString();
    for (const rows of [u.cis.customers, u.cis.accounts, u.cis.serviceAgreements, u.cis.servicePoints, u.cis.groups]) {
      for (const r of rows as { CRE_DTTM: string; UPD_DTTM: string }[]) {
        expect(r.UPD_DTTM >= r.CRE_DTTM).toBe(true);
        expect(r.UPD_DTTM < horizon).toBe(true);
      }
    }
    for (const m of u.mdm.meters) expect(m.updatedAt >= m.createdAt && m.updatedAt < horizon).toBe(true);
  });

  it('fills the CIS code sets the CDS enums are mapped from', () => {
    const big = generateUtility({ ...base, accounts: 1500 });
    const codes = <T>(rows: T[], f: (r: T) => string | string[]) => new Set(rows.flatMap((r) => f(r)));
    expect(codes(big.cis.accounts, (a) => a.ACCT_STAT_CD)).toEqual(new Set(['A', 'S', 'C', 'U']));
    expect(codes(big.cis.accounts, (a) => a.ACCT_ROLE_CD)).toEqual(new Set(['STD', 'PRNT', 'CHLD']));
    expect(codes(big.cis.accounts, (a) => a.ACCT_USE_CD)).toEqual(new Set(['CUST', 'INTL', 'TEST']));
    expect(codes(big.cis.accounts, (a) => a.ACCT_CLASS_CD)).toEqual(new Set(['RES', 'COM', 'IND', 'AGR', 'MUN']));
    expect(codes(big.cis.accounts, (a) => a.BILL_CYC_CD)).toEqual(new Set(['M', 'Q']));
    expect(codes(big.cis.serviceAgreements, (s) => s.SA_STAT_CD)).toEqual(new Set(['20', '30', '40', '60', '99']));
    expect(codes(big.cis.serviceAgreements, (s) => s.SA_TYPE_CD)).toEqual(new Set(['E-RES', 'E-COM', 'E-IND', 'E-AGR', 'E-NEM', 'E-DST', 'E-CCA', 'E-LTG', 'E-PRJ', 'G-RES', 'G-COM', 'W-RES', 'W-COM']));
    expect(codes(big.cis.serviceAgreements, (s) => s.SVC_ROLE_CDS)).toEqual(new Set(['DIST', 'SUPP', 'GEN']));
    expect(codes(big.cis.servicePoints, (s) => s.PREMISES.map((p) => p.PREM_TYPE_CD))).toEqual(new Set(['BLDG', 'LAND', 'ZONE']));
    expect(codes(big.cis.servicePoints, (s) => s.ADDR_FMT_CD)).toEqual(new Set(['STD', 'NONSTD']));
    expect(codes(big.cis.servicePoints, (s) => [s.SP_KIND_CD, s.SP_LOC_CD])).toEqual(new Set(['PHYS', 'VIRT', 'EDGE', 'INTL']));
    expect(codes(big.cis.accounts, (a) => a.PROGRAMS.map((p) => p.ENRL_STAT_CD))).toEqual(new Set(['ENRL', 'ENDED', 'ELIG', 'INELIG']));
    expect(codes(big.cis.accounts, (a) => a.CONTACTS.map((c) => c.CONTACT_TYPE_CD))).toEqual(new Set(['PHON', 'EMAL']));
    expect(codes(big.cis.groups, (g) => g.GRP_TYPE_CD)).toEqual(new Set(['ZIP', 'BLDG', 'CHNK']));
    expect(codes(big.mdm.meters, (m) => m.technology)).toEqual(new Set(['AMI', 'AMR', 'ANALOG']));
    expect(codes(big.mdm.meters, (m) => m.apps.map((a) => a.state))).toEqual(new Set(['INSTALLED', 'REMOVED', 'AVAILABLE', 'BLOCKED']));
    expect(codes(big.eac.certificates, (c) => c.beneficiary_kind)).toEqual(new Set(['CUSTOMER', 'ACCOUNT', 'CONTRACT', 'TARIFF', 'PROGRAM', 'GENERAL']));
    const usedRates = codes(big.cis.serviceAgreements, (s) => s.RATE_HIST.map((h) => h.RATE_CD));
    expect(usedRates).toEqual(new Set(big.cis.rates.map((r) => r.RATE_CD)));
    const enrolled = codes(big.cis.accounts, (a) => a.PROGRAMS.map((p) => p.PROG_CD));
    for (const p of big.cis.programs.filter((x) => x.PROG_LEVEL_CD === 'ACCT')) expect(enrolled.has(p.PROG_CD), p.PROG_CD).toBe(true);
    const saPrograms = codes(big.cis.serviceAgreements, (s) => s.PROGRAMS.map((p) => p.PROG_CD));
    for (const p of big.cis.programs.filter((x) => x.PROG_LEVEL_CD === 'SA')) expect(saPrograms.has(p.PROG_CD), p.PROG_CD).toBe(true);
    // Phone numbers are E.164; coordinates decimal strings.
    for (const a of big.cis.accounts) for (const c of a.CONTACTS) {
      if (c.CONTACT_TYPE_CD === 'PHON') expect(c.CONTACT_VAL).toMatch(/^\+1[2-9]\d{9}$/);
      else expect(c.CONTACT_VAL).toMatch(/^[a-z]+\.[a-z]*\d+@mail\.example$/);
    }
    for (const sp of big.cis.servicePoints) if (sp.GEO_LAT) expect(`${sp.GEO_LAT},${sp.GEO_LONG}`).toMatch(/^3[78]\.\d{6},-12[12]\.\d{6}$/);
    // Chunked groups hold at most 100 members and list their chunks.
    for (const g of big.cis.groups) {
      expect(g.MEMBER_SP_IDS.length).toBeLessThanOrEqual(100);
      if (g.CHILD_GRP_IDS.length) expect(g.MEMBER_SP_IDS).toEqual([]);
    }
  });

  it('builds the sandbox test customers with the cases they stand for', () => {
    const list = testCustomers(u);
    const byKey = Object.fromEntries(list.map((t) => [t.key, t]));
    expect(Object.keys(byKey).sort()).toEqual(
      ['building_tenant', 'cca', 'enterprise', 'ev_meter_swap', 'gas_electric_water', 'greenbutton', 'moved_out', 'multi', 'solar', 'suspended'].sort());
    expect(list).toEqual(testCustomers(generateUtility(base)));
    for (const t of list) {
      expect(t.USER_NAME).toBe(`demo.${t.key.replace(/_/g, '-')}`);
      expect(t.PASSWORD).toMatch(/^[a-z]+-[a-z]+-[a-z]+-\d{2}$/);
    }
    const agreements = (key: string) => byKey[key].accounts.flatMap((a) => u.index.agreementsByAccount.get(a.ACCT_ID));
    expect(byKey.multi.accounts.length).toBeGreaterThanOrEqual(2);
    expect(agreements('solar').some((sa) => sa.SA_TYPE_CD === 'E-NEM' && sa.RATE_HIST.length === 2)).toBe(true);
    const solarSp = agreements('solar').find((sa) => sa.SA_TYPE_CD === 'E-NEM')!.SP_ID;
    expect(u.index.metersBySp.get(solarSp).map((m) => m.flow).sort()).toEqual(['BIDIRECTIONAL', 'FORWARD']);
    expect(new Set(agreements('gas_electric_water').map((sa) => sa.SVC_TYPE_CD))).toEqual(new Set(['E', 'G', 'W']));
    expect(byKey.moved_out.accounts.map((a) => a.ACCT_STAT_CD).sort()).toEqual(['A', 'C']);
    const oldSp = agreements('moved_out').find((sa) => sa.END_DT)!.SP_ID;
    expect(u.index.agreementsBySp.get(oldSp).some((sa) => !sa.END_DT && !byKey.moved_out.accounts.some((a) => a.ACCT_ID === sa.ACCT_ID))).toBe(true);
    expect(byKey.enterprise.accounts.map((a) => a.ACCT_ROLE_CD).sort()).toEqual(['CHLD', 'CHLD', 'CHLD', 'PRNT']);
    const tenantSp = u.index.servicePoint.get(agreements('building_tenant')[0].SP_ID)!;
    expect(u.index.groupsByMemberSp.get(tenantSp.SP_ID).some((g) => g.GRP_TYPE_CD === 'BLDG' || g.GRP_NO.startsWith('BLDG-'))).toBe(true);
    expect(new Set(agreements('cca').map((sa) => sa.SA_TYPE_CD))).toEqual(new Set(['E-DST', 'E-CCA']));
    expect(byKey.suspended.accounts[0].ACCT_STAT_CD).toBe('S');
    const evSp = agreements('ev_meter_swap')[0].SP_ID;
    expect(u.index.metersBySp.get(evSp)).toHaveLength(2);
    expect(dayNumber(u.asOf) - dayNumber(u.historyStart)).toBeGreaterThan(365 * 2);
  });
});
