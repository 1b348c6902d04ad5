/**
 * Native record types of the CIS (customer information system) simulator.
 *
 * The CIS speaks in its own column names and codes, not CDS nouns: adapters translate.
 * Dates are `YYYY-MM-DD` (local calendar dates in the utility's timezone); timestamps are
 * ISO-8601 UTC with seconds (`2024-03-05T14:22:10Z`). Money and coordinates are decimal strings.
 */

export type CisDate = string;
export type CisTimestamp = string;
export type YesNo = 'Y' | 'N';

/** Customer class, shared by customers, accounts, service agreements and rates. */
export type CustClassCd = 'RES' | 'COM' | 'IND' | 'AGR' | 'MUN';

export interface CisCustomer {
  CUST_ID: string;
  /** The number printed on correspondence; null for customers created before customer numbering. */
  CUST_NO: string | null;
  CUST_NAME: string;
  CUST_CLASS_CD: CustClassCd;
  CRE_DTTM: CisTimestamp;
  UPD_DTTM: CisTimestamp;
}

/** A active, S suspended, C closed, U unknown (conversion leftovers). */
export type AcctStatCd = 'A' | 'S' | 'C' | 'U';
/** STD ordinary account, PRNT enterprise parent (summary billing), CHLD billed on its parent. */
export type AcctRoleCd = 'STD' | 'PRNT' | 'CHLD';
/** CUST customer, 3RDP third-party (e.g. landlord agent), INTL utility-internal, TEST test account. */
export type AcctUseCd = 'CUST' | '3RDP' | 'INTL' | 'TEST';
/** M monthly, Q quarterly. */
export type BillCycCd = 'M' | 'Q';

export interface CisContact {
  CONTACT_ID: string;
  /** PHON: E.164 phone number; EMAL: email address. */
  CONTACT_TYPE_CD: 'PHON' | 'EMAL';
  CONTACT_USE_CD: 'HOME' | 'WORK' | 'CELL' | null;
  PRIORITY_CD: 'PRI' | 'SEC' | null;
  PREF_FLG: YesNo;
  CONTACT_VAL: string;
}

/** ENRL enrolled (active), ENDED participated before, ELIG eligible, INELIG not eligible. */
export type EnrlStatCd = 'ENRL' | 'ENDED' | 'ELIG' | 'INELIG';

/** A program enrollment, on an account (account programs) or a service agreement (service programs). */
export interface CisProgramEnrollment {
  ENRL_ID: string;
  PROG_CD: string;
  ENRL_STAT_CD: EnrlStatCd;
  /** Participation number; null when the customer never participated. */
  PARTICIPATION_NO: string | null;
  START_DT: CisDate | null;
  END_DT: CisDate | null;
  /** Credit bank balance (programs with category CRBANK); null when unknown or not applicable. */
  CB_BAL: string | null;
  /** USD (money) or KWH (energy credits); set when CB_BAL is set. */
  CB_UNITS: 'USD' | 'KWH' | null;
  /** ISO 4217, set when CB_UNITS is USD. */
  CB_CURR: string | null;
}

/** Program categories: LOWINC, PAYPLAN, FLAT, PROTECT, SURVEY, PILOT, REBATE, CRBANK, DR, EV, TSTAT. */
export type ProgCatCd =
  | 'LOWINC' | 'PAYPLAN' | 'FLAT' | 'PROTECT' | 'SURVEY' | 'PILOT' | 'REBATE' | 'CRBANK' | 'DR' | 'EV' | 'TSTAT';

export interface CisProgram {
  PROG_CD: string;
  PROG_NAME: string;
  PROG_DESCR: string;
  /** ACCT: enrolled per account; SA: enrolled per service agreement. */
  PROG_LEVEL_CD: 'ACCT' | 'SA';
  PROG_CAT_CDS: ProgCatCd[];
  DOC_URL: string;
  INFO_URL: string | null;
  SIGNUP_URL: string | null;
  SETTINGS_URL: string | null;
  DISC_URL: string | null;
  /** Demand response programs only. */
  DR_PNODE: string | null;
  DR_ANODE: string | null;
  DR_AGGR_FLG: YesNo | null;
  DR_AUTO_FLG: YesNo | null;
}

export interface CisAccount {
  ACCT_ID: string;
  ACCT_NO: string;
  CUST_ID: string;
  /** Denormalised from the customer (null when the customer has no number). */
  CUST_NO: string | null;
  PARENT_ACCT_ID: string | null;
  ACCT_ROLE_CD: AcctRoleCd;
  ACCT_USE_CD: AcctUseCd;
  ACCT_CLASS_CD: CustClassCd;
  ACCT_NAME: string;
  /** Mailing address, lines separated by `\n`. */
  MAIL_ADDR: string;
  ACCT_STAT_CD: AcctStatCd;
  BILL_CYC_CD: BillCycCd;
  /** Day of month (1..28) the bill is cut. */
  BILL_CYC_DAY: number;
  /** The entity the account is held with (CisEntity.ENTITY_ID). */
  ENTITY_ID: string;
  OPEN_DT: CisDate;
  CLOSE_DT: CisDate | null;
  CONTACTS: CisContact[];
  PROGRAMS: CisProgramEnrollment[];
  CRE_DTTM: CisTimestamp;
  UPD_DTTM: CisTimestamp;
}

/** Service agreement status: 20 active, 30 paused, 40 stopped (final bill pending), 60 closed, 99 unknown. */
export type SaStatCd = '20' | '30' | '40' | '60' | '99';
export type SvcTypeCd = 'E' | 'G' | 'W';
/** Role of the SA's entity: DIST distribution, SUPP supply (LSE/CCA), GEN generation. */
export type SvcRoleCd = 'DIST' | 'SUPP' | 'GEN';
/**
 * SA types: E-RES/E-COM/E-IND/E-AGR bundled electric, E-NEM net-metered electric, E-DST distribution-only
 * (supply by a CCA), E-CCA CCA supply, E-LTG unmetered street lighting, E-PRJ project (e.g. solar
 * interconnection), G-RES/G-COM gas, W-RES/W-COM water.
 */
export type SaTypeCd =
  | 'E-RES' | 'E-COM' | 'E-IND' | 'E-AGR' | 'E-NEM' | 'E-DST' | 'E-CCA' | 'E-LTG' | 'E-PRJ'
  | 'G-RES' | 'G-COM' | 'W-RES' | 'W-COM';

export interface CisRateHistory {
  RATE_CD: string;
  /** First day the rate applies. */
  EFF_DT: CisDate;
}

export interface CisServiceAgreement {
  SA_ID: string;
  SA_NO: string;
  ACCT_ID: string;
  /** Denormalised from the account. */
  ACCT_NO: string;
  SP_ID: string;
  SA_TYPE_CD: SaTypeCd;
  SVC_TYPE_CD: SvcTypeCd;
  SVC_ROLE_CDS: SvcRoleCd[];
  CUST_CLASS_CD: CustClassCd;
  METERED_FLG: YesNo;
  SA_STAT_CD: SaStatCd;
  BILL_CYC_CD: BillCycCd;
  START_DT: CisDate;
  /** Last day of service; null while ongoing. */
  END_DT: CisDate | null;
  /** The entity providing this agreement's service (CisEntity.ENTITY_ID); null if unknown. */
  ENTITY_ID: string | null;
  /** Current rate (the last RATE_HIST entry). */
  RATE_CD: string;
  RATE_HIST: CisRateHistory[];
  PROGRAMS: CisProgramEnrollment[];
  CRE_DTTM: CisTimestamp;
  UPD_DTTM: CisTimestamp;
}

/** BLDG building, LAND parcel, SGRP service group, ZONE zone. */
export type PremTypeCd = 'BLDG' | 'LAND' | 'SGRP' | 'ZONE';

export interface CisPremise {
  PREM_ID: string;
  PREM_NO: string;
  PREM_TYPE_CD: PremTypeCd;
  /** Street address of the premise (building or parcel), single line. */
  PREM_ADDR: string;
  POSTAL: string;
  /** Multi-tenant buildings: the building group (CisGroup.GRP_ID); null otherwise. */
  BLDG_GRP_ID: string | null;
}

export interface CisServicePoint {
  SP_ID: string;
  SP_NO: string;
  SP_TYPE_CD: SvcTypeCd;
  /** PHYS physical point, VIRT virtual (e.g. aggregation of generation). */
  SP_KIND_CD: 'PHYS' | 'VIRT';
  /** EDGE customer boundary, INTL grid-internal node. */
  SP_LOC_CD: 'EDGE' | 'INTL';
  /** STD parsed street address; NONSTD free-form (rural routes, lots, piers). */
  ADDR_FMT_CD: 'STD' | 'NONSTD';
  ADDR_LINE1: string;
  /** Unit / apartment line; null if none. */
  ADDR_LINE2: string | null;
  CITY: string;
  STATE: string;
  POSTAL: string;
  /** WGS 84 decimal degrees as strings; null when not geocoded. */
  GEO_LAT: string | null;
  GEO_LONG: string | null;
  PREMISES: CisPremise[];
  /** Derived: agreements on this SP that are not ended / that ended. */
  CUR_SA_IDS: string[];
  PREV_SA_IDS: string[];
  CRE_DTTM: CisTimestamp;
  UPD_DTTM: CisTimestamp;
}

export type RateKindCd = 'FLAT' | 'TIER' | 'TOU';
export type SeasonCd = 'SUM' | 'WIN' | 'ALL';
/** SPK super-peak, PK peak, PPK partial-peak, OPK off-peak, SOP super-off-peak. */
export type TouPeriodCd = 'SPK' | 'PK' | 'PPK' | 'OPK' | 'SOP';

export interface CisTouPeriod {
  PERIOD_CD: TouPeriodCd;
  SEASON_CD: SeasonCd;
  /** WKDY Monday–Friday, WKND Saturday–Sunday, ALL every day. */
  DAY_TYPE_CD: 'WKDY' | 'WKND' | 'ALL';
  /** Local clock hours [FROM_HR, TO_HR). */
  FROM_HR: number;
  TO_HR: number;
  /** Price per QTY_UOM. */
  PRICE: string;
}

export interface CisTier {
  /** 1-based; the last tier has UPTO_QTY_PER_DAY null (unbounded). */
  TIER_NO: number;
  /** Allowance per billing-period day, in QTY_UOM; the tier boundary is allowance × days. */
  UPTO_QTY_PER_DAY: string | null;
  PRICE: string;
}

export interface CisRate {
  RATE_CD: string;
  RATE_NAME: string;
  SVC_TYPE_CD: SvcTypeCd;
  CUST_CLASS_CD: CustClassCd;
  RATE_KIND_CD: RateKindCd;
  /** Unit the prices apply to: KWH (electric), CCF (gas, 100 ft³), GAL (water). */
  QTY_UOM: 'KWH' | 'CCF' | 'GAL';
  CURR: string;
  /** Fixed (customer) charge per monthly billing period. */
  FIXED_CHG: string;
  /** FLAT rates: price per unit. */
  FLAT_PRICE: string | null;
  TOU_PERIODS: CisTouPeriod[];
  TIERS: CisTier[];
  /** Demand charge per kW of the period's highest 15-minute demand; null if none. */
  DEMAND_PRICE: string | null;
  /** Net metering: credit per exported unit; null if not a net-metering rate. */
  EXPORT_CREDIT: string | null;
  /** Supply-only (CCA) or distribution-only component, or BUNDLED. */
  COMPONENT_CD: 'BUNDLED' | 'DIST' | 'SUPP';
  /** Tariff owner (CisEntity.ENTITY_ID). */
  ENTITY_ID: string;
}

export type EntityRoleCd = 'DIST' | 'SUPP' | 'IOU' | 'MUNI' | 'CCA' | 'RETL' | 'GEN' | 'DSO' | 'TSO' | 'ISO';

export interface CisEntity {
  ENTITY_ID: string;
  /** External registry number (e.g. EIA/CPUC id); equals ENTITY_ID when none is known. */
  ENTITY_NO: string;
  ENTITY_NAME: string;
  ENTITY_ABBR: string | null;
  ENTITY_ROLE_CDS: EntityRoleCd[];
}

/** ZIP: all service points of a postal code; BLDG: a multi-tenant building; CHNK: a chunk of a larger group. */
export type GrpTypeCd = 'ZIP' | 'BLDG' | 'CHNK';

export interface CisGroup {
  GRP_ID: string;
  /** Building id or postal code; chunks carry `<parent GRP_NO>-<n>`. */
  GRP_NO: string;
  GRP_TYPE_CD: GrpTypeCd;
  GRP_NAME: string;
  PARENT_GRP_ID: string | null;
  /** Chunks of this group (groups larger than 100 members are split). */
  CHILD_GRP_IDS: string[];
  /** Member service points; empty on a group that was split into chunks. */
  MEMBER_SP_IDS: string[];
  /** Member addresses (buildings: the building's street address). */
  ADDRS: string[];
  POSTAL_CDS: string[];
  CITY: string;
  COUNTY: string;
  STATE: string;
  /** PUB public, LST listed (object public, data confidential), CONF confidential. */
  VISIBILITY_CD: 'PUB' | 'LST' | 'CONF';
  /** Whether member consent is needed to release data: ALWAYS, SOMETIMES (not yet determined), NEVER. */
  CONSENT_CD: 'ALWAYS' | 'SOMETIMES' | 'NEVER';
  CRE_DTTM: CisTimestamp;
  UPD_DTTM: CisTimestamp;
}

/** The customer's online (My Account) login; the password hash is never served. */
export interface CisWebProfile {
  LOGIN_ID: string;
  USER_NAME: string;
  CUST_ID: string;
  EMAIL: string;
  /** ACTV active, LOCK locked (login refused). */
  STATUS_CD: 'ACTV' | 'LOCK';
  CRE_DTTM: CisTimestamp;
}

/** Error body of every CIS error response. */
export interface CisError {
  ERROR: { MSG_CAT: number; MSG_NBR: number; MSG_TEXT: string };
}

/** Listing responses: ROWS in (UPD_DTTM desc, id asc) order, opaque cursors. */
export interface CisPage<T> {
  ROWS: T[];
  NEXT_CURSOR: string | null;
  PREV_CURSOR: string | null;
}

/** Lookup responses: every row matching any key (unordered beyond key order; missing keys simply absent). */
export interface CisLookup<T> {
  ROWS: T[];
}
