import { z } from 'zod';
import type {
  BillChargeRecord, BillCostRecord, BillLineRecord, BillSectionHeader, BillStatementHeader, BillUsageRecord,
} from '../../../legacy/billing/records';

// zod schemas of the billing export records (legacy/billing/records.ts), typed against them.

const date = z.string().regex(/^\d{8}$/);
const ts = z.string().regex(/^\d{14}$/);
const amount = z.string().regex(/^-?\d+(\.\d+)?$/);
const uom = z.enum(['KWH', 'KW', 'CCF', 'GAL']);

export const statementHeader = z.object({
  RT: z.literal('H'),
  STMT_ID: z.string(), ACCT_ID: z.string(), ACCT_NO: z.string(),
  STMT_DT: date, PER_FROM: date, PER_TO: date, DUE_DT: date, CURR: z.string(),
  PREV_BAL: amount, PMT_RCVD: amount, BAL_FWD: amount, CUR_CHG: amount, NEW_BAL: amount, AMT_DUE: amount,
  SHUTOFF_MIN: amount.nullable(), SHUTOFF_DT: date.nullable(),
  PROG_CDS: z.array(z.string()), PDF_FLG: z.enum(['Y', 'N']), CRE_TS: ts, UPD_TS: ts,
}) satisfies z.ZodType<BillStatementHeader>;

export const chargeRecord = z.object({
  RT: z.literal('C'),
  STMT_ID: z.string(), SEQ: z.number().int(),
  CHG_CD: z.enum(['ELEC', 'GAS', 'WATR', 'TAX', 'FEE', 'FLAT', 'INT', 'DEP', 'DEFR', 'CRBK', 'PROG', 'ADHC']),
  DESCR: z.string(), AMT: amount, IN_DUE: z.enum(['Y', 'N']), SECT_IDS: z.array(z.string()),
}) satisfies z.ZodType<BillChargeRecord>;

export const sectionHeader = z.object({
  RT: z.literal('S'),
  SECT_ID: z.string(), STMT_ID: z.string(), ACCT_ID: z.string(), ACCT_NO: z.string(),
  SA_ID: z.string().nullable(), SA_NO: z.string().nullable(),
  SECT_TYPE_CD: z.enum(['SA', 'SUB', 'OTH']), SVC_TYPE_CD: z.enum(['E', 'G', 'W']).nullable(),
  SVC_ROLE_CDS: z.array(z.enum(['DIST', 'SUPP'])),
  PER_FROM: date, PER_TO: date, CURR: z.string(),
  DIST_ENTITY_ID: z.string().nullable(), SUPP_ENTITY_ID: z.string().nullable(), RATE_CD: z.string().nullable(),
  SP_IDS: z.array(z.string()), METER_IDS: z.array(z.string()), PROG_CDS: z.array(z.string()),
  CRE_TS: ts, UPD_TS: ts,
}) satisfies z.ZodType<BillSectionHeader>;

export const usageRecord = z.object({
  RT: z.literal('U'),
  SECT_ID: z.string(), SEQ: z.number().int(), USG_CD: z.enum(['TOT', 'TOU', 'TIER', 'DIR', 'DMD']),
  DESCR: z.string(), QTY: amount, UOM: uom, PER_FROM: date, PER_TO: date, READ_CD: z.enum(['AMI', 'AMR', 'EST']),
  TOU_CD: z.enum(['SPK', 'PK', 'PPK', 'OPK', 'SOP']).nullable(), TIER_NO: z.number().int().nullable(),
  DIR_CD: z.enum(['DEL', 'RCV', 'NET']).nullable(), SEASON_CD: z.enum(['SUM', 'WIN']).nullable(),
  DMD_CD: z.literal('PEAK').nullable(), START_RD: amount.nullable(), END_RD: amount.nullable(), MULT: amount.nullable(),
}) satisfies z.ZodType<BillUsageRecord>;

export const costRecord = z.object({
  RT: z.literal('T'),
  SECT_ID: z.string(), SEQ: z.number().int(), TOT_CD: z.enum(['FIXED', 'USAGE', 'TAX', 'SECT']),
  COMP_CD: z.enum(['DIST', 'SUPP']).nullable(), DESCR: z.string(), AMT: amount,
}) satisfies z.ZodType<BillCostRecord>;

export const lineRecord = z.object({
  RT: z.literal('L'),
  SECT_ID: z.string(), SEQ: z.number().int(), LINE_CD: z.enum(['FIXED', 'USAGE', 'DEMAND', 'CREDIT', 'TAX']),
  COMP_CD: z.enum(['DIST', 'SUPP', 'BNDL', 'OTH']), DESCR: z.string(), PER_FROM: date, PER_TO: date,
  QTY: amount.nullable(), UOM: uom.nullable(), RATE: amount.nullable(), AMT: amount,
  USG_SEQS: z.array(z.number().int()), TOT_SEQS: z.array(z.number().int()),
}) satisfies z.ZodType<BillLineRecord>;

const exportOf = <T extends z.ZodType>(record: T) => z.object({
  EXPORT: z.enum(['STMT', 'SECT']),
  RECORDS: z.array(record),
  COUNT: z.number().int(),
  RESUME: z.string().nullable(),
  BACK: z.string().nullable(),
});

export const statementExport = exportOf(z.discriminatedUnion('RT', [statementHeader, chargeRecord]));
export const sectionExport = exportOf(z.discriminatedUnion('RT', [sectionHeader, usageRecord, costRecord, lineRecord]));
