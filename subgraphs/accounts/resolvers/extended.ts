import 'reflect-metadata';
import { Ctx, Directive, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { CisProgramEnrollment } from '../../../legacy/cis/records';
import { AccountProgram, Entity, ServiceProgram } from '../../shared';
import { toAccountProgram, toEntity, toServiceProgram } from '../adapter/translate';
import type { AccountsContext } from '../context';
import { Account } from '../types/account';
import { Aggregation } from '../types/aggregation';
import { BillSection, BillStatement, UsageSegment } from '../types/extended';
import { ServiceContract } from '../types/serviceContract';

/** A program the bill names but no enrollment of this account/contract records: its catalogue entry only. */
const catalogueOnly = (owner: string, code: string): CisProgramEnrollment => ({
  ENRL_ID: `${owner}-${code}`, PROG_CD: code, ENRL_STAT_CD: 'ENRL', PARTICIPATION_NO: null, START_DT: null, END_DT: null,
  CB_BAL: null, CB_UNITS: null, CB_CURR: null,
});

function enrollmentsFor(enrollments: CisProgramEnrollment[], owner: string, codes: string[]): CisProgramEnrollment[] {
  return codes.map((code) => enrollments.find((e) => e.PROG_CD === code) ?? catalogueOnly(owner, code));
}

@Resolver(() => BillStatement)
export class BillStatementProgramsResolver {
  @Directive('@requires(fields: "accountId accountProgramNumbers")')
  @FieldResolver(() => [AccountProgram], { description: 'cds-wg3-01 §10.5.1 `account_programs`: the printed programs, from the CIS.' })
  async accountPrograms(@Root() statement: BillStatement, @Ctx() ctx: AccountsContext): Promise<AccountProgram[]> {
    const [account, refs] = await Promise.all([ctx.rows.accounts.load(statement.accountId), ctx.references()]);
    return enrollmentsFor(account?.row.PROGRAMS ?? [], statement.accountId, statement.accountProgramNumbers)
      .map((e) => toAccountProgram(e, refs.programs.get(e.PROG_CD)));
  }
}

@Resolver(() => BillSection)
export class BillSectionCisResolver {
  @Directive('@requires(fields: "relatedServiceContractIds serviceProgramNumbers")')
  @FieldResolver(() => [ServiceProgram], { description: 'cds-wg3-01 §10.6.1 `service_programs` during the section, from the CIS.' })
  async servicePrograms(@Root() section: BillSection, @Ctx() ctx: AccountsContext): Promise<ServiceProgram[]> {
    const [contracts, refs] = await Promise.all([
      Promise.all(section.relatedServiceContractIds.map((id) => ctx.rows.contracts.load(id))), ctx.references(),
    ]);
    const enrollments = contracts.flatMap((c) => c?.row.PROGRAMS ?? []);
    return enrollmentsFor(enrollments, section.id, section.serviceProgramNumbers).map((e) => toServiceProgram(e, refs.programs.get(e.PROG_CD)));
  }

  @Directive('@requires(fields: "distributionEntityId")')
  @FieldResolver(() => Entity, { nullable: true })
  async distributionEntity(@Root() section: BillSection, @Ctx() ctx: AccountsContext): Promise<Entity | null> {
    const entity = section.distributionEntityId ? (await ctx.references()).entities.get(section.distributionEntityId) : undefined;
    return entity ? toEntity(entity) : null;
  }

  @Directive('@requires(fields: "supplyEntityId")')
  @FieldResolver(() => Entity, { nullable: true, description: 'The same Entity as `distributionEntity` when one entity provides both (§10.6.1).' })
  async supplyEntity(@Root() section: BillSection, @Ctx() ctx: AccountsContext): Promise<Entity | null> {
    const entity = section.supplyEntityId ? (await ctx.references()).entities.get(section.supplyEntityId) : undefined;
    return entity ? toEntity(entity) : null;
  }
}

/** Contracts that served the segment's service points during the segment (by their service dates). */
async function segmentContracts(segment: UsageSegment, ctx: AccountsContext): Promise<ServiceContract[]> {
  const points = await ctx.servicePoints(segment.relatedServicePointIds);
  const candidates = await ctx.contracts([...new Set(points.flatMap((sp) => [...sp.currentServiceContractIds, ...sp.previousServiceContractIds]))]);
  const from = segment.segmentStart.slice(0, 10);
  const to = segment.segmentEnd.slice(0, 10);
  return candidates.filter((c) => c.contractStart <= to && (c.contractEnd === null || c.contractEnd >= from));
}

const REQUIRES_SEGMENT = '@requires(fields: "relatedServicePointIds segmentStart segmentEnd")';

@Resolver(() => UsageSegment)
export class UsageSegmentCisResolver {
  @Directive(REQUIRES_SEGMENT)
  @FieldResolver(() => [ID], { description: '`related_servicecontracts`: contracts serving the segment\'s service points during it.' })
  async relatedServiceContractIds(@Root() segment: UsageSegment, @Ctx() ctx: AccountsContext): Promise<string[]> {
    return (await segmentContracts(segment, ctx)).map((c) => c.id);
  }

  @Directive(REQUIRES_SEGMENT)
  @FieldResolver(() => [ServiceContract])
  relatedServiceContracts(@Root() segment: UsageSegment, @Ctx() ctx: AccountsContext): Promise<ServiceContract[]> {
    return segmentContracts(segment, ctx);
  }

  @Directive(REQUIRES_SEGMENT)
  @FieldResolver(() => [ID], { description: '`related_accounts`: accounts of those contracts.' })
  async relatedAccountIds(@Root() segment: UsageSegment, @Ctx() ctx: AccountsContext): Promise<string[]> {
    return [...new Set((await segmentContracts(segment, ctx)).map((c) => c.accountId))];
  }

  @Directive(REQUIRES_SEGMENT)
  @FieldResolver(() => [Account])
  async relatedAccounts(@Root() segment: UsageSegment, @Ctx() ctx: AccountsContext): Promise<Account[]> {
    return ctx.accounts([...new Set((await segmentContracts(segment, ctx)).map((c) => c.accountId))]);
  }

  @Directive(REQUIRES_SEGMENT)
  @FieldResolver(() => [ID], { description: '`related_aggregations`: groups holding the segment\'s service points (and their parents).' })
  async relatedAggregationIds(@Root() segment: UsageSegment, @Ctx() ctx: AccountsContext): Promise<string[]> {
    return (await ctx.aggregationsOfServicePoints(segment.relatedServicePointIds)).map((a) => a.id);
  }

  @Directive(REQUIRES_SEGMENT)
  @FieldResolver(() => [Aggregation])
  relatedAggregations(@Root() segment: UsageSegment, @Ctx() ctx: AccountsContext): Promise<Aggregation[]> {
    return ctx.aggregationsOfServicePoints(segment.relatedServicePointIds);
  }
}
