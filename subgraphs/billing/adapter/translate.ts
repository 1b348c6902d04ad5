import type {
  BillChargeRecord, BillCostRecord, BillLineRecord, BillSectionHeader, BillStatementHeader, BillUsageRecord, ChargeCd,
} from '../../../legacy/billing/records';
import {
  ExactDecimal, toDateTimeString, type BillSectionType, type CostDetailType, type DirectionType, type LineItemType, type NewChargeType,
  type SeasonType, type TierType, type TimeOfUseType, type UnitType, type UsageDetailType,
} from '../../shared';
import type { BillSection, CostDetail, LineItem, UsageDetail } from '../types/billSection';
import type { BillStatement, NewCharge } from '../types/billStatement';

// Billing export records → Bill Statements (cds-wg3-01 §10.5) and Bill Sections (§10.6).

/** `YYYYMMDD` → RFC 3339 full-date. */
export const billDate = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
/** RFC 3339 full-date → `YYYYMMDD`. */
export const toBillDate = (d: string) => d.replaceAll('-', '');
/** `YYYYMMDDHHMMSS` (UTC) → RFC 3339 date-time. */
const billTimestamp = (t: string) => `${billDate(t)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}Z`;

const CHARGE: Record<ChargeCd, NewChargeType> = {
  ELEC: 'electric_total', GAS: 'natural_gas_total', WATR: 'water_total', TAX: 'tax', FEE: 'fixed_fee', FLAT: 'flat_rate',
  INT: 'interest', DEP: 'deposit', DEFR: 'differed', CRBK: 'credit_bank', PROG: 'program', ADHC: 'adhoc',
};
const UNITS: Record<BillUsageRecord['UOM'], UnitType> = { KWH: 'kWh', KW: 'kW', CCF: 'CCF', GAL: 'gal' };
const USAGE_KIND: Record<BillUsageRecord['UOM'], UsageDetailType> = {
  KWH: 'electric_usage', KW: 'electric_demand', CCF: 'natural_gas_usage', GAL: 'water_usage',
};
const READ: Record<BillUsageRecord['READ_CD'], UsageDetailType> = { AMI: 'ami_reading', AMR: 'amr_reading', EST: 'estimated' };
const TOU: Record<NonNullable<BillUsageRecord['TOU_CD']>, TimeOfUseType> = {
  SPK: 'super_peak', PK: 'peak', PPK: 'partial_peak', OPK: 'off_peak', SOP: 'super_off_peak',
};
const DIRECTION: Record<NonNullable<BillUsageRecord['DIR_CD']>, DirectionType> = { DEL: 'forward', RCV: 'reverse', NET: 'net' };
const SEASON: Record<NonNullable<BillUsageRecord['SEASON_CD']>, SeasonType> = { SUM: 'summer', WIN: 'winter' };
const SECTION: Record<BillSectionHeader['SECT_TYPE_CD'], BillSectionType> = { SA: 'service_contract', SUB: 'sub_account', OTH: 'other_section' };
const SERVICE: Record<NonNullable<BillSectionHeader['SVC_TYPE_CD']>, BillSectionType> = { E: 'electric', G: 'natural_gas', W: 'water' };
const COMPONENT_COST: Record<'DIST' | 'SUPP', CostDetailType> = { DIST: 'distribution', SUPP: 'supply' };
const TOTAL: Record<BillCostRecord['TOT_CD'], CostDetailType[]> = {
  FIXED: ['subtotal', 'fixed_charges'], USAGE: ['subtotal', 'usage_charges'], TAX: ['subtotal', 'taxes'], SECT: ['overall_total'],
};
const LINE: Record<BillLineRecord['LINE_CD'], LineItemType[]> = {
  FIXED: ['fixed_charge'], USAGE: ['usage_charge'], DEMAND: ['usage_charge'], CREDIT: ['usage_charge'], TAX: ['tax'],
};
const LINE_COMPONENT: Record<BillLineRecord['COMP_CD'], LineItemType[]> = {
  DIST: ['distribution'], SUPP: ['supply'], BNDL: ['distribution', 'supply'], OTH: [],
};

const stamps = (r: { CRE_TS: string; UPD_TS: string }, synced: Date) => ({
  created: billTimestamp(r.CRE_TS), modified: billTimestamp(r.UPD_TS), synced: toDateTimeString(synced),
});

export function toBillStatement(h: BillStatementHeader, charges: BillChargeRecord[], pdfUrl: (id: string) => string, synced: Date): BillStatement {
  const newCharges: NewCharge[] = charges.map((c) => ({
    id: `${h.STMT_ID}-C${c.SEQ}`,
    name: c.DESCR,
    types: [CHARGE[c.CHG_CD]],
    amount: c.AMT,
    includedInAmountDue: c.IN_DUE === 'Y',
    relatedBillSectionIds: c.SECT_IDS,
  }));
  // §10.5.1 sum rule: unpaid balance + included charges must equal the amount due; a bill that
  // does not add up gets a balancing charge rather than a silently wrong total.
  const included = newCharges.filter((c) => c.includedInAmountDue).reduce((sum, c) => sum.plus(c.amount), new ExactDecimal(h.BAL_FWD));
  const difference = new ExactDecimal(h.AMT_DUE).minus(included);
  if (!difference.isZero()) {
    newCharges.push({
      id: `${h.STMT_ID}-DIFF`,
      name: 'Difference between the amount due and the itemised charges',
      types: ['amount_due_sum_difference'],
      amount: difference.toFixed(),
      includedInAmountDue: true,
      relatedBillSectionIds: [],
    });
  }
  const pdf = h.PDF_FLG === 'Y';
  return {
    id: h.STMT_ID,
    ...stamps(h, synced),
    accountId: h.ACCT_ID,
    accountNumber: h.ACCT_NO,
    statementDate: billDate(h.STMT_DT),
    currency: h.CURR,
    fileUri: pdf ? pdfUrl(h.STMT_ID) : null,
    fileMimetype: pdf ? 'application/pdf' : null,
    previousBalanceAmount: h.PREV_BAL,
    previousBalancePaid: h.PMT_RCVD,
    previousBalanceUnpaid: h.BAL_FWD,
    newChargesAmount: h.CUR_CHG,
    newBalanceAmount: h.NEW_BAL,
    newCharges,
    amountDue: h.AMT_DUE,
    amountDueDate: billDate(h.DUE_DT),
    shutoffPreventionMinimumDue: h.SHUTOFF_MIN,
    shutoffPreventionDate: h.SHUTOFF_DT ? billDate(h.SHUTOFF_DT) : null,
    accountProgramNumbers: h.PROG_CDS,
  };
}

function toUsageDetail(u: BillUsageRecord): UsageDetail {
  const types: UsageDetailType[] = [USAGE_KIND[u.UOM]];
  if (u.TOU_CD) types.push('time_of_use');
  if (u.TIER_NO !== null) types.push('tiered');
  if (u.DIR_CD) types.push('directional');
  if (u.SEASON_CD) types.push('seasonal');
  types.push(READ[u.READ_CD]);
  const amr = u.READ_CD === 'AMR';
  return {
    id: `${u.SECT_ID}-U${u.SEQ}`,
    name: u.DESCR,
    types,
    value: u.QTY,
    units: UNITS[u.UOM],
    startDate: billDate(u.PER_FROM),
    endDate: billDate(u.PER_TO),
    demandType: u.UOM === 'KW' ? 'peak' : null,
    tou: u.TOU_CD ? TOU[u.TOU_CD] : null,
    tier: u.TIER_NO !== null ? (`tier_${u.TIER_NO}` as TierType) : null,
    direction: u.DIR_CD ? DIRECTION[u.DIR_CD] : null,
    season: u.SEASON_CD ? SEASON[u.SEASON_CD] : null,
    startRead: amr ? u.START_RD : null,
    endRead: amr ? u.END_RD : null,
    multiplier: amr ? u.MULT : null,
  };
}

function toCostDetail(t: BillCostRecord): CostDetail {
  return {
    id: `${t.SECT_ID}-T${t.SEQ}`,
    name: t.DESCR,
    types: [...TOTAL[t.TOT_CD], ...(t.COMP_CD ? [COMPONENT_COST[t.COMP_CD]] : [])],
    cost: t.AMT,
  };
}

function toLineItem(l: BillLineRecord): LineItem {
  return {
    id: `${l.SECT_ID}-L${l.SEQ}`,
    name: l.DESCR,
    types: [...LINE[l.LINE_CD], ...LINE_COMPONENT[l.COMP_CD]],
    startDate: billDate(l.PER_FROM),
    endDate: billDate(l.PER_TO),
    cost: l.AMT,
    value: l.QTY,
    units: l.UOM ? UNITS[l.UOM] : null,
    rate: l.RATE,
    relatedUsageDetailIds: l.USG_SEQS.map((seq) => `${l.SECT_ID}-U${seq}`),
    relatedCostDetailIds: l.TOT_SEQS.map((seq) => `${l.SECT_ID}-T${seq}`),
  };
}

export interface SectionParts {
  usage: BillUsageRecord[];
  costs: BillCostRecord[];
  lines: BillLineRecord[];
}

export function toBillSection(s: BillSectionHeader, parts: SectionParts, synced: Date): BillSection {
  return {
    id: s.SECT_ID,
    ...stamps(s, synced),
    billStatementId: s.STMT_ID,
    accountId: s.ACCT_ID,
    accountNumber: s.ACCT_NO,
    contractNumber: s.SA_NO,
    sectionTypes: [
      SECTION[s.SECT_TYPE_CD], ...(s.SVC_TYPE_CD ? [SERVICE[s.SVC_TYPE_CD]] : []),
      ...s.SVC_ROLE_CDS.map((r): BillSectionType => (r === 'DIST' ? 'distribution' : 'supply')),
    ],
    startDate: billDate(s.PER_FROM),
    endDate: billDate(s.PER_TO),
    currency: s.CURR,
    distributionEntityId: s.DIST_ENTITY_ID,
    supplyEntityId: s.SUPP_ENTITY_ID,
    relatedServiceContractIds: s.SA_ID ? [s.SA_ID] : [],
    relatedServicePointIds: s.SP_IDS,
    relatedMeterDeviceIds: s.METER_IDS,
    relatedBillSectionIds: [],
    serviceProgramNumbers: s.PROG_CDS,
    usageDetails: parts.usage.map(toUsageDetail),
    costDetails: parts.costs.map(toCostDetail),
    lineItems: parts.lines.map(toLineItem),
  };
}
