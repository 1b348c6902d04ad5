import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, type Page } from '../../shared';
import { cisServiceAgreement } from '../adapter/schemas';
import type { AccountsContext } from '../context';
import { contractListing, ServiceContractFilter } from '../filters';
import { cisListingPage } from '../listing';
import { Account } from '../types/account';
import { ServiceContract } from '../types/serviceContract';
import { ServicePoint } from '../types/servicePoint';

@ObjectType()
class ServiceContractPage extends Connection(ServiceContract) {}

@Resolver(() => ServiceContract)
export class ServiceContractResolver {
  @Query(() => ServiceContractPage, { description: 'cds-wg3-01 §10.2.7 listing, ordered by `modified` descending, then `id`.' })
  serviceContracts(
    @Arg('filter', () => ServiceContractFilter, { nullable: true }) filter: ServiceContractFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AccountsContext,
  ): Promise<Page<ServiceContract>> {
    return cisListingPage(ctx, 'service-agreements', cisServiceAgreement, contractListing(filter ?? {}), filter, page,
      { loader: ctx.rows.contracts, idOf: (r) => r.SA_ID }, ctx.translate.contract);
  }

  @Query(() => ServiceContract, { nullable: true })
  async serviceContract(@Arg('id', () => ID) id: string, @Ctx() ctx: AccountsContext): Promise<ServiceContract | null> {
    return (await ctx.contracts([id]))[0] ?? null;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account `accountId` names.' })
  async account(@Root() contract: ServiceContract, @Ctx() ctx: AccountsContext): Promise<Account | null> {
    return (await ctx.accounts([contract.accountId]))[0] ?? null;
  }

  @FieldResolver(() => [ID], { description: 'Service points this contract serves (join key; not a spec field).' })
  servicePointIds(@Root() contract: ServiceContract): string[] {
    return contract.servicePointIds;
  }

  @FieldResolver(() => [ServicePoint])
  servicePoints(@Root() contract: ServiceContract, @Ctx() ctx: AccountsContext): Promise<ServicePoint[]> {
    return ctx.servicePoints(contract.servicePointIds);
  }
}
