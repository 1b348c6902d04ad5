import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { meterDays, sectionDetail, sectionStubs, statementDetails, statementSlots } from './bills';
import { dayNumber } from './calendar';
import { generateUtility } from './generate';
import { dayReadings } from './usage';

const u = generateUtility({ seed: 'bills-test', accounts: 150, asOf: '2026-05-20', timezone: 'America/Los_Angeles' });
const sum = (values: string[]) => values.reduce((s, v) => s.add(v), new Decimal(0));
const statements = u.cis.accounts.flatMap((a) => statementDetails(u, a));

describe('bill statements', () => {
  it('are issued monthly over the history for billed accounts, none for child accounts', () => {
    expect(statements.length).toBeGreaterThan(150 * 20);
    for (const a of u.cis.accounts.filter((x) => x.ACCT_ROLE_CD === 'CHLD')) expect(statementSlots(u, a)).toEqual([]);
    for (const s of statements) {
      expect(s.header.STMT_DT < u.asOf.replaceAll('-', '')).toBe(true);
      expect(s.header.PER_FROM >= u.historyStart.replaceAll('-', '')).toBe(true);
      expect(s.header.PER_FROM <= s.header.PER_TO).toBe(true);
    }
  });

  it('add up exactly: lines → subtotals → section total → service charge → amount due', () => {
    for (const s of statements) {
      for (const sec of s.sections) {
        const total = sec.costs.find((t) => t.TOT_CD === 'SECT')!;
        expect(sum(sec.lines.map((l) => l.AMT)).eq(total.AMT)).toBe(true);
        for (const t of sec.costs.filter((c) => c.TOT_CD !== 'SECT')) {
          expect(sum(sec.lines.filter((l) => l.TOT_SEQS.includes(t.SEQ)).map((l) => l.AMT)).eq(t.AMT), t.SECT_ID).toBe(true);
        }
        for (const l of sec.lines) expect(l.AMT).toMatch(/^-?\d+\.\d{2}$/);
        const charge = s.charges.find((c) => c.SECT_IDS.includes(sec.header.SECT_ID))!;
        expect(charge.AMT).toBe(total.AMT);
      }
      const h = s.header;
      expect(sum(s.charges.filter((c) => c.IN_DUE === 'Y').map((c) => c.AMT)).eq(h.CUR_CHG)).toBe(true);
      expect(new Decimal(h.PREV_BAL).sub(h.PMT_RCVD).eq(h.BAL_FWD)).toBe(true);
      expect(new Decimal(h.BAL_FWD).add(h.CUR_CHG).eq(h.AMT_DUE)).toBe(true);
      expect(h.NEW_BAL).toBe(h.AMT_DUE);
      expect(h.SHUTOFF_DT === null).toBe(h.SHUTOFF_MIN === null);
    }
  });

  it('carry each balance forward: previous balance is the previous amount due', () => {
    for (const a of u.cis.accounts) {
      const list = statementDetails(u, a);
      for (let i = 1; i < list.length; i++) expect(list[i].header.PREV_BAL).toBe(list[i - 1].header.AMT_DUE);
      if (list.length) expect(list[0].header.PREV_BAL).toBe('0.00');
    }
  });

  it('bill the interval data: delivered usage per meter equals the sum of its readings over the section period', () => {
    let checked = 0;
    for (const s of statements.filter((_, i) => i % 9 === 0)) {
      for (const sec of s.sections) {
        const h = sec.header;
        const from = `${h.PER_FROM.slice(0, 4)}-${h.PER_FROM.slice(4, 6)}-${h.PER_FROM.slice(6)}`;
        const to = `${h.PER_TO.slice(0, 4)}-${h.PER_TO.slice(4, 6)}-${h.PER_TO.slice(6)}`;
        let native = 0;
        for (const meterId of h.METER_IDS) {
          const meter = u.index.meter.get(meterId)!;
          const range = meterDays(u, meter, h.SP_IDS[0], from, to)!;
          for (let d = range[0]; d <= range[1]; d++) native += dayReadings(u.calendar, u.loads.get(meterId)!, 'forward', d).reduce((x, y) => x + y, 0);
        }
        const div = h.SVC_TYPE_CD === 'E' ? 1000 : h.SVC_TYPE_CD === 'G' ? 100 : 1;
        const billed = sum(sec.usage.filter((r) => r.USG_CD === 'TOT').map((r) => r.QTY));
        expect(billed.mul(div).eq(native), h.SECT_ID).toBe(true);
        const tou = sec.usage.filter((r) => r.USG_CD === 'TOU');
        if (tou.length) expect(sum(tou.map((r) => r.QTY)).eq(billed)).toBe(true);
        const tiers = sec.usage.filter((r) => r.USG_CD === 'TIER');
        if (tiers.length) expect(sum(tiers.map((r) => r.QTY)).eq(billed)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('compute a section alone exactly as within its statement', () => {
    const account = u.cis.accounts.find((a) => statementSlots(u, a).length > 3)!;
    const slot = statementSlots(u, account)[2];
    const alone = sectionStubs(u, account, slot).map((stub) => sectionDetail(u, account, stub));
    expect(alone).toEqual(statementDetails(u, account)[2].sections);
  });

  it('cover the billing cases: TOU, tiers, demand, net metering, CARE, taxes, AMR reads, sub-accounts, unpaid balances, shutoff notices', () => {
    const usage = statements.flatMap((s) => s.sections.flatMap((x) => x.usage));
    const lines = statements.flatMap((s) => s.sections.flatMap((x) => x.lines));
    expect(new Set(usage.map((r) => r.USG_CD))).toEqual(new Set(['TOT', 'TOU', 'TIER', 'DIR', 'DMD']));
    expect(new Set(usage.map((r) => r.READ_CD))).toEqual(new Set(['AMI', 'AMR', 'EST']));
    for (const r of usage.filter((x) => x.READ_CD === 'AMR')) expect(new Decimal(r.END_RD!).sub(r.START_RD!).eq(r.QTY)).toBe(true);
    expect(new Set(lines.map((l) => l.LINE_CD))).toEqual(new Set(['FIXED', 'USAGE', 'DEMAND', 'CREDIT', 'TAX']));
    expect(lines.some((l) => l.DESCR.startsWith('CARE Discount'))).toBe(true);
    expect(usage.filter((r) => r.DIR_CD === 'RCV').every((r) => new Decimal(r.QTY).lte(0))).toBe(true);
    const sections = statements.flatMap((s) => s.sections.map((x) => x.header));
    expect(new Set(sections.map((h) => h.SECT_TYPE_CD))).toEqual(new Set(['SA', 'SUB']));
    expect(sections.some((h) => h.DIST_ENTITY_ID && h.SUPP_ENTITY_ID === null)).toBe(true);
    expect(sections.some((h) => h.SUPP_ENTITY_ID === 'ENT-BCP')).toBe(true);
    expect(statements.some((s) => new Decimal(s.header.BAL_FWD).gt(0))).toBe(true);
    expect(statements.some((s) => s.header.SHUTOFF_MIN !== null)).toBe(true);
    expect(statements.some((s) => s.charges.some((c) => c.IN_DUE === 'N'))).toBe(true);
    expect(dayNumber(u.asOf)).toBeGreaterThan(dayNumber(u.historyStart));
  });
});
