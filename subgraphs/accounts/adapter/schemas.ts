import { z } from 'zod';
import type {
  CisAccount, CisEntity, CisGroup, CisProgram, CisProgramEnrollment, CisRate, CisServiceAgreement,
  CisServicePoint,
} from '../../../legacy/cis/records';

// zod schemas of the CIS records we read (legacy/cis/records.ts): typed against the record
// interfaces, so a change there fails the typecheck here, and a payload that drifts fails loudly.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const timestamp = z.string();
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const yesNo = z.enum(['Y', 'N']);
const custClass = z.enum(['RES', 'COM', 'IND', 'AGR', 'MUN']);

const enrollment = z.object({
  ENRL_ID: z.string(),
  PROG_CD: z.string(),
  ENRL_STAT_CD: z.enum(['ENRL', 'ENDED', 'ELIG', 'INELIG']),
  PARTICIPATION_NO: z.string().nullable(),
  START_DT: date.nullable(),
  END_DT: date.nullable(),
  CB_BAL: decimal.nullable(),
  CB_UNITS: z.enum(['USD', 'KWH']).nullable(),
  CB_CURR: z.string().nullable(),
}) satisfies z.ZodType<CisProgramEnrollment>;

export const cisAccount = z.object({
  ACCT_ID: z.string(),
  ACCT_NO: z.string(),
  CUST_ID: z.string(),
  CUST_NO: z.string().nullable(),
  PARENT_ACCT_ID: z.string().nullable(),
  ACCT_ROLE_CD: z.enum(['STD', 'PRNT', 'CHLD']),
  ACCT_USE_CD: z.enum(['CUST', '3RDP', 'INTL', 'TEST']),
  ACCT_CLASS_CD: custClass,
  ACCT_NAME: z.string(),
  MAIL_ADDR: z.string(),
  ACCT_STAT_CD: z.enum(['A', 'S', 'C', 'U']),
  BILL_CYC_CD: z.enum(['M', 'Q']),
  BILL_CYC_DAY: z.number().int(),
  ENTITY_ID: z.string(),
  OPEN_DT: date,
  CLOSE_DT: date.nullable(),
  CONTACTS: z.array(z.object({
    CONTACT_ID: z.string(),
    CONTACT_TYPE_CD: z.enum(['PHON', 'EMAL']),
    CONTACT_USE_CD: z.enum(['HOME', 'WORK', 'CELL']).nullable(),
    PRIORITY_CD: z.enum(['PRI', 'SEC']).nullable(),
    PREF_FLG: yesNo,
    CONTACT_VAL: z.string(),
  })),
  PROGRAMS: z.array(enrollment),
  CRE_DTTM: timestamp,
  UPD_DTTM: timestamp,
}) satisfies z.ZodType<CisAccount>;

export const cisServiceAgreement = z.object({
  SA_ID: z.string(),
  SA_NO: z.string(),
  ACCT_ID: z.string(),
  ACCT_NO: z.string(),
  SP_ID: z.string(),
  SA_TYPE_CD: z.enum(['E-RES', 'E-COM', 'E-IND', 'E-AGR', 'E-NEM', 'E-DST', 'E-CCA', 'E-LTG', 'E-PRJ', 'G-RES', 'G-COM', 'W-RES', 'W-COM']),
  SVC_TYPE_CD: z.enum(['E', 'G', 'W']),
  SVC_ROLE_CDS: z.array(z.enum(['DIST', 'SUPP', 'GEN'])),
  CUST_CLASS_CD: custClass,
  METERED_FLG: yesNo,
  SA_STAT_CD: z.enum(['20', '30', '40', '60', '99']),
  BILL_CYC_CD: z.enum(['M', 'Q']),
  START_DT: date,
  END_DT: date.nullable(),
  ENTITY_ID: z.string().nullable(),
  RATE_CD: z.string(),
  RATE_HIST: z.array(z.object({ RATE_CD: z.string(), EFF_DT: date })),
  PROGRAMS: z.array(enrollment),
  CRE_DTTM: timestamp,
  UPD_DTTM: timestamp,
}) satisfies z.ZodType<CisServiceAgreement>;

export const cisServicePoint = z.object({
  SP_ID: z.string(),
  SP_NO: z.string(),
  SP_TYPE_CD: z.enum(['E', 'G', 'W']),
  SP_KIND_CD: z.enum(['PHYS', 'VIRT']),
  SP_LOC_CD: z.enum(['EDGE', 'INTL']),
  ADDR_FMT_CD: z.enum(['STD', 'NONSTD']),
  ADDR_LINE1: z.string(),
  ADDR_LINE2: z.string().nullable(),
  CITY: z.string(),
  STATE: z.string(),
  POSTAL: z.string(),
  GEO_LAT: decimal.nullable(),
  GEO_LONG: decimal.nullable(),
  PREMISES: z.array(z.object({
    PREM_ID: z.string(),
    PREM_NO: z.string(),
    PREM_TYPE_CD: z.enum(['BLDG', 'LAND', 'SGRP', 'ZONE']),
    PREM_ADDR: z.string(),
    POSTAL: z.string(),
    BLDG_GRP_ID: z.string().nullable(),
  })),
  CUR_SA_IDS: z.array(z.string()),
  PREV_SA_IDS: z.array(z.string()),
  CRE_DTTM: timestamp,
  UPD_DTTM: timestamp,
}) satisfies z.ZodType<CisServicePoint>;

export const cisGroup = z.object({
  GRP_ID: z.string(),
  GRP_NO: z.string(),
  GRP_TYPE_CD: z.enum(['ZIP', 'BLDG', 'CHNK']),
  GRP_NAME: z.string(),
  PARENT_GRP_ID: z.string().nullable(),
  CHILD_GRP_IDS: z.array(z.string()),
  MEMBER_SP_IDS: z.array(z.string()),
  ADDRS: z.array(z.string()),
  POSTAL_CDS: z.array(z.string()),
  CITY: z.string(),
  COUNTY: z.string(),
  STATE: z.string(),
  VISIBILITY_CD: z.enum(['PUB', 'LST', 'CONF']),
  CONSENT_CD: z.enum(['ALWAYS', 'SOMETIMES', 'NEVER']),
  CRE_DTTM: timestamp,
  UPD_DTTM: timestamp,
}) satisfies z.ZodType<CisGroup>;

export const cisEntity = z.object({
  ENTITY_ID: z.string(),
  ENTITY_NO: z.string(),
  ENTITY_NAME: z.string(),
  ENTITY_ABBR: z.string().nullable(),
  ENTITY_ROLE_CDS: z.array(z.enum(['DIST', 'SUPP', 'IOU', 'MUNI', 'CCA', 'RETL', 'GEN', 'DSO', 'TSO', 'ISO'])),
}) satisfies z.ZodType<CisEntity>;

export const cisProgram = z.object({
  PROG_CD: z.string(),
  PROG_NAME: z.string(),
  PROG_DESCR: z.string(),
  PROG_LEVEL_CD: z.enum(['ACCT', 'SA']),
  PROG_CAT_CDS: z.array(z.enum(['LOWINC', 'PAYPLAN', 'FLAT', 'PROTECT', 'SURVEY', 'PILOT', 'REBATE', 'CRBANK', 'DR', 'EV', 'TSTAT'])),
  DOC_URL: z.string(),
  INFO_URL: z.string().nullable(),
  SIGNUP_URL: z.string().nullable(),
  SETTINGS_URL: z.string().nullable(),
  DISC_URL: z.string().nullable(),
  DR_PNODE: z.string().nullable(),
  DR_ANODE: z.string().nullable(),
  DR_AGGR_FLG: yesNo.nullable(),
  DR_AUTO_FLG: yesNo.nullable(),
}) satisfies z.ZodType<CisProgram>;

/** Only the rate fields the graph shows (a rate plan's name); the rest of the tariff stays in the CIS. */
export const cisRateName = z.object({ RATE_CD: z.string(), RATE_NAME: z.string() }) satisfies z.ZodType<Pick<CisRate, 'RATE_CD' | 'RATE_NAME'>>;

export const cisPage = <T extends z.ZodType>(row: T) =>
  z.object({ ROWS: z.array(row), NEXT_CURSOR: z.string().nullable(), PREV_CURSOR: z.string().nullable() });

export const cisRows = <T extends z.ZodType>(row: T) => z.object({ ROWS: z.array(row) });
