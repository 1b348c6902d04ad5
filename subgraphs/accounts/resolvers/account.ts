import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, type Page } from '../../shared';
import { cisAccount } from '../adapter/schemas';
import type { AccountsContext } from '../context';
import { AccountFilter, accountListing } from '../filters';
import { cisListingPage } from '../listing';
import { Account } from '../types/account';
import { ServiceContract } from '../types/serviceContract';

@ObjectType()
class AccountPage extends Connection(Account) {}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => AccountPage, { description: 'cds-wg3-01 §10.1.10 listing, ordered by `modified` descending, then `id`.' })
  accounts(
    @Arg('filter', () => AccountFilter, { nullable: true }) filter: AccountFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AccountsContext,
  ): Promise<Page<Account>> {
    return cisListingPage(ctx, 'accounts', cisAccount, accountListing(filter ?? {}), filter, page,
      { loader: ctx.rows.accounts, idOf: (r) => r.ACCT_ID }, ctx.translate.account);
  }

  @Query(() => Account, { nullable: true })
  async account(@Arg('id', () => ID) id: string, @Ctx() ctx: AccountsContext): Promise<Account | null> {
    return (await ctx.accounts([id]))[0] ?? null;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account `parentAccountId` names.' })
  async parentAccount(@Root() account: Account, @Ctx() ctx: AccountsContext): Promise<Account | null> {
    return account.parentAccountId ? (await ctx.accounts([account.parentAccountId]))[0] ?? null : null;
  }

  @FieldResolver(() => [ServiceContract], { description: 'Service contracts whose `accountId` is this account.' })
  serviceContracts(@Root() account: Account, @Ctx() ctx: AccountsContext): Promise<ServiceContract[]> {
    return ctx.contractsOfAccount(account.id);
  }
}
