import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, type Page } from '../../shared';
import { cisServicePoint } from '../adapter/schemas';
import type { AccountsContext } from '../context';
import { ServicePointFilter, servicePointListing } from '../filters';
import { cisListingPage } from '../listing';
import { ServiceContract } from '../types/serviceContract';
import { ServicePoint } from '../types/servicePoint';

@ObjectType()
class ServicePointPage extends Connection(ServicePoint) {}

@Resolver(() => ServicePoint)
export class ServicePointResolver {
  @Query(() => ServicePointPage, { description: 'cds-wg3-01 §10.3.5 listing, ordered by `modified` descending, then `id`.' })
  servicePoints(
    @Arg('filter', () => ServicePointFilter, { nullable: true }) filter: ServicePointFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AccountsContext,
  ): Promise<Page<ServicePoint>> {
    return cisListingPage(ctx, 'service-points', cisServicePoint, servicePointListing(filter ?? {}), filter, page,
      { loader: ctx.rows.servicePoints, idOf: (r) => r.SP_ID }, ctx.translate.servicePoint);
  }

  @Query(() => ServicePoint, { nullable: true })
  async servicePoint(@Arg('id', () => ID) id: string, @Ctx() ctx: AccountsContext): Promise<ServicePoint | null> {
    return (await ctx.servicePoints([id]))[0] ?? null;
  }

  @FieldResolver(() => [ServiceContract])
  currentServiceContracts(@Root() sp: ServicePoint, @Ctx() ctx: AccountsContext): Promise<ServiceContract[]> {
    return ctx.contracts(sp.currentServiceContractIds);
  }

  @FieldResolver(() => [ServiceContract])
  previousServiceContracts(@Root() sp: ServicePoint, @Ctx() ctx: AccountsContext): Promise<ServiceContract[]> {
    return ctx.contracts(sp.previousServiceContractIds);
  }
}
