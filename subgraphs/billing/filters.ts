import 'reflect-metadata';
import { Field, ID, InputType } from 'type-graphql';
import { badUserInput, DateScalar } from '../shared';
import type { ExportQuery } from './adapter/billing';
import { toBillDate } from './adapter/translate';

// cds-wg3-01 §10.5.4 and §10.6.9 filters, as billing export parameters. The export is keyed: a
// listing needs at least one id or number filter. An empty list matches nothing (null query).

const dates = (d: string | null | undefined) => (d ? toBillDate(d) : undefined);
const list = (v: string[] | null | undefined) => v ?? undefined;

function keyed(query: ExportQuery, keys: string[], listing: string): ExportQuery | null {
  if (Object.values(query).some((v) => Array.isArray(v) && v.length === 0)) return null;
  if (!keys.some((k) => query[k] !== undefined)) {
    throw badUserInput(`${listing} needs at least one of the filters that name objects (the billing system exports by key)`);
  }
  return query;
}

@InputType({ description: 'cds-wg3-01 §10.5.4 filters (AND across fields, OR within a list).' })
export class BillStatementFilter {
  @Field(() => [ID], { nullable: true, description: '`cds_billstatement_ids`' })
  ids?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '`cds_account_ids`' })
  accountIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  accountNumbers?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: '`before`: `statementDate` ≤ this.' })
  before?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '`after`: `statementDate` ≥ this.' })
  after?: string | null;
}

export function statementQuery(f: BillStatementFilter): ExportQuery | null {
  return keyed({
    STMT_ID: list(f.ids), ACCT_ID: list(f.accountIds), ACCT_NO: list(f.accountNumbers), FROM: dates(f.after), TO: dates(f.before),
  }, ['STMT_ID', 'ACCT_ID', 'ACCT_NO'], 'billStatements');
}

@InputType({ description: 'cds-wg3-01 §10.6.9 filters (AND across fields, OR within a list).' })
export class BillSectionFilter {
  @Field(() => [ID], { nullable: true, description: '`cds_billsection_ids`' })
  ids?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '`cds_billstatement_ids`' })
  billStatementIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '`cds_account_ids`' })
  accountIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  accountNumbers?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '`cds_servicecontract_ids` (against `related_servicecontracts`)' })
  serviceContractIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: '`contract_numbers` of the related contracts' })
  contractNumbers?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: '`before`: `startDate` ≤ this.' })
  before?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '`after`: `endDate` ≥ this.' })
  after?: string | null;
}

export function sectionQuery(f: BillSectionFilter): ExportQuery | null {
  return keyed({
    SECT_ID: list(f.ids), STMT_ID: list(f.billStatementIds), ACCT_ID: list(f.accountIds), ACCT_NO: list(f.accountNumbers),
    SA_ID: list(f.serviceContractIds), SA_NO: list(f.contractNumbers), START_TO: dates(f.before), END_FROM: dates(f.after),
  }, ['SECT_ID', 'STMT_ID', 'ACCT_ID', 'ACCT_NO', 'SA_ID', 'SA_NO'], 'billSections');
}
