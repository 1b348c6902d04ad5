import 'reflect-metadata';
import { Field, ID, InputType } from 'type-graphql';
import {
  AccountStatus, AggregationType, cdsEnum, ContractStatus, ContractType, ServicePointType, ServiceType, type EnumValue,
  type LegacyListing,
} from '../shared';
import {
  ACCOUNT_STATUS, BILL_CYCLE, CONTRACT_STATUS, SERVICE, SERVICE_CLASS, SERVICE_POINT_KIND, SERVICE_POINT_LOCATION, SERVICE_ROLE,
  VISIBILITY,
} from './adapter/translate';

// Listing filters of cds-wg3-01 §10.1.10, §10.2.7, §10.3.5, §10.7.8, translated into one CIS
// listing call each (filters run inside the CIS, never after). An omitted filter is unrestricted;
// an empty list matches nothing. `q` searches only the fields in `qFields` (default: all the
// listing's searchable fields), so the REST facade can restrict it to the fields a token may see.

/** Thrown away before any legacy call: a filter that no CIS row can satisfy. */
export const MATCHES_NOTHING = Symbol('matches nothing');

export type Listing = LegacyListing | typeof MATCHES_NOTHING;

/** Inverse of a code table: CDS values → the CIS codes that translate to them. */
function codesFor<C extends string>(table: Record<C, string | null>, values: readonly string[]): C[] {
  return (Object.keys(table) as C[]).filter((code) => table[code] !== null && values.includes(table[code]));
}

const AccountSearchField = cdsEnum('AccountSearchField', '§10.1.10 `q`', [
  'id', 'customerNumber', 'accountNumber', 'accountAddress', 'accountName', 'contactValue', 'programNumber',
]);
const ACCOUNT_Q: Record<EnumValue<typeof AccountSearchField>, string> = {
  id: 'ACCT_ID', customerNumber: 'CUST_NO', accountNumber: 'ACCT_NO', accountAddress: 'MAIL_ADDR',
  accountName: 'ACCT_NAME', contactValue: 'CONTACT_VAL', programNumber: 'PROG_CD',
};

const ServiceContractSearchField = cdsEnum('ServiceContractSearchField', '§10.2.7 `q`', [
  'id', 'accountNumber', 'contractNumber', 'contractAddress', 'ratePlanCode', 'ratePlanName', 'programNumber',
]);
const CONTRACT_Q: Record<EnumValue<typeof ServiceContractSearchField>, string> = {
  id: 'SA_ID', accountNumber: 'ACCT_NO', contractNumber: 'SA_NO', contractAddress: 'ADDR', ratePlanCode: 'RATE_CD',
  ratePlanName: 'RATE_NAME', programNumber: 'PROG_CD',
};

const ServicePointSearchField = cdsEnum('ServicePointSearchField', '§10.3.5 `q`', ['id', 'servicePointAddress', 'servicePointNumber', 'premiseNumber']);
const SERVICE_POINT_Q: Record<EnumValue<typeof ServicePointSearchField>, string> = {
  id: 'SP_ID', servicePointAddress: 'ADDR', servicePointNumber: 'SP_NO', premiseNumber: 'PREM_NO',
};

const AggregationSearchField = cdsEnum('AggregationSearchField', '§10.7.8 `q`', ['id', 'aggregationNumber', 'groupedAddresses', 'regionName']);
const AGGREGATION_Q: Record<EnumValue<typeof AggregationSearchField>, string> = {
  id: 'GRP_ID', aggregationNumber: 'GRP_NO', groupedAddresses: 'ADDRS', regionName: 'POSTAL_CDS',
};

function search<F extends string>(q: string | null | undefined, fields: readonly F[] | null | undefined, table: Record<F, string>) {
  if (!q) return {};
  return { q, qFields: (fields ?? (Object.keys(table) as F[])).map((f) => table[f]) };
}

/** An OR across columns; an empty set of pairs means no row can match. */
function anyOf(pairs: [string, string][]): [string, string][] | typeof MATCHES_NOTHING {
  return pairs.length > 0 ? pairs : MATCHES_NOTHING;
}

function build(filters: LegacyListing['filters'], anyOfs: (ReturnType<typeof anyOf> | undefined)[], q: object): Listing {
  if (Object.values(filters).some((v) => v !== undefined && v.length === 0)) return MATCHES_NOTHING;
  if (anyOfs.includes(MATCHES_NOTHING)) return MATCHES_NOTHING;
  return { filters, anyOf: anyOfs.filter((a): a is [string, string][] => Array.isArray(a)), ...q };
}

const list = <T>(values: readonly T[] | null | undefined) => (values === null ? undefined : values);

@InputType({ description: 'cds-wg3-01 §10.1.10 filters (AND across fields, OR within a list).' })
export class AccountFilter {
  @Field(() => [ID], { nullable: true, description: '`cds_account_ids`; the REST facade passes the ids a grant allows.' })
  ids?: string[] | null;

  @Field(() => [String], { nullable: true })
  customerNumbers?: string[] | null;

  @Field(() => [String], { nullable: true })
  accountNumbers?: string[] | null;

  @Field(() => [AccountStatus], { nullable: true })
  accountStatuses?: AccountStatus[] | null;

  @Field(() => [String], { nullable: true, description: 'Accounts with an Account Program of one of these `program_number`s (§7.1.2).' })
  programNumbers?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring over `qFields`.' })
  q?: string | null;

  @Field(() => [AccountSearchField], { nullable: true, description: 'Fields `q` may search (default: all of them).' })
  qFields?: EnumValue<typeof AccountSearchField>[] | null;
}

export function accountListing(f: AccountFilter = {}): Listing {
  return build({
    ACCT_ID: list(f.ids),
    CUST_NO: list(f.customerNumbers),
    ACCT_NO: list(f.accountNumbers),
    ACCT_STAT_CD: f.accountStatuses ? codesFor(ACCOUNT_STATUS, f.accountStatuses) : undefined,
    PROG_CD: list(f.programNumbers),
  }, [], search(f.q, f.qFields, ACCOUNT_Q));
}

@InputType({ description: 'cds-wg3-01 §10.2.7 filters.' })
export class ServiceContractFilter {
  @Field(() => [ID], { nullable: true, description: '`cds_servicecontract_ids`' })
  ids?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Contracts of these accounts (`cds_account_id`).' })
  accountIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  accountNumbers?: string[] | null;

  @Field(() => [String], { nullable: true })
  contractNumbers?: string[] | null;

  @Field(() => [ContractStatus], { nullable: true })
  contractStatuses?: ContractStatus[] | null;

  @Field(() => [ContractType], { nullable: true, description: 'Any of the contract\'s types matches any of these.' })
  contractTypes?: ContractType[] | null;

  @Field(() => [ServiceType], { nullable: true, description: 'Any of the contract\'s types matches any of these.' })
  serviceTypes?: ServiceType[] | null;

  @Field(() => [String], { nullable: true, description: 'Contracts with a Service Program of one of these `program_number`s (§7.1.5).' })
  programNumbers?: string[] | null;

  @Field(() => String, { nullable: true })
  q?: string | null;

  @Field(() => [ServiceContractSearchField], { nullable: true })
  qFields?: EnumValue<typeof ServiceContractSearchField>[] | null;
}

const PROJECT_TYPE = 'E-PRJ';
const SA_TYPES = ['E-RES', 'E-COM', 'E-IND', 'E-AGR', 'E-NEM', 'E-DST', 'E-CCA', 'E-LTG', 'G-RES', 'G-COM', 'W-RES', 'W-COM'];

function contractTypePairs(types: readonly ContractType[]): [string, string][] {
  const pairs: [string, string][] = [];
  if (types.includes('utility_service')) pairs.push(...SA_TYPES.map((t): [string, string] => ['SA_TYPE_CD', t]));
  if (types.includes('project')) pairs.push(['SA_TYPE_CD', PROJECT_TYPE]);
  for (const code of codesFor(BILL_CYCLE, types)) pairs.push(['BILL_CYC_CD', code]);
  return pairs;
}

function serviceTypePairs(types: readonly ServiceType[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const code of codesFor(SERVICE, types)) pairs.push(['SVC_TYPE_CD', code]);
  for (const code of codesFor(SERVICE_CLASS, types)) pairs.push(['CUST_CLASS_CD', code]);
  for (const code of codesFor(SERVICE_ROLE, types)) pairs.push(['SVC_ROLE_CDS', code]);
  if (types.includes('metered')) pairs.push(['METERED_FLG', 'Y']);
  if (types.includes('unmetered')) pairs.push(['METERED_FLG', 'N']);
  return pairs;
}

export function contractListing(f: ServiceContractFilter = {}): Listing {
  return build({
    SA_ID: list(f.ids),
    ACCT_ID: list(f.accountIds),
    ACCT_NO: list(f.accountNumbers),
    SA_NO: list(f.contractNumbers),
    SA_STAT_CD: f.contractStatuses ? codesFor(CONTRACT_STATUS, f.contractStatuses) : undefined,
    PROG_CD: list(f.programNumbers),
  }, [
    f.contractTypes ? anyOf(contractTypePairs(f.contractTypes)) : undefined,
    f.serviceTypes ? anyOf(serviceTypePairs(f.serviceTypes)) : undefined,
  ], search(f.q, f.qFields, CONTRACT_Q));
}

@InputType({ description: 'cds-wg3-01 §10.3.5 filters.' })
export class ServicePointFilter {
  @Field(() => [ID], { nullable: true, description: '`cds_servicepoint_ids`' })
  ids?: string[] | null;

  @Field(() => [String], { nullable: true, description: '`servicepoint_numbers`' })
  servicePointNumbers?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '`current_servicecontracts`' })
  currentServiceContractIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '`previous_servicecontracts`' })
  previousServiceContractIds?: string[] | null;

  @Field(() => [ServicePointType], { nullable: true, description: 'Any of the service point\'s types matches any of these.' })
  servicePointTypes?: ServicePointType[] | null;

  @Field(() => [String], { nullable: true, description: 'Service points with a premise of one of these `premise_number`s.' })
  premiseNumbers?: string[] | null;

  @Field(() => String, { nullable: true })
  q?: string | null;

  @Field(() => [ServicePointSearchField], { nullable: true })
  qFields?: EnumValue<typeof ServicePointSearchField>[] | null;
}

function servicePointTypePairs(types: readonly ServicePointType[]): [string, string][] {
  const codes = (column: string, table: Record<string, string>) => codesFor(table, types).map((code): [string, string] => [column, code]);
  // Every CIS service point serves one commodity: `single_service` is all of them, `multi_service` none.
  const service = types.includes('single_service') ? Object.keys(SERVICE) : codesFor(SERVICE, types);
  return [
    ...service.map((code): [string, string] => ['SP_TYPE_CD', code]),
    ...codes('SP_KIND_CD', SERVICE_POINT_KIND), ...codes('SP_LOC_CD', SERVICE_POINT_LOCATION),
  ];
}

export function servicePointListing(f: ServicePointFilter = {}): Listing {
  return build({
    SP_ID: list(f.ids),
    SP_NO: list(f.servicePointNumbers),
    CUR_SA_ID: list(f.currentServiceContractIds),
    PREV_SA_ID: list(f.previousServiceContractIds),
    PREM_NO: list(f.premiseNumbers),
  }, [f.servicePointTypes ? anyOf(servicePointTypePairs(f.servicePointTypes)) : undefined], search(f.q, f.qFields, SERVICE_POINT_Q));
}

@InputType({ description: 'cds-wg3-01 §10.7.8 filters.' })
export class AggregationFilter {
  @Field(() => [ID], { nullable: true, description: '`cds_aggregation_ids`' })
  ids?: string[] | null;

  @Field(() => [String], { nullable: true })
  aggregationNumbers?: string[] | null;

  @Field(() => [AggregationType], { nullable: true, description: 'Any of the aggregation\'s types matches any of these.' })
  aggregationTypes?: AggregationType[] | null;

  @Field(() => [ID], { nullable: true, description: 'Aggregations whose own `grouped_servicepoints` hold one of these service points (chunks, not the groups they split).' })
  groupedServicePointIds?: string[] | null;

  @Field(() => String, { nullable: true })
  q?: string | null;

  @Field(() => [AggregationSearchField], { nullable: true })
  qFields?: EnumValue<typeof AggregationSearchField>[] | null;
}

function aggregationTypePairs(types: readonly AggregationType[]): [string, string][] {
  // Every group has service points (servicepoint_number); the other types follow its group type and visibility.
  if (types.includes('servicepoint_number')) return [['GRP_TYPE_CD', 'ZIP'], ['GRP_TYPE_CD', 'BLDG'], ['GRP_TYPE_CD', 'CHNK']];
  const pairs = codesFor(VISIBILITY, types).map((code): [string, string] => ['VISIBILITY_CD', code]);
  if (types.includes('local')) pairs.push(['GRP_TYPE_CD', 'ZIP']);
  if (types.includes('building')) pairs.push(['GRP_TYPE_CD', 'BLDG']);
  return pairs;
}

export function aggregationListing(f: AggregationFilter = {}): Listing {
  return build({
    GRP_ID: list(f.ids),
    GRP_NO: list(f.aggregationNumbers),
    MEMBER_SP_ID: list(f.groupedServicePointIds),
  }, [f.aggregationTypes ? anyOf(aggregationTypePairs(f.aggregationTypes)) : undefined], search(f.q, f.qFields, AGGREGATION_Q));
}
