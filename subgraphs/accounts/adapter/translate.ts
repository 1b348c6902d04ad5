import type {
  CisAccount, CisContact, CisEntity, CisGroup, CisProgram, CisProgramEnrollment, CisServiceAgreement,
  CisServicePoint, CustClassCd, ProgCatCd,
} from '../../../legacy/cis/records';
import {
  AccountProgramType, ServiceProgramType, toDateTimeString, type AccountContactType, type AccountStatus,
  type AccountType, type AggregationType, type ContractStatus, type ContractType, type ConsentRequirementType,
  type EntityType, type PremiseType, type ServicePointType, type ServiceType, type UnitType,
} from '../../shared';
import type { Entity } from '../../shared/types/entity';
import type { AccountProgram, ServiceProgram } from '../../shared/types/programs';
import type { Account, AccountContact } from '../types/account';
import type { Aggregation } from '../types/aggregation';
import type { ServiceContract } from '../types/serviceContract';
import type { ServicePoint } from '../types/servicePoint';

// CIS codes → CDS enums (cds-wg3-01 §10.1–§10.3, §10.7). One table per code so a new code is one line.

const ACCOUNT_CLASS: Record<CustClassCd, AccountType> = {
  RES: 'residential', COM: 'commercial', IND: 'industrial', AGR: 'agriculture', MUN: 'municipal',
};
// §10.2.4 has no municipal service type.
export const SERVICE_CLASS: Record<CustClassCd, ServiceType | null> = {
  RES: 'residential', COM: 'commercial', IND: 'industrial', AGR: 'agriculture', MUN: null,
};
const ACCOUNT_USE: Record<CisAccount['ACCT_USE_CD'], AccountType> = { CUST: 'customer', '3RDP': 'thirdparty', INTL: 'internal', TEST: 'test' };
const ACCOUNT_ROLE: Record<CisAccount['ACCT_ROLE_CD'], AccountType | null> = { STD: null, PRNT: 'parent', CHLD: 'child' };
export const BILL_CYCLE: Record<CisAccount['BILL_CYC_CD'], AccountType & ContractType> = { M: 'billed_monthly', Q: 'billed_quarterly' };
export const ACCOUNT_STATUS: Record<CisAccount['ACCT_STAT_CD'], AccountStatus> = { A: 'active', S: 'suspended', C: 'closed', U: 'unknown' };
export const CONTRACT_STATUS: Record<CisServiceAgreement['SA_STAT_CD'], ContractStatus> = {
  '20': 'active', '30': 'paused', '40': 'stopped', '60': 'closed', '99': 'unknown',
};
export const SERVICE: Record<CisServiceAgreement['SVC_TYPE_CD'], ServiceType & ServicePointType> = { E: 'electric', G: 'natural_gas', W: 'water' };
export const SERVICE_ROLE: Record<CisServiceAgreement['SVC_ROLE_CDS'][number], ServiceType> = { DIST: 'distribution', SUPP: 'supply', GEN: 'generation' };
const ENTITY_ROLE: Record<CisEntity['ENTITY_ROLE_CDS'][number], EntityType> = {
  DIST: 'distributor', SUPP: 'supplier', IOU: 'iou', MUNI: 'muni', CCA: 'cca', RETL: 'retailer', GEN: 'generator',
  DSO: 'dso', TSO: 'tso', ISO: 'iso',
};
export const SERVICE_POINT_KIND: Record<CisServicePoint['SP_KIND_CD'], ServicePointType> = { PHYS: 'physical', VIRT: 'virtual' };
export const SERVICE_POINT_LOCATION: Record<CisServicePoint['SP_LOC_CD'], ServicePointType> = { EDGE: 'edge', INTL: 'internal' };
const PREMISE: Record<CisServicePoint['PREMISES'][number]['PREM_TYPE_CD'], PremiseType> = {
  BLDG: 'building', LAND: 'land', SGRP: 'service_group', ZONE: 'zone',
};
const ENROLLMENT: Record<CisProgramEnrollment['ENRL_STAT_CD'], 'active' | 'inactive' | 'eligible' | 'ineligible'> = {
  ENRL: 'active', ENDED: 'inactive', ELIG: 'eligible', INELIG: 'ineligible',
};
const PROGRAM_CATEGORY: Record<ProgCatCd, string> = {
  LOWINC: 'low_income', PAYPLAN: 'payment_plan', FLAT: 'flat_rate', PROTECT: 'protected', SURVEY: 'survey',
  PILOT: 'pilot', REBATE: 'rebate', CRBANK: 'credit_bank', DR: 'demand_response', EV: 'ev', TSTAT: 'thermostat',
};
const CONSENT: Record<CisGroup['CONSENT_CD'], ConsentRequirementType> = { ALWAYS: 'always', SOMETIMES: 'sometimes', NEVER: 'never' };
export const VISIBILITY: Record<CisGroup['VISIBILITY_CD'], AggregationType> = { PUB: 'public', LST: 'listed', CONF: 'confidential' };

function unique<T>(values: (T | null | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];
}

/** The time stamps every object carries; `synced` is when the CIS answered. */
function stamps(record: { CRE_DTTM: string; UPD_DTTM: string }, synced: Date) {
  return { created: toDateTimeString(record.CRE_DTTM), modified: toDateTimeString(record.UPD_DTTM), synced: toDateTimeString(synced) };
}

export function toEntity(entity: CisEntity): Entity {
  const types = entity.ENTITY_ROLE_CDS.map((role) => ENTITY_ROLE[role]);
  // §10.1.5 `iou` is a privately owned distributor: it also carries `distributor` (digest part 10 #27).
  if (types.includes('iou')) types.push('distributor');
  return {
    id: entity.ENTITY_ID,
    types: unique(types),
    entityNumber: entity.ENTITY_NO || entity.ENTITY_ID,
    entityName: entity.ENTITY_NAME,
    entityAbbreviation: entity.ENTITY_ABBR,
  };
}

export function toContact(contact: CisContact): AccountContact {
  const use: Record<NonNullable<CisContact['CONTACT_USE_CD']>, AccountContactType> = { HOME: 'home', WORK: 'work', CELL: 'mobile' };
  const priority: Record<NonNullable<CisContact['PRIORITY_CD']>, AccountContactType> = { PRI: 'primary', SEC: 'secondary' };
  return {
    id: contact.CONTACT_ID,
    types: unique<AccountContactType>([
      contact.CONTACT_TYPE_CD === 'PHON' ? 'phone_number' : 'email',
      contact.CONTACT_USE_CD ? use[contact.CONTACT_USE_CD] : null,
      contact.PRIORITY_CD ? priority[contact.PRIORITY_CD] : null,
      contact.PREF_FLG === 'Y' ? 'preferred' : null,
    ]),
    value: contact.CONTACT_VAL,
  };
}

/** Fields common to account and service programs; each keeps only the types its own enum has. */
function programFields(enrollment: CisProgramEnrollment, program: CisProgram | undefined) {
  return {
    id: enrollment.ENRL_ID,
    programNumber: enrollment.PROG_CD,
    name: program?.PROG_NAME ?? enrollment.PROG_CD,
    description: program?.PROG_DESCR ?? '',
    documentation: program?.DOC_URL ?? '',
    moreInfo: program?.INFO_URL ?? null,
    signup: program?.SIGNUP_URL ?? null,
    settings: program?.SETTINGS_URL ?? null,
    discontinue: program?.DISC_URL ?? null,
    participationNumber: enrollment.PARTICIPATION_NO,
    start: enrollment.START_DT,
    end: enrollment.END_DT,
    balance: enrollment.CB_BAL,
    currency: enrollment.CB_UNITS === 'USD' ? enrollment.CB_CURR : null,
    categories: [ENROLLMENT[enrollment.ENRL_STAT_CD], ...(program?.PROG_CAT_CDS ?? []).map((c) => PROGRAM_CATEGORY[c])],
  };
}

export function toAccountProgram(enrollment: CisProgramEnrollment, program: CisProgram | undefined): AccountProgram {
  const { categories, ...fields } = programFields(enrollment, program);
  const allowed = new Set<string>(Object.values(AccountProgramType));
  return { ...fields, types: unique(categories.filter((c) => allowed.has(c))) as AccountProgram['types'] };
}

export function toServiceProgram(enrollment: CisProgramEnrollment, program: CisProgram | undefined): ServiceProgram {
  const { categories, ...fields } = programFields(enrollment, program);
  const allowed = new Set<string>(Object.values(ServiceProgramType));
  const units: Record<'USD' | 'KWH', UnitType> = { USD: 'money', KWH: 'kWh' };
  const dr = program?.PROG_CAT_CDS.includes('DR');
  const flag = (v: 'Y' | 'N' | null | undefined) => (v ? v === 'Y' : null);
  return {
    ...fields,
    types: unique(categories.filter((c) => allowed.has(c))) as ServiceProgram['types'],
    units: enrollment.CB_UNITS ? units[enrollment.CB_UNITS] : null,
    pnode: dr ? program?.DR_PNODE ?? null : null,
    anode: dr ? program?.DR_ANODE ?? null : null,
    aggregated: dr ? flag(program?.DR_AGGR_FLG) : null,
    automated: dr ? flag(program?.DR_AUTO_FLG) : null,
  };
}

export interface CisReferences {
  entities: Map<string, CisEntity>;
  programs: Map<string, CisProgram>;
}

export function toAccount(account: CisAccount, refs: CisReferences, synced: Date): Account {
  const entity = refs.entities.get(account.ENTITY_ID);
  return {
    id: account.ACCT_ID,
    ...stamps(account, synced),
    parentAccountId: account.PARENT_ACCT_ID,
    customerNumber: account.CUST_NO,
    accountNumber: account.ACCT_NO,
    accountEntity: entity ? toEntity(entity) : null,
    accountName: account.ACCT_NAME,
    accountAddress: account.MAIL_ADDR,
    accountTypes: unique<AccountType>([
      ACCOUNT_USE[account.ACCT_USE_CD], ACCOUNT_ROLE[account.ACCT_ROLE_CD], ACCOUNT_CLASS[account.ACCT_CLASS_CD],
      BILL_CYCLE[account.BILL_CYC_CD],
    ]),
    accountStatus: ACCOUNT_STATUS[account.ACCT_STAT_CD],
    accountContacts: account.CONTACTS.map(toContact),
    accountPrograms: account.PROGRAMS.map((e) => toAccountProgram(e, refs.programs.get(e.PROG_CD))),
  };
}

/** A service point's address as one string, lines separated by `\n` (§10.3.1 allows line breaks). */
export function servicePointAddress(sp: CisServicePoint): string {
  return [sp.ADDR_LINE1, sp.ADDR_LINE2, `${sp.CITY}, ${sp.STATE} ${sp.POSTAL}`].filter(Boolean).join('\n');
}

/** The service point's address and the rate's name are joined in by the caller. */
export function toServiceContract(
  sa: CisServiceAgreement,
  related: { address: string; ratePlanName: string },
  refs: CisReferences,
  synced: Date,
): ServiceContract {
  const entity = sa.ENTITY_ID ? refs.entities.get(sa.ENTITY_ID) : undefined;
  return {
    id: sa.SA_ID,
    ...stamps(sa, synced),
    accountId: sa.ACCT_ID,
    accountNumber: sa.ACCT_NO,
    contractNumber: sa.SA_NO,
    contractAddress: related.address,
    contractTypes: unique<ContractType>([sa.SA_TYPE_CD === 'E-PRJ' ? 'project' : 'utility_service', BILL_CYCLE[sa.BILL_CYC_CD]]),
    contractEntity: entity ? toEntity(entity) : null,
    contractStatus: CONTRACT_STATUS[sa.SA_STAT_CD],
    contractStart: sa.START_DT,
    contractEnd: sa.END_DT,
    serviceTypes: unique<ServiceType>([
      SERVICE[sa.SVC_TYPE_CD], SERVICE_CLASS[sa.CUST_CLASS_CD], sa.METERED_FLG === 'Y' ? 'metered' : 'unmetered',
      ...sa.SVC_ROLE_CDS.map((role) => SERVICE_ROLE[role]),
    ]),
    ratePlanCode: sa.RATE_CD,
    ratePlanName: related.ratePlanName,
    servicePrograms: sa.PROGRAMS.map((e) => toServiceProgram(e, refs.programs.get(e.PROG_CD))),
    servicePointIds: [sa.SP_ID],
  };
}

export function toServicePoint(sp: CisServicePoint, synced: Date): ServicePoint {
  return {
    id: sp.SP_ID,
    ...stamps(sp, synced),
    servicePointNumber: sp.SP_NO,
    servicePointTypes: unique<ServicePointType>([
      SERVICE[sp.SP_TYPE_CD], 'single_service', SERVICE_POINT_KIND[sp.SP_KIND_CD], SERVICE_POINT_LOCATION[sp.SP_LOC_CD],
    ]),
    servicePointAddress: servicePointAddress(sp),
    latitude: sp.GEO_LAT,
    longitude: sp.GEO_LONG,
    currentServiceContractIds: sp.CUR_SA_IDS,
    previousServiceContractIds: sp.PREV_SA_IDS,
    premises: sp.PREMISES.map((p) => ({ id: p.PREM_ID, premiseNumber: p.PREM_NO, types: [PREMISE[p.PREM_TYPE_CD]] })),
  };
}

export interface AggregationLinks {
  /** Where consent requirements are documented (the public docs page of the deployment). */
  consentDocumentation: string;
}

/**
 * A CIS group as an Aggregation (§10.7): ZIP groups are local postal-code regions, BLDG groups buildings,
 * CHNK the ≤100-member chunks of a larger group (listed in the parent's `grouped_aggregations`).
 */
export function toAggregation(group: CisGroup, links: AggregationLinks, synced: Date): Aggregation {
  const kind: AggregationType[] = group.GRP_TYPE_CD === 'ZIP' ? ['local'] : group.GRP_TYPE_CD === 'BLDG' ? ['building'] : [];
  const number = group.GRP_NO;
  return {
    id: group.GRP_ID,
    ...stamps(group, synced),
        // Every group is a set of service points; one split into chunks lists them in grouped_aggregations (§10.7.2).
    aggregationTypes: unique([VISIBILITY[group.VISIBILITY_CD], ...kind, 'servicepoint_number']),
    aggregationNumber: number,
    scope: 'cds_query_usage',
    authorizationDetails: [{ type: 'cds_query_usage', aggregation_numbers: [number] }],
    groupedServicePointIds: group.MEMBER_SP_IDS,
    groupedAggregationIds: group.CHILD_GRP_IDS,
    groupedAddresses: group.ADDRS,
    groupedRegions: group.POSTAL_CDS.length > 0
      ? [{ id: `${group.GRP_ID}-postal`, name: group.POSTAL_CDS.join(', '), types: ['postal_code'], postalCodes: group.POSTAL_CDS }]
      : [],
    consentRequirements: [{
      id: `${group.GRP_ID}-consent`,
      name: `Customer consent (${CONSENT[group.CONSENT_CD]})`,
      types: [CONSENT[group.CONSENT_CD]],
      documentation: links.consentDocumentation,
    }],
    parentAggregationId: group.PARENT_GRP_ID,
  };
}
