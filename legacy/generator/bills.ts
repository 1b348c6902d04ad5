import Decimal from 'decimal.js';
import type {
  BillChargeRecord, BillCostRecord, BillLineRecord, BillSectionHeader, BillStatementHeader, BillUsageRecord, ChargeCd,
} from '../billing/records';
import type { CisAccount, CisRate, CisServiceAgreement, TouPeriodCd } from '../cis/records';
import type { MdmMeter } from '../mdm/records';
import { addDays, addMonths, dateOf, dayNumber } from './calendar';
import { SUMMER_MONTHS, TAX } from './catalog';
import { mix } from './random';
import { dailyTotal, dayReadings, isEstimated } from './usage';
import type { Utility } from './utility';

/**
 * Bill statements, computed on demand and memoised (never all up front: 100k accounts × 25 months
 * would not fit the time budget). The schedule of an account's statements is cheap (dates only);
 * amounts need the interval data of the billed period and the previous statement's balance.
 *
 * Amounts are exact decimals: each line is rounded to cents once, and every total is a sum of
 * lines, so lines → subtotals → section total → service charge → amount due always add up.
 * Billed usage is the sum of the MDM's interval readings over the section period.
 */

const Money = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
type Money = InstanceType<typeof Money>;
const cents = (d: Money) => d.toDecimalPlaces(2);
const fmt = (d: Money) => d.toFixed(2);

export interface StatementSlot {
  STMT_ID: string;
  ACCT_ID: string;
  stmtDate: string;
  perFrom: string;
  perTo: string;
  final: boolean;
  created: number;
  modified: number;
}

export interface SectionDetail {
  header: BillSectionHeader;
  usage: BillUsageRecord[];
  costs: BillCostRecord[];
  lines: BillLineRecord[];
  /** Billed quantities in the MDM's native integer units (Wh, ft³, gal), for checks. */
  native: { forward: number; reverse: number };
}

export interface StatementDetail {
  header: BillStatementHeader;
  charges: BillChargeRecord[];
  sections: SectionDetail[];
}

const compact = (date: string) => date.replaceAll('-', '');
/** `YYYYMMDDHHMMSS` in UTC. */
export function billTimestamp(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 19).replace(/[-:T]/g, '');
}

/**
 * Agreements whose service is billed on an account's statements (a parent bills its children's).
 * Project agreements are settled outside billing; Green Button imports are history, not billed.
 */
export function billedAgreements(u: Utility, account: CisAccount): CisServiceAgreement[] {
  if (account.ACCT_ROLE_CD === 'CHLD') return [];
  const accounts = account.ACCT_ROLE_CD === 'PRNT' ? u.index.accountsByParent.get(account.ACCT_ID) : [account];
  return accounts
    .flatMap((a) => u.index.agreementsByAccount.get(a.ACCT_ID))
    .filter((sa) => sa.SA_TYPE_CD !== 'E-PRJ' && !u.index.metersBySp.get(sa.SP_ID).some((m) => m.source === 'GREENBUTTON'));
}

const overlaps = (sa: CisServiceAgreement, from: string, to: string) => sa.START_DT <= to && (!sa.END_DT || sa.END_DT >= from);

/** The account's issued statements, oldest first (dates only; cheap). */
export function statementSlots(u: Utility, account: CisAccount): StatementSlot[] {
  const slots = cutStatements(u, account);
  const profile = u.billing.get(account.ACCT_ID);
  if (profile?.held && slots.length) {
    if (profile.releasedAt === null) slots.pop();
    else {
      const last = slots[slots.length - 1];
      last.created = last.modified = profile.releasedAt;
    }
  }
  return slots;
}

/** The statement cut but held for review (not yet issued), if any. */
export function heldStatement(u: Utility, account: CisAccount): StatementSlot | null {
  const profile = u.billing.get(account.ACCT_ID);
  if (!profile?.held || profile.releasedAt !== null) return null;
  return cutStatements(u, account).pop() ?? null;
}

/** Every statement the billing run has cut for the account, held ones included. */
function cutStatements(u: Utility, account: CisAccount): StatementSlot[] {
  const agreements = billedAgreements(u, account);
  const profile = u.billing.get(account.ACCT_ID);
  if (!agreements.length || !profile) return [];
  const asOfDay = dayNumber(u.asOf);
  const start = agreements.reduce((m, sa) => (sa.START_DT < m ? sa.START_DT : m), agreements[0].START_DT);
  const open = agreements.some((sa) => !sa.END_DT);
  const lastEnd = open ? null : agreements.reduce((m, sa) => (sa.END_DT! > m ? sa.END_DT! : m), agreements[0].END_DT!);
  const spanFrom = start > u.historyStart ? start : u.historyStart;
  const spanTo = lastEnd && dayNumber(lastEnd) < asOfDay ? lastEnd : dateOf(asOfDay - 1);
  if (spanFrom > spanTo) return [];

  const step = account.BILL_CYC_CD === 'Q' ? 3 : 1;
  const day = String(account.BILL_CYC_DAY).padStart(2, '0');
  let month = `${addMonths(spanFrom, -3).slice(0, 7)}`;
  if (step === 3) {
    const m = Number(month.slice(5, 7)) - 1;
    month = addMonths(`${month}-01`, -(m % 3)).slice(0, 7);
  }
  const slots: StatementSlot[] = [];
  for (let boundary = `${month}-${day}`; boundary <= spanTo; boundary = addMonths(boundary, step)) {
    const next = addMonths(boundary, step);
    const perFrom = boundary > spanFrom ? boundary : spanFrom;
    const cycleEnd = addDays(next, -1);
    const final = !!lastEnd && lastEnd <= cycleEnd;
    const perTo = final ? lastEnd! : cycleEnd;
    if (perFrom > perTo || (!final && cycleEnd > spanTo)) continue;
    const stmtDate = final ? addDays(perTo, 3) : next;
    if (dayNumber(stmtDate) >= asOfDay) continue;
    if (!agreements.some((sa) => overlaps(sa, perFrom, perTo))) continue;
    const STMT_ID = `${account.ACCT_ID}-${compact(stmtDate)}`;
    const created = u.calendar.startOf(stmtDate) + 3 * 3600 + (mix(dayNumber(stmtDate), Number(account.ACCT_ID.slice(1))) % 3600);
    const adjusted = mix(Number(account.ACCT_ID.slice(1)), dayNumber(stmtDate), 3) % 100 < 5;
    const modified = adjusted ? Math.min(created + (1 + (mix(dayNumber(stmtDate), 4) % 9)) * 86400, u.horizon - 300) : created;
    slots.push({ STMT_ID, ACCT_ID: account.ACCT_ID, stmtDate, perFrom, perTo, final, created, modified });
  }
  return slots;
}

// ---- usage of a section ---------------------------------------------------------------------

interface MeterUsage {
  meter: MdmMeter;
  forward: number;
  reverse: number;
  estimated: boolean;
  /** Register read at the period start (AMR/analog), native units. */
  startRead: number | null;
}

interface SectionUsage {
  meters: MeterUsage[];
  forward: number;
  reverse: number;
  /** Forward native units per "PERIOD/SEASON" TOU bucket. */
  tou: Map<string, number>;
  /** Highest 15-minute forward reading (Wh) for demand. */
  peakInterval: number;
}

function seasonOf(date: string): 'SUM' | 'WIN' {
  return SUMMER_MONTHS.has(Number(date.slice(5, 7))) ? 'SUM' : 'WIN';
}

/** Period of every (season, day type, hour) of a TOU rate: index = season·48 + weekend·24 + hour. */
const touTables = new WeakMap<CisRate, TouPeriodCd[]>();
function touTable(rate: CisRate): TouPeriodCd[] {
  let table = touTables.get(rate);
  if (table) return table;
  table = [];
  for (const season of ['SUM', 'WIN'] as const) {
    for (const dayType of ['WKDY', 'WKND'] as const) {
      for (let hour = 0; hour < 24; hour++) {
        // First match wins: super-off-peak windows are listed before the weekday/weekend split.
        const p = rate.TOU_PERIODS.find((t) => (t.SEASON_CD === 'ALL' || t.SEASON_CD === season)
          && (t.DAY_TYPE_CD === 'ALL' || t.DAY_TYPE_CD === dayType) && hour >= t.FROM_HR && hour < t.TO_HR);
        if (!p) throw new Error(`rate ${rate.RATE_CD} has no TOU period for ${season}/${dayType}/${hour}h`);
        table.push(p.PERIOD_CD);
      }
    }
  }
  touTables.set(rate, table);
  return table;
}

/** Days of a meter's service at a service point within [from, to] (day numbers, inclusive), clipped to history. */
export function meterDays(u: Utility, meter: MdmMeter, spId: string, from: string, to: string): [number, number] | null {
  let lo = Math.max(dayNumber(from), dayNumber(u.historyStart));
  let hi = Math.min(dayNumber(to), dayNumber(u.asOf) - 1);
  let any = false;
  for (const inst of meter.installs) {
    if (inst.servicePointId !== spId) continue;
    const a = u.calendar.dayAt(Date.parse(inst.installedAt) / 1000);
    const b = inst.removedAt ? u.calendar.dayAt(Date.parse(inst.removedAt) / 1000) - 1 : Infinity;
    if (a > hi || b < lo) continue;
    lo = Math.max(lo, a);
    hi = Math.min(hi, b);
    any = true;
  }
  return any && lo <= hi ? [lo, hi] : null;
}

function sectionUsage(u: Utility, sa: CisServiceAgreement, rate: CisRate, from: string, to: string): SectionUsage {
  const result: SectionUsage = { meters: [], forward: 0, reverse: 0, tou: new Map(), peakInterval: 0 };
  if (sa.METERED_FLG === 'N') return result;
  const needIntervals = rate.RATE_KIND_CD === 'TOU' || rate.DEMAND_PRICE !== null;
  const table = rate.RATE_KIND_CD === 'TOU' ? touTable(rate) : null;
  for (const meter of u.index.metersBySp.get(sa.SP_ID)) {
    const range = meterDays(u, meter, sa.SP_ID, from, to);
    if (!range) continue;
    const load = u.loads.get(meter.meterId);
    if (!load) continue;
    const mu: MeterUsage = { meter, forward: 0, reverse: 0, estimated: false, startRead: null };
    for (let d = range[0]; d <= range[1]; d++) {
      const info = u.calendar.localDay(d);
      if (needIntervals && load.slotSeconds < 86400) {
        const readings = dayReadings(u.calendar, load, 'forward', d);
        const hours = u.calendar.slotHoursOf(d, load.slotSeconds);
        const season = seasonOf(info.date);
        const offset = (season === 'SUM' ? 0 : 48) + (info.weekday >= 6 ? 24 : 0);
        for (let i = 0; i < readings.length; i++) {
          mu.forward += readings[i];
          if (readings[i] > result.peakInterval && load.slotSeconds === 900) result.peakInterval = readings[i];
          if (table) {
            const key = `${table[offset + hours[i]]}/${season}`;
            result.tou.set(key, (result.tou.get(key) ?? 0) + readings[i]);
          }
        }
      } else {
        mu.forward += dailyTotal(load, 'forward', info);
      }
      if (meter.flow === 'BIDIRECTIONAL') mu.reverse += dailyTotal(load, 'reverse', info);
      if (meter.technology === 'AMI' && isEstimated(load, d)) mu.estimated = true;
    }
    if (meter.technology !== 'AMI') {
      // Register at the period start: a seeded base plus everything read since history began.
      let read = load.seed % 90000 * (meter.commodity === 'ELECTRIC' ? 1000 : 100);
      const first = meterDays(u, meter, sa.SP_ID, u.historyStart, dateOf(range[0] - 1));
      if (first) for (let d = first[0]; d <= first[1]; d++) read += dailyTotal(load, 'forward', u.calendar.localDay(d));
      mu.startRead = read;
    }
    result.meters.push(mu);
    result.forward += mu.forward;
    result.reverse += mu.reverse;
  }
  return result;
}

// ---- sections -------------------------------------------------------------------------------

const UNIT = { E: { uom: 'KWH', div: 1000 }, G: { uom: 'CCF', div: 100 }, W: { uom: 'GAL', div: 1 } } as const;
const SVC_NAME = { E: 'Electric', G: 'Gas', W: 'Water' } as const;
const TOU_NAME: Record<TouPeriodCd, string> = { SPK: 'Super Peak', PK: 'Peak', PPK: 'Partial Peak', OPK: 'Off-Peak', SOP: 'Super Off-Peak' };
const TOU_ORDER: TouPeriodCd[] = ['SPK', 'PK', 'PPK', 'OPK', 'SOP'];

export function rateAt(u: Utility, sa: CisServiceAgreement, date: string): CisRate {
  let code = sa.RATE_HIST[0].RATE_CD;
  for (const h of sa.RATE_HIST) if (h.EFF_DT <= date) code = h.RATE_CD;
  return u.index.rate.get(code)!;
}

function enrolledAt(account: CisAccount, prog: string, date: string): boolean {
  return account.PROGRAMS.some((p) => p.PROG_CD === prog && p.ENRL_STAT_CD === 'ENRL' && (!p.START_DT || p.START_DT <= date) && (!p.END_DT || p.END_DT >= date));
}

/** A section's identity and period, known without computing its usage and amounts. */
export interface SectionStub {
  SECT_ID: string;
  slot: StatementSlot;
  sa: CisServiceAgreement;
  from: string;
  to: string;
}

/** The sections of a statement: one per billed agreement active in the period, in agreement-number order. */
export function sectionStubs(u: Utility, billed: CisAccount, slot: StatementSlot): SectionStub[] {
  return billedAgreements(u, billed)
    .filter((sa) => overlaps(sa, slot.perFrom, slot.perTo))
    .sort((a, b) => (a.SA_NO < b.SA_NO ? -1 : a.SA_NO > b.SA_NO ? 1 : 0))
    .map((sa, i) => ({
      SECT_ID: `${slot.STMT_ID}-${String(i + 1).padStart(2, '0')}`, slot, sa,
      from: sa.START_DT > slot.perFrom ? sa.START_DT : slot.perFrom,
      to: sa.END_DT && sa.END_DT < slot.perTo ? sa.END_DT : slot.perTo,
    }));
}

/** Usage, cost totals and lines of one section (independent of balances, so computable alone). */
export function sectionDetail(u: Utility, billed: CisAccount, stub: SectionStub): SectionDetail {
  const { sa, slot, from, to, SECT_ID } = stub;
  const owner = u.index.account.get(sa.ACCT_ID)!;
  const rate = rateAt(u, sa, to);
  const svc = sa.SVC_TYPE_CD;
  const unit = UNIT[svc];
  const qty = (native: number) => new Money(native).div(unit.div);
  const usage = sectionUsage(u, sa, rate, from, to);
  const days = dayNumber(to) - dayNumber(from) + 1;
  const comp = rate.COMPONENT_CD === 'BUNDLED' ? 'BNDL' : rate.COMPONENT_CD;
  const base = { SECT_ID, PER_FROM: compact(from), PER_TO: compact(to) };

  const usageRecs: BillUsageRecord[] = [];
  type UsageFields = Pick<BillUsageRecord, 'USG_CD' | 'DESCR' | 'QTY' | 'UOM'> & Partial<BillUsageRecord>;
  const addUsage = (r: UsageFields) => {
    const SEQ = usageRecs.length + 1;
    usageRecs.push({
      RT: 'U', SECT_ID, SEQ, USG_CD: r.USG_CD, DESCR: r.DESCR, QTY: r.QTY, UOM: r.UOM, PER_FROM: base.PER_FROM, PER_TO: base.PER_TO,
      READ_CD: r.READ_CD ?? 'AMI', TOU_CD: r.TOU_CD ?? null, TIER_NO: r.TIER_NO ?? null, DIR_CD: r.DIR_CD ?? null,
      SEASON_CD: r.SEASON_CD ?? null, DMD_CD: r.DMD_CD ?? null, START_RD: r.START_RD ?? null, END_RD: r.END_RD ?? null, MULT: r.MULT ?? null,
    });
    return SEQ;
  };
  const totSeqs = usage.meters.map((m) => addUsage({
    USG_CD: 'TOT', DESCR: `${SVC_NAME[svc]} usage, meter ${m.meter.serialNumber}`, QTY: qty(m.forward).toFixed(), UOM: unit.uom,
    READ_CD: m.meter.technology === 'AMI' ? (m.estimated ? 'EST' : 'AMI') : 'AMR',
    START_RD: m.startRead === null ? null : qty(m.startRead).toFixed(),
    END_RD: m.startRead === null ? null : qty(m.startRead + m.forward).toFixed(),
    MULT: m.startRead === null ? null : '1',
  }));
  if (usage.meters.some((m) => m.meter.flow === 'BIDIRECTIONAL')) {
    addUsage({ USG_CD: 'DIR', DIR_CD: 'DEL', DESCR: 'Energy delivered', QTY: qty(usage.forward).toFixed(), UOM: unit.uom });
    addUsage({ USG_CD: 'DIR', DIR_CD: 'RCV', DESCR: 'Energy received', QTY: qty(-usage.reverse).toFixed(), UOM: unit.uom });
    addUsage({ USG_CD: 'DIR', DIR_CD: 'NET', DESCR: 'Net energy', QTY: qty(usage.forward - usage.reverse).toFixed(), UOM: unit.uom });
  }

  const lines: BillLineRecord[] = [];
  const line = (l: Omit<BillLineRecord, 'RT' | 'SECT_ID' | 'SEQ' | 'PER_FROM' | 'PER_TO' | 'TOT_SEQS'>) =>
    lines.push({
      RT: 'L', SECT_ID, SEQ: lines.length + 1, LINE_CD: l.LINE_CD, COMP_CD: l.COMP_CD, DESCR: l.DESCR, PER_FROM: base.PER_FROM,
      PER_TO: base.PER_TO, QTY: l.QTY, UOM: l.UOM, RATE: l.RATE, AMT: l.AMT, USG_SEQS: l.USG_SEQS, TOT_SEQS: [],
    });
  const fixed = cents(new Money(rate.FIXED_CHG).mul(12 * days).div(365));
  if (!fixed.isZero()) {
    line({ LINE_CD: 'FIXED', COMP_CD: comp, DESCR: `${SVC_NAME[svc]} - Customer Charge (${days} days)`, QTY: null, UOM: null, RATE: null, AMT: fmt(fixed), USG_SEQS: [] });
  }
  const usageLine = (descr: string, native: number, price: string, seqs: number[], sign = 1) => {
    const q = qty(native);
    line({ LINE_CD: sign < 0 ? 'CREDIT' : 'USAGE', COMP_CD: comp, DESCR: descr, QTY: q.toFixed(), UOM: unit.uom, RATE: price, AMT: fmt(cents(q.mul(price).mul(sign))), USG_SEQS: seqs });
  };
  if (sa.METERED_FLG === 'Y' && rate.RATE_KIND_CD === 'FLAT' && rate.FLAT_PRICE) {
    usageLine(`${SVC_NAME[svc]} - Usage`, usage.forward, rate.FLAT_PRICE, totSeqs);
  } else if (rate.RATE_KIND_CD === 'TIER') {
    let left = usage.forward;
    for (const tier of rate.TIERS) {
      const cap = tier.UPTO_QTY_PER_DAY === null ? Infinity : new Money(tier.UPTO_QTY_PER_DAY).mul(days).mul(unit.div).floor().toNumber();
      const inTier = Math.min(left, cap);
      left -= inTier;
      const seq = addUsage({ USG_CD: 'TIER', TIER_NO: tier.TIER_NO, DESCR: `Tier ${tier.TIER_NO} usage`, QTY: qty(inTier).toFixed(), UOM: unit.uom });
      usageLine(`${SVC_NAME[svc]} - Tier ${tier.TIER_NO} Usage`, inTier, tier.PRICE, [seq]);
    }
  } else if (rate.RATE_KIND_CD === 'TOU') {
    const keys = [...usage.tou.keys()].sort((a, b) =>
      TOU_ORDER.indexOf(a.split('/')[0] as TouPeriodCd) - TOU_ORDER.indexOf(b.split('/')[0] as TouPeriodCd) || a.localeCompare(b));
    for (const key of keys) {
      const [period, season] = key.split('/') as [TouPeriodCd, 'SUM' | 'WIN'];
      const native = usage.tou.get(key)!;
      const price = rate.TOU_PERIODS.find((p) => p.PERIOD_CD === period && (p.SEASON_CD === 'ALL' || p.SEASON_CD === season))!.PRICE;
      const seasonal = rate.TOU_PERIODS.some((p) => p.SEASON_CD !== 'ALL');
      const label = `${TOU_NAME[period]}${seasonal ? (season === 'SUM' ? ' (Summer)' : ' (Winter)') : ''}`;
      const seq = addUsage({ USG_CD: 'TOU', TOU_CD: period, SEASON_CD: seasonal ? season : null, DESCR: `${label} usage`, QTY: qty(native).toFixed(), UOM: unit.uom });
      usageLine(`${SVC_NAME[svc]} - ${label} Usage`, native, price, [seq]);
    }
  }
  if (rate.EXPORT_CREDIT && usage.reverse > 0) {
    const rcv = usageRecs.find((r) => r.DIR_CD === 'RCV')!.SEQ;
    usageLine('Net Metering - Export Credit', usage.reverse, rate.EXPORT_CREDIT, [rcv], -1);
  }
  if (rate.DEMAND_PRICE && usage.peakInterval > 0) {
    const kw = new Money(usage.peakInterval).mul(4).div(1000);
    const seq = addUsage({ USG_CD: 'DMD', DMD_CD: 'PEAK', DESCR: 'Maximum 15-minute demand', QTY: kw.toFixed(), UOM: 'KW' });
    line({ LINE_CD: 'DEMAND', COMP_CD: comp, DESCR: `${SVC_NAME[svc]} - Maximum Demand Charge`, QTY: kw.toFixed(), UOM: 'KW', RATE: rate.DEMAND_PRICE, AMT: fmt(cents(kw.mul(rate.DEMAND_PRICE))), USG_SEQS: [seq] });
  }
  const charges = lines.reduce((s, l) => s.add(l.AMT), new Money(0));
  if (svc !== 'W' && enrolledAt(owner, 'CARE', to) && charges.gt(0)) {
    line({ LINE_CD: 'CREDIT', COMP_CD: 'OTH', DESCR: 'CARE Discount (20%)', QTY: null, UOM: null, RATE: null, AMT: fmt(cents(charges.mul('0.20')).neg()), USG_SEQS: [] });
  }
  if (svc !== 'W') {
    const taxable = lines.reduce((s, l) => s.add(l.AMT), new Money(0));
    if (taxable.gt(0)) {
      line({ LINE_CD: 'TAX', COMP_CD: 'OTH', DESCR: `Utility Users Tax (${TAX.usersTaxPercent}%)`, QTY: null, UOM: null, RATE: null, AMT: fmt(cents(taxable.mul(TAX.usersTaxPercent).div(100))), USG_SEQS: [] });
    }
    if (svc === 'E' && usage.forward > 0 && rate.COMPONENT_CD !== 'SUPP') {
      usageLine('State Energy Surcharge', usage.forward, TAX.energySurchargePerKwh, totSeqs);
      lines[lines.length - 1].LINE_CD = 'TAX';
      lines[lines.length - 1].COMP_CD = 'OTH';
    }
  }

  const costs: BillCostRecord[] = [];
  const subtotalComp = rate.COMPONENT_CD === 'BUNDLED' ? null : rate.COMPONENT_CD;
  const groups: [BillCostRecord['TOT_CD'], string, BillLineRecord['LINE_CD'][]][] = [
    ['FIXED', 'Fixed charges', ['FIXED']],
    ['USAGE', 'Usage charges', ['USAGE', 'DEMAND', 'CREDIT']],
    ['TAX', 'Taxes', ['TAX']],
  ];
  for (const [code, descr, kinds] of groups) {
    const members = lines.filter((l) => kinds.includes(l.LINE_CD));
    if (!members.length) continue;
    const seq = costs.length + 1;
    costs.push({ RT: 'T', SECT_ID, SEQ: seq, TOT_CD: code, COMP_CD: code === 'TAX' ? null : subtotalComp, DESCR: descr, AMT: fmt(members.reduce((s, l) => s.add(l.AMT), new Money(0))) });
    for (const l of members) l.TOT_SEQS.push(seq);
  }
  const sectSeq = costs.length + 1;
  costs.push({ RT: 'T', SECT_ID, SEQ: sectSeq, TOT_CD: 'SECT', COMP_CD: null, DESCR: `Total ${SVC_NAME[svc]} charges`, AMT: fmt(lines.reduce((s, l) => s.add(l.AMT), new Money(0))) });
  for (const l of lines) l.TOT_SEQS.push(sectSeq);

  const entity = sa.ENTITY_ID;
  const header: BillSectionHeader = {
    RT: 'S', SECT_ID, STMT_ID: slot.STMT_ID, ACCT_ID: owner.ACCT_ID, ACCT_NO: owner.ACCT_NO, SA_ID: sa.SA_ID, SA_NO: sa.SA_NO,
    SECT_TYPE_CD: owner.ACCT_ID === billed.ACCT_ID ? 'SA' : 'SUB', SVC_TYPE_CD: svc,
    SVC_ROLE_CDS: sa.SVC_ROLE_CDS.filter((r): r is 'DIST' | 'SUPP' => r !== 'GEN'),
    PER_FROM: base.PER_FROM, PER_TO: base.PER_TO, CURR: rate.CURR,
    DIST_ENTITY_ID: sa.SVC_ROLE_CDS.includes('DIST') ? entity : null,
    SUPP_ENTITY_ID: sa.SVC_ROLE_CDS.includes('SUPP') ? entity : null,
    RATE_CD: rate.RATE_CD, SP_IDS: [sa.SP_ID], METER_IDS: usage.meters.map((m) => m.meter.meterId),
    PROG_CDS: sa.PROGRAMS.filter((p) => (p.ENRL_STAT_CD === 'ENRL' || p.ENRL_STAT_CD === 'ENDED') && p.START_DT && p.START_DT <= to && (!p.END_DT || p.END_DT >= from)).map((p) => p.PROG_CD),
    CRE_TS: billTimestamp(slot.created), UPD_TS: billTimestamp(slot.modified),
  };
  return { header, usage: usageRecs, costs, lines, native: { forward: usage.forward, reverse: usage.reverse } };
}

// ---- statements -----------------------------------------------------------------------------

const CHARGE_OF: Record<'E' | 'G' | 'W', ChargeCd> = { E: 'ELEC', G: 'GAS', W: 'WATR' };

function computeStatements(u: Utility, account: CisAccount): StatementDetail[] {
  const profile = u.billing.get(account.ACCT_ID)!;
  const acctKey = Number(account.ACCT_ID.slice(1));
  const out: StatementDetail[] = [];
  let prevDue = new Money(0);
  for (const slot of statementSlots(u, account)) {
    const sections = sectionStubs(u, account, slot).map((stub) => sectionDetail(u, account, stub));
    const charges: BillChargeRecord[] = [];
    const charge = (CHG_CD: ChargeCd, DESCR: string, AMT: string, IN_DUE: 'Y' | 'N', SECT_IDS: string[]) =>
      charges.push({ RT: 'C', STMT_ID: slot.STMT_ID, SEQ: charges.length + 1, CHG_CD, DESCR, AMT, IN_DUE, SECT_IDS });
    for (const s of sections) {
      const h = s.header;
      const who = h.SECT_TYPE_CD === 'SUB' ? `Account ${h.ACCT_NO}` : `Agreement ${h.SA_NO}`;
      charge(CHARGE_OF[h.SVC_TYPE_CD!], `${SVC_NAME[h.SVC_TYPE_CD!]} Service - ${who}`, s.costs[s.costs.length - 1].AMT, 'Y', [h.SECT_ID]);
    }
    const roll = mix(acctKey, dayNumber(slot.stmtDate), 11) % 100;
    const paid = prevDue.lte(0) ? new Money(0)
      : profile.behaviour === 'FULL' ? prevDue
      : profile.behaviour === 'PARTIAL' ? cents(prevDue.mul(50 + (roll % 46)).div(100))
      : roll < 40 ? new Money(0) : prevDue;
    const carried = prevDue.sub(paid);
    if (profile.behaviour === 'LATE' && carried.gt(0)) charge('FEE', 'Late Payment Charge (1.5%)', fmt(cents(carried.mul('0.015'))), 'Y', []);
    if (!out.length && account.OPEN_DT >= u.historyStart && roll < 10) charge('DEP', 'Security Deposit', '75.00', 'Y', []);
    if (enrolledAt(account, 'PAYPLAN', slot.stmtDate) && carried.gt(0)) {
      charge('DEFR', 'Payment Arrangement - Deferred Balance (not due)', fmt(cents(carried.div(2))), 'N', []);
    }
    const current = charges.filter((c) => c.IN_DUE === 'Y').reduce((s, c) => s.add(c.AMT), new Money(0));
    const due = carried.add(current);
    const dueDate = addDays(slot.stmtDate, 21);
    const shutoff = profile.behaviour === 'LATE' && carried.gte(50);
    const header: BillStatementHeader = {
      RT: 'H', STMT_ID: slot.STMT_ID, ACCT_ID: account.ACCT_ID, ACCT_NO: account.ACCT_NO,
      STMT_DT: compact(slot.stmtDate), PER_FROM: compact(slot.perFrom), PER_TO: compact(slot.perTo), DUE_DT: compact(dueDate), CURR: 'USD',
      PREV_BAL: fmt(prevDue), PMT_RCVD: fmt(paid), BAL_FWD: fmt(carried), CUR_CHG: fmt(current), NEW_BAL: fmt(due), AMT_DUE: fmt(due),
      SHUTOFF_MIN: shutoff ? fmt(carried) : null, SHUTOFF_DT: shutoff ? compact(addDays(dueDate, 10)) : null,
      PROG_CDS: account.PROGRAMS.filter((p) => p.ENRL_STAT_CD === 'ENRL' && p.START_DT && p.START_DT <= slot.perTo && (!p.END_DT || p.END_DT >= slot.perFrom)).map((p) => p.PROG_CD),
      PDF_FLG: 'Y', CRE_TS: billTimestamp(slot.created), UPD_TS: billTimestamp(slot.modified),
    };
    out.push({ header, charges, sections });
    prevDue = due;
  }
  return out;
}

const MEMO_ACCOUNTS = 500;
const memo = new WeakMap<Utility, Map<string, StatementDetail[]>>();

/** Every issued statement of an account with its sections, oldest first (memoised per account). */
export function statementDetails(u: Utility, account: CisAccount): StatementDetail[] {
  let cache = memo.get(u);
  if (!cache) memo.set(u, (cache = new Map()));
  const hit = cache.get(account.ACCT_ID);
  if (hit) {
    cache.delete(account.ACCT_ID);
    cache.set(account.ACCT_ID, hit);
    return hit;
  }
  const computed = computeStatements(u, account);
  cache.set(account.ACCT_ID, computed);
  if (cache.size > MEMO_ACCOUNTS) cache.delete(cache.keys().next().value!);
  return computed;
}

/** Drops memoised statements after a change touched an account. */
export function forgetStatements(u: Utility, acctId: string): void {
  memo.get(u)?.delete(acctId);
}
