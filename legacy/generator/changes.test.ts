import { describe, expect, it } from 'vitest';
import { statementDetails, statementSlots } from './bills';
import { addDays, isoInstant } from './calendar';
import { applyChange, ChangeError } from './changes';
import { generateUtility } from './generate';

const options = { seed: 'changes-test', accounts: 120, asOf: '2026-04-01', timezone: 'America/Los_Angeles' };

describe('changes over time', () => {
  it('rate plan change: new rate from asOf, modified stamped, past bills unchanged', () => {
    const u = generateUtility(options);
    const before = new Map(u.cis.accounts.map((a) => [a.ACCT_ID, statementDetails(u, a)]));
    const result = applyChange(u, 'rate_plan_change');
    expect(result.at).toBe(isoInstant(u.horizon + 3600 + 60));
    const sa = u.index.agreement.get(result.changed[0].id)!;
    expect(sa.RATE_HIST.at(-1)).toEqual({ RATE_CD: sa.RATE_CD, EFF_DT: u.asOf });
    expect(sa.UPD_DTTM).toBe(result.at);
    expect(statementDetails(u, u.index.account.get(sa.ACCT_ID)!)).toEqual(before.get(sa.ACCT_ID));
    expect(u.version).toBe(1);
  });

  it('meter swap: the old meter leaves at the horizon, the new one is current, history and bills unchanged', () => {
    const u = generateUtility(options);
    const result = applyChange(u, 'meter_swap');
    const [old, created] = result.changed.filter((c) => c.table === 'METER').map((c) => u.index.meter.get(c.id)!);
    const spId = result.changed.find((c) => c.table === 'SP')!.id;
    expect(old.installs.find((i) => i.servicePointId === spId)!.removedAt).toBe(isoInstant(u.horizon));
    expect(created.installs).toEqual([expect.objectContaining({ servicePointId: spId, installedAt: isoInstant(u.horizon), removedAt: null, reason: 'SWAP' })]);
    expect(u.index.metersBySp.get(spId)).toContain(created);
    expect(old.updatedAt).toBe(result.at);
    expect(created.technology).toBe(old.technology);
    expect(u.index.servicePoint.get(spId)!.UPD_DTTM).toBe(result.at);
  });

  it('new bill: a held statement is released and shows in the account\'s statements, stamped now', () => {
    const u = generateUtility(options);
    const counts = new Map(u.cis.accounts.map((a) => [a.ACCT_ID, statementSlots(u, a).length]));
    const result = applyChange(u, 'new_bill');
    const stmtId = result.changed[0].id;
    const account = u.index.account.get(stmtId.split('-')[0])!;
    const slots = statementSlots(u, account);
    expect(slots).toHaveLength(counts.get(account.ACCT_ID)! + 1);
    expect(slots.at(-1)!.STMT_ID).toBe(stmtId);
    expect(statementDetails(u, account).at(-1)!.header.CRE_TS).toBe(result.at.replace(/[-:TZ]/g, ''));
    expect(() => applyChange(u, 'new_bill', account.ACCT_ID)).toThrow(ChangeError);
  });

  it('move-out: agreements stop the day before asOf, the next occupant starts on asOf on the same service points', () => {
    const u = generateUtility(options);
    const result = applyChange(u, 'move_out');
    const [closed, opened] = result.changed.filter((c) => c.table === 'ACCOUNT').map((c) => u.index.account.get(c.id)!);
    expect(closed.ACCT_STAT_CD).toBe('C');
    expect(closed.CLOSE_DT).toBe(addDays(u.asOf, -1));
    expect(opened.ACCT_STAT_CD).toBe('A');
    expect(opened.OPEN_DT).toBe(u.asOf);
    for (const spId of result.changed.filter((c) => c.table === 'SP').map((c) => c.id)) {
      const agreements = u.index.agreementsBySp.get(spId);
      const ended = agreements.filter((sa) => sa.ACCT_ID === closed.ACCT_ID && sa.END_DT === addDays(u.asOf, -1));
      const started = agreements.filter((sa) => sa.ACCT_ID === opened.ACCT_ID);
      expect(ended.length).toBeGreaterThan(0);
      expect(ended.every((sa) => sa.SA_STAT_CD === '40' && sa.UPD_DTTM === result.at)).toBe(true);
      expect(started.every((sa) => sa.START_DT === u.asOf && sa.SA_STAT_CD === '20' && sa.CRE_DTTM === result.at)).toBe(true);
      const sp = u.index.servicePoint.get(spId)!;
      expect(sp.PREV_SA_IDS).toEqual(expect.arrayContaining(ended.map((sa) => sa.SA_ID)));
      expect(sp.CUR_SA_IDS.sort()).toEqual(started.map((sa) => sa.SA_ID).sort());
    }
    expect(u.index.customer.get(opened.CUST_ID)!.CRE_DTTM).toBe(result.at);
  });

  it('is deterministic: the same changes on the same utility give the same results', () => {
    const kinds = ['move_out', 'meter_swap', 'rate_plan_change', 'new_bill', 'move_out'] as const;
    const run = () => {
      const u = generateUtility(options);
      return kinds.map((k) => applyChange(u, k));
    };
    expect(run()).toEqual(run());
  });
});
