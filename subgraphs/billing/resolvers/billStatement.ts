import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, DateScalar, legacyPage, legacyPosition, listingTag, PageArgs, type Page } from '../../shared';
import type { BillingContext } from '../context';
import { BillStatementFilter, statementQuery } from '../filters';
import { BillSection } from '../types/billSection';
import { BillStatement } from '../types/billStatement';
import { Account } from '../types/references';

@ObjectType()
class BillStatementPage extends Connection(BillStatement) {}

@Resolver(() => BillStatement)
export class BillStatementResolver {
  @Query(() => BillStatementPage, {
    description: 'cds-wg3-01 §10.5.4 listing, ordered by `statementDate` descending, then `modified` descending, then `id`. Needs `ids`, `accountIds` or `accountNumbers`.',
  })
  async billStatements(
    @Arg('filter', () => BillStatementFilter) filter: BillStatementFilter,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: BillingContext,
  ): Promise<Page<BillStatement>> {
    const tag = listingTag('statements', filter);
    const position = legacyPosition(page, tag);
    const query = statementQuery(filter);
    if (!query) return legacyPage({ nodes: [], next: null, previous: null }, tag);
    const result = await ctx.billing.statements(query, position);
    for (const s of result.nodes) ctx.statements.prime(s.id, s);
    return legacyPage(result, tag);
  }

  @Query(() => BillStatement, { nullable: true })
  async billStatement(@Arg('id', () => ID) id: string, @Ctx() ctx: BillingContext): Promise<BillStatement | null> {
    return (await ctx.statementsById([id]))[0] ?? null;
  }

  @FieldResolver(() => [BillSection], { description: 'The statement\'s sections.' })
  billSections(@Root() statement: BillStatement, @Ctx() ctx: BillingContext): Promise<BillSection[]> {
    return ctx.sectionsOfStatement(statement.id);
  }

  @FieldResolver(() => Account)
  account(@Root() statement: BillStatement): Account {
    return { id: statement.accountId };
  }
}

@Resolver(() => Account)
export class AccountBillsResolver {
  @FieldResolver(() => [BillStatement], { description: 'The account\'s statements (newest first), optionally within `statementDate` bounds.' })
  async billStatements(
    @Root() account: Account,
    @Arg('after', () => DateScalar, { nullable: true }) after: string | null,
    @Arg('before', () => DateScalar, { nullable: true }) before: string | null,
    @Ctx() ctx: BillingContext,
  ): Promise<BillStatement[]> {
    return ctx.statementsOfAccount(account.id, { after, before });
  }
}
