/**
 * Native record types of the billing system simulator.
 *
 * The billing system exports flat records, one object per line of its print file, each tagged
 * with a record type `RT`. Dates are `YYYYMMDD`, timestamps `YYYYMMDDHHMMSS` (UTC), amounts are
 * decimal strings with two fraction digits, quantities decimal strings. Adapters regroup them.
 *
 * Statement export: H (header) followed by its C (new charge) records.
 * Section export: S (section header) followed by its U (usage), T (cost total) and L (line) records.
 */

export type BillDate = string;
export type BillTimestamp = string;

export interface BillStatementHeader {
  RT: 'H';
  STMT_ID: string;
  /** CIS ACCT_ID and ACCT_NO of the billed account, as at issue. */
  ACCT_ID: string;
  ACCT_NO: string;
  STMT_DT: BillDate;
  /** Service period the statement covers (inclusive). */
  PER_FROM: BillDate;
  PER_TO: BillDate;
  DUE_DT: BillDate;
  CURR: string;
  /** Amount due on the previous statement. */
  PREV_BAL: string;
  /** Payments received since (a positive number). */
  PMT_RCVD: string;
  /** PREV_BAL − PMT_RCVD: balance carried forward. */
  BAL_FWD: string;
  /** Sum of the C records with IN_DUE = Y. */
  CUR_CHG: string;
  /** BAL_FWD + CUR_CHG. */
  NEW_BAL: string;
  /** Equals NEW_BAL in this system. */
  AMT_DUE: string;
  /** Minimum to avoid disconnection, and its date; null without a shutoff notice. */
  SHUTOFF_MIN: string | null;
  SHUTOFF_DT: BillDate | null;
  /** CIS program codes printed on the statement (account programs active in the period). */
  PROG_CDS: string[];
  /** Y: a PDF image exists at /billing/v1/statements/{STMT_ID}/pdf. */
  PDF_FLG: 'Y' | 'N';
  CRE_TS: BillTimestamp;
  UPD_TS: BillTimestamp;
}

/**
 * New charge codes: ELEC/GAS/WATR service totals, TAX account-level tax, FEE fixed fee (e.g. late fee),
 * FLAT flat-rate installment, INT interest, DEP deposit, DEFR deferred balance (payment plan),
 * CRBK credit bank, PROG program charge/credit, ADHC ad-hoc adjustment.
 */
export type ChargeCd = 'ELEC' | 'GAS' | 'WATR' | 'TAX' | 'FEE' | 'FLAT' | 'INT' | 'DEP' | 'DEFR' | 'CRBK' | 'PROG' | 'ADHC';

export interface BillChargeRecord {
  RT: 'C';
  STMT_ID: string;
  SEQ: number;
  CHG_CD: ChargeCd;
  DESCR: string;
  AMT: string;
  /** Y: counted in CUR_CHG / AMT_DUE. */
  IN_DUE: 'Y' | 'N';
  /** Sections this charge totals (service totals); empty otherwise. */
  SECT_IDS: string[];
}

export type BillStatementRecord = BillStatementHeader | BillChargeRecord;

/** SA: one service agreement; SUB: an enterprise child account's agreement on the parent's statement; OTH: ad hoc. */
export type SectTypeCd = 'SA' | 'SUB' | 'OTH';

export interface BillSectionHeader {
  RT: 'S';
  SECT_ID: string;
  STMT_ID: string;
  /** The account whose service this is (the child account for SUB sections). */
  ACCT_ID: string;
  ACCT_NO: string;
  SA_ID: string | null;
  SA_NO: string | null;
  SECT_TYPE_CD: SectTypeCd;
  SVC_TYPE_CD: 'E' | 'G' | 'W' | null;
  /** Components billed: DIST distribution, SUPP supply. */
  SVC_ROLE_CDS: ('DIST' | 'SUPP')[];
  PER_FROM: BillDate;
  PER_TO: BillDate;
  CURR: string;
  /** CIS ENTITY_IDs; null when the section has no such component. */
  DIST_ENTITY_ID: string | null;
  SUPP_ENTITY_ID: string | null;
  RATE_CD: string | null;
  /** CIS SP_IDs and MDM meterIds whose reads were billed. */
  SP_IDS: string[];
  METER_IDS: string[];
  /** CIS service program codes active during the period. */
  PROG_CDS: string[];
  CRE_TS: BillTimestamp;
  UPD_TS: BillTimestamp;
}

/**
 * Usage determinant codes: TOT total, TOU a time-of-use period, TIER a tier block, DIR one flow
 * direction (DEL delivered, RCV received, NET), DMD demand.
 */
export interface BillUsageRecord {
  RT: 'U';
  SECT_ID: string;
  SEQ: number;
  USG_CD: 'TOT' | 'TOU' | 'TIER' | 'DIR' | 'DMD';
  DESCR: string;
  /** Decimal quantity in UOM; delivered quantities positive, received quantities negative. */
  QTY: string;
  UOM: 'KWH' | 'KW' | 'CCF' | 'GAL';
  PER_FROM: BillDate;
  PER_TO: BillDate;
  /** How the quantity was obtained: AMI interval data, AMR register reads, EST estimated. */
  READ_CD: 'AMI' | 'AMR' | 'EST';
  TOU_CD: 'SPK' | 'PK' | 'PPK' | 'OPK' | 'SOP' | null;
  TIER_NO: number | null;
  DIR_CD: 'DEL' | 'RCV' | 'NET' | null;
  SEASON_CD: 'SUM' | 'WIN' | null;
  /** Demand records: PEAK highest 15-minute average demand. */
  DMD_CD: 'PEAK' | null;
  /** AMR register reads (decimal strings) and meter multiplier; null for AMI. */
  START_RD: string | null;
  END_RD: string | null;
  MULT: string | null;
}

/** Cost totals: FIXED, USAGE, TAX subtotals and SECT (the section total printed on the bill). */
export interface BillCostRecord {
  RT: 'T';
  SECT_ID: string;
  SEQ: number;
  TOT_CD: 'FIXED' | 'USAGE' | 'TAX' | 'SECT';
  /** Component of a FIXED/USAGE subtotal of a distribution-only or supply-only section; null otherwise. */
  COMP_CD: 'DIST' | 'SUPP' | null;
  DESCR: string;
  AMT: string;
}

export interface BillLineRecord {
  RT: 'L';
  SECT_ID: string;
  SEQ: number;
  /** FIXED customer charge, USAGE energy/volume charge, DEMAND demand charge, CREDIT export credit or discount, TAX government tax. */
  LINE_CD: 'FIXED' | 'USAGE' | 'DEMAND' | 'CREDIT' | 'TAX';
  /** Component: DIST distribution (delivery), SUPP supply (generation), BNDL bundled delivery and supply, OTH neither (taxes, discounts). */
  COMP_CD: 'DIST' | 'SUPP' | 'BNDL' | 'OTH';
  /** Text as printed on the bill. */
  DESCR: string;
  PER_FROM: BillDate;
  PER_TO: BillDate;
  /** Measured quantity and unit; null for charges without a measurement. */
  QTY: string | null;
  UOM: 'KWH' | 'KW' | 'CCF' | 'GAL' | null;
  RATE: string | null;
  AMT: string;
  /** SEQs of the U / T records this line relates to. */
  USG_SEQS: number[];
  TOT_SEQS: number[];
}

export type BillSectionRecord = BillSectionHeader | BillUsageRecord | BillCostRecord | BillLineRecord;

/** Export responses: records in the billing system's order; RESUME/BACK are opaque tokens. */
export interface BillExport<R> {
  EXPORT: 'STMT' | 'SECT';
  RECORDS: R[];
  /** Number of H (statement export) or S (section export) records in this response. */
  COUNT: number;
  RESUME: string | null;
  BACK: string | null;
}

/** Error body of every billing error response. */
export interface BillError {
  RC: string;
  MSG: string;
}
