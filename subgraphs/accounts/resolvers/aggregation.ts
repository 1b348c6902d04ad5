import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, type Page } from '../../shared';
import { cisGroup } from '../adapter/schemas';
import type { AccountsContext } from '../context';
import { AggregationFilter, aggregationListing } from '../filters';
import { cisListingPage } from '../listing';
import { Account } from '../types/account';
import { Aggregation } from '../types/aggregation';
import { ServiceContract } from '../types/serviceContract';
import { ServicePoint } from '../types/servicePoint';

@ObjectType()
class AggregationPage extends Connection(Aggregation) {}

/** Contracts currently serving the aggregation's service points (its `grouped_servicecontracts`). */
async function groupedContracts(agg: Aggregation, ctx: AccountsContext): Promise<ServiceContract[]> {
  const points = await ctx.servicePoints(agg.groupedServicePointIds);
  return ctx.contracts([...new Set(points.flatMap((sp) => sp.currentServiceContractIds))]);
}

@Resolver(() => Aggregation)
export class AggregationResolver {
  @Query(() => AggregationPage, { description: 'cds-wg3-01 §10.7.8 listing, ordered by `modified` descending, then `id`.' })
  aggregations(
    @Arg('filter', () => AggregationFilter, { nullable: true }) filter: AggregationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AccountsContext,
  ): Promise<Page<Aggregation>> {
    return cisListingPage(ctx, 'groups', cisGroup, aggregationListing(filter ?? {}), filter, page,
      { loader: ctx.rows.groups, idOf: (r) => r.GRP_ID }, ctx.translate.aggregation);
  }

  @Query(() => Aggregation, { nullable: true })
  async aggregation(@Arg('id', () => ID) id: string, @Ctx() ctx: AccountsContext): Promise<Aggregation | null> {
    return (await ctx.aggregations([id]))[0] ?? null;
  }

  @FieldResolver(() => [ServicePoint])
  groupedServicePoints(@Root() agg: Aggregation, @Ctx() ctx: AccountsContext): Promise<ServicePoint[]> {
    return ctx.servicePoints(agg.groupedServicePointIds);
  }

  @FieldResolver(() => [Aggregation], { description: 'Chunks of a group with more than 100 members.' })
  groupedAggregations(@Root() agg: Aggregation, @Ctx() ctx: AccountsContext): Promise<Aggregation[]> {
    return ctx.aggregations(agg.groupedAggregationIds);
  }

  @FieldResolver(() => Aggregation, { nullable: true, description: 'The group this chunk is part of (its `groupedAggregations` lists this one); null for a group that is not a chunk.' })
  async parentAggregation(@Root() agg: Aggregation, @Ctx() ctx: AccountsContext): Promise<Aggregation | null> {
    return agg.parentAggregationId ? (await ctx.aggregations([agg.parentAggregationId]))[0] ?? null : null;
  }

  @FieldResolver(() => [ID], { description: '`grouped_servicecontracts`: contracts currently serving the grouped service points.' })
  async groupedServiceContractIds(@Root() agg: Aggregation, @Ctx() ctx: AccountsContext): Promise<string[]> {
    return (await groupedContracts(agg, ctx)).map((c) => c.id);
  }

  @FieldResolver(() => [ServiceContract])
  groupedServiceContracts(@Root() agg: Aggregation, @Ctx() ctx: AccountsContext): Promise<ServiceContract[]> {
    return groupedContracts(agg, ctx);
  }

  @FieldResolver(() => [ID], { description: '`grouped_accounts`: accounts of the grouped service contracts.' })
  async groupedAccountIds(@Root() agg: Aggregation, @Ctx() ctx: AccountsContext): Promise<string[]> {
    return [...new Set((await groupedContracts(agg, ctx)).map((c) => c.accountId))];
  }

  @FieldResolver(() => [Account])
  async groupedAccounts(@Root() agg: Aggregation, @Ctx() ctx: AccountsContext): Promise<Account[]> {
    return ctx.accounts([...new Set((await groupedContracts(agg, ctx)).map((c) => c.accountId))]);
  }
}
