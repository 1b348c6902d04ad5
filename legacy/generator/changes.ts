import type { CisServiceAgreement } from '../cis/records';
import type { MdmMeter } from '../mdm/records';
import { serve } from './agreements';
import { forgetStatements, heldStatement, type StatementSlot } from './bills';
import { addDays, isoInstant } from './calendar';
import { newMeter } from './meters';
import { PopulationBuilder, type Site } from './population';
import { hashString, mix, Rng } from './random';
import type { Utility } from './utility';

/**
 * Changes over time, applied to a generated utility so sync logic can be tested: each one updates
 * the affected records and stamps their modified time with the utility's simulated clock (which
 * starts an hour after the data horizon and advances a minute per change). Effective dates are the
 * horizon (`asOf`): the interval data and the issued bills before it stay as they were.
 */

export const CHANGE_KINDS = ['rate_plan_change', 'meter_swap', 'new_bill', 'move_out'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ChangedRecord {
  system: 'CIS' | 'MDM' | 'BILLING';
  table: string;
  id: string;
  action: 'created' | 'updated';
}

export interface ChangeResult {
  kind: ChangeKind;
  /** Simulated time of the change (ISO-8601 UTC), the new modified time of every record touched. */
  at: string;
  summary: string;
  changed: ChangedRecord[];
}

export class ChangeError extends Error {}

/** Applies one change; `target` optionally names the record (SA_ID, SP_ID, ACCT_ID) to change. */
export function applyChange(u: Utility, kind: ChangeKind, target?: string): ChangeResult {
  u.clock += 60;
  const at = isoInstant(u.clock);
  const pick = <T>(candidates: T[], what: string): T => {
    if (!candidates.length) throw new ChangeError(`no ${what} to change${target ? ` matching ${target}` : ''}`);
    return candidates[mix(hashString(u.seed), u.clock) % candidates.length];
  };
  const result = ((): Omit<ChangeResult, 'kind' | 'at'> => {
    switch (kind) {
      case 'rate_plan_change': return ratePlanChange(u, at, pick, target);
      case 'meter_swap': return meterSwap(u, at, pick, target);
      case 'new_bill': return newBill(u, pick, target);
      case 'move_out': return moveOut(u, at, pick, target);
    }
  })();
  u.version++;
  return { kind, at, ...result };
}

type Pick = <T>(candidates: T[], what: string) => T;

function currentMeter(u: Utility, spId: string): MdmMeter | undefined {
  return u.index.metersBySp.get(spId).find((m) => m.source === 'SYNTHETIC' && m.installs.some((i) => i.servicePointId === spId && !i.removedAt));
}

function ratePlanChange(u: Utility, at: string, pick: Pick, target?: string) {
  const swap: Record<string, string> = { 'E-1': 'E-TOU-C', 'E-TOU-C': 'E-1' };
  const sa = pick(u.cis.serviceAgreements.filter((s) => s.SA_STAT_CD === '20' && s.SA_TYPE_CD === 'E-RES' && swap[s.RATE_CD]
    && currentMeter(u, s.SP_ID)?.technology === 'AMI' && (!target || s.SA_ID === target)), 'active residential electric agreement');
  const from = sa.RATE_CD;
  sa.RATE_CD = swap[from];
  sa.RATE_HIST = [...sa.RATE_HIST.filter((h) => h.EFF_DT < u.asOf), { RATE_CD: sa.RATE_CD, EFF_DT: u.asOf }];
  sa.UPD_DTTM = at;
  forgetStatements(u, sa.ACCT_ID);
  return {
    summary: `agreement ${sa.SA_NO} moved from rate ${from} to ${sa.RATE_CD} effective ${u.asOf}`,
    changed: [{ system: 'CIS' as const, table: 'SA', id: sa.SA_ID, action: 'updated' as const }],
  };
}

function meterSwap(u: Utility, at: string, pick: Pick, target?: string) {
  const sp = pick(u.cis.servicePoints.filter((s) => s.SP_TYPE_CD === 'E' && s.SP_KIND_CD === 'PHYS' && currentMeter(u, s.SP_ID)
    && (!target || s.SP_ID === target)), 'electric service point with a meter');
  const old = currentMeter(u, sp.SP_ID)!;
  const load = u.loads.get(old.meterId)!;
  const horizonIso = isoInstant(u.horizon);
  old.installs.find((i) => i.servicePointId === sp.SP_ID && !i.removedAt)!.removedAt = horizonIso;
  old.updatedAt = at;
  const rng = new Rng(`${u.seed}/change/${at}`);
  const replacement = newMeter(u, rng, {
    sp, svc: 'E', technology: old.technology, bidirectional: old.flow === 'BIDIRECTIONAL', physical: true,
    demand: old.measures.includes('DEMAND'), installDate: u.asOf, removeDate: null, reason: 'SWAP',
    load: { ...load, seed: rng.u32() }, created: u.clock, modified: u.clock,
  });
  sp.UPD_DTTM = at;
  for (const sa of u.index.agreementsBySp.get(sp.SP_ID)) forgetStatements(u, sa.ACCT_ID);
  return {
    summary: `meter ${old.serialNumber} at service point ${sp.SP_NO} replaced by ${replacement.serialNumber} on ${u.asOf}`,
    changed: [
      { system: 'MDM' as const, table: 'METER', id: old.meterId, action: 'updated' as const },
      { system: 'MDM' as const, table: 'METER', id: replacement.meterId, action: 'created' as const },
      { system: 'CIS' as const, table: 'SP', id: sp.SP_ID, action: 'updated' as const },
    ],
  };
}

function newBill(u: Utility, pick: Pick, target?: string) {
  const candidates = [...u.billing.keys()]
    .filter((id) => !target || id === target)
    .map((id) => ({ id, slot: heldStatement(u, u.index.account.get(id)!) }))
    .filter((c): c is { id: string; slot: StatementSlot } => c.slot !== null);
  const { id, slot } = pick(candidates, 'held statement');
  u.billing.get(id)!.releasedAt = u.clock;
  forgetStatements(u, id);
  return {
    summary: `statement ${slot.STMT_ID} of ${slot.stmtDate} released from review`,
    changed: [{ system: 'BILLING' as const, table: 'STATEMENT', id: slot.STMT_ID, action: 'created' as const }],
  };
}

function moveOut(u: Utility, at: string, pick: Pick, target?: string) {
  const account = pick(u.cis.accounts.filter((a) => a.ACCT_STAT_CD === 'A' && a.ACCT_ROLE_CD === 'STD' && a.ACCT_CLASS_CD === 'RES'
    && a.ACCT_USE_CD === 'CUST' && (!target || a.ACCT_ID === target)
    && u.index.agreementsByAccount.get(a.ACCT_ID).some((sa) => !sa.END_DT)), 'active residential account');
  const lastDay = addDays(u.asOf, -1);
  const ended: CisServiceAgreement[] = u.index.agreementsByAccount.get(account.ACCT_ID).filter((sa) => !sa.END_DT);
  const changed: ChangedRecord[] = [];
  for (const sa of ended) {
    sa.END_DT = lastDay;
    sa.SA_STAT_CD = '40';
    sa.UPD_DTTM = at;
    const sp = u.index.servicePoint.get(sa.SP_ID)!;
    sp.CUR_SA_IDS = sp.CUR_SA_IDS.filter((id) => id !== sa.SA_ID);
    sp.PREV_SA_IDS.push(sa.SA_ID);
    changed.push({ system: 'CIS', table: 'SA', id: sa.SA_ID, action: 'updated' });
  }
  account.ACCT_STAT_CD = 'C';
  account.CLOSE_DT = lastDay;
  account.UPD_DTTM = at;
  changed.push({ system: 'CIS', table: 'ACCOUNT', id: account.ACCT_ID, action: 'updated' });
  forgetStatements(u, account.ACCT_ID);

  // The next occupant starts the day after on the same service points and rates.
  const builder = new PopulationBuilder(u, new Rng(`${u.seed}/move-in/${at}`), 0);
  const party = builder.person('RES', u.asOf);
  const sps = [...new Set(ended.map((sa) => sa.SP_ID))].map((id) => u.index.servicePoint.get(id)!);
  const first = sps[0];
  const site: Site = {
    cls: 'RES', zip: { ...builder.zips[0], postal: first.POSTAL, city: first.CITY, cca: false }, premise: first.PREMISES[0],
    sps: Object.fromEntries(sps.map((sp) => [sp.SP_TYPE_CD, sp])),
    technology: currentMeter(u, first.SP_ID)?.technology ?? 'AMI',
    solarDate: ended.some((sa) => sa.SA_TYPE_CD === 'E-NEM') ? addDays(u.asOf, -1) : null,
    apartment: false,
  };
  const mailTo = [first.ADDR_LINE1, first.ADDR_LINE2, `${first.CITY} ${first.STATE} ${first.POSTAL}`].filter(Boolean).join('\n');
  const next = builder.account({ ...party, cls: 'RES', open: u.asOf, mailTo, programs: [], behaviour: 'FULL' });
  const electric = ended.find((sa) => sa.SVC_TYPE_CD === 'E');
  const created = serve(builder, next, site, u.asOf, null, {
    rate: electric?.SA_TYPE_CD === 'E-RES' ? electric.RATE_CD : undefined, cca: ended.some((sa) => sa.SA_TYPE_CD === 'E-CCA'),
  });
  for (const record of [party.customer, next, ...created]) {
    record.CRE_DTTM = at;
    record.UPD_DTTM = at;
  }
  for (const sp of sps) sp.UPD_DTTM = at;
  changed.push(
    ...sps.map((sp) => ({ system: 'CIS' as const, table: 'SP', id: sp.SP_ID, action: 'updated' as const })),
    { system: 'CIS', table: 'CUSTOMER', id: party.customer.CUST_ID, action: 'created' },
    { system: 'CIS', table: 'ACCOUNT', id: next.ACCT_ID, action: 'created' },
    ...created.map((sa) => ({ system: 'CIS' as const, table: 'SA', id: sa.SA_ID, action: 'created' as const })),
  );
  return { summary: `account ${account.ACCT_NO} moved out on ${lastDay}; account ${next.ACCT_NO} moved in on ${u.asOf}`, changed };
}
