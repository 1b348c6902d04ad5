import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, DateScalar, legacyPage, legacyPosition, listingTag, PageArgs, type Page } from '../../shared';
import type { BillingContext } from '../context';
import { BillSectionFilter, sectionQuery } from '../filters';
import { BillSection } from '../types/billSection';
import { BillStatement } from '../types/billStatement';
import { MeterDevice, ServiceContract, ServicePoint } from '../types/references';

@ObjectType()
class BillSectionPage extends Connection(BillSection) {}

const refs = (ids: string[]) => ids.map((id) => ({ id }));

@Resolver(() => BillSection)
export class BillSectionResolver {
  @Query(() => BillSectionPage, {
    description: 'cds-wg3-01 §10.6.9 listing, ordered by `accountNumber`, `contractNumber` (nulls last), `startDate` ascending, then `modified` descending, then `id`. Needs an id or number filter.',
  })
  async billSections(
    @Arg('filter', () => BillSectionFilter) filter: BillSectionFilter,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: BillingContext,
  ): Promise<Page<BillSection>> {
    const tag = listingTag('sections', filter);
    const position = legacyPosition(page, tag);
    const query = sectionQuery(filter);
    if (!query) return legacyPage({ nodes: [], next: null, previous: null }, tag);
    const result = await ctx.billing.sections(query, position);
    for (const s of result.nodes) ctx.sections.prime(s.id, s);
    return legacyPage(result, tag);
  }

  @Query(() => BillSection, { nullable: true })
  async billSection(@Arg('id', () => ID) id: string, @Ctx() ctx: BillingContext): Promise<BillSection | null> {
    return (await ctx.sectionsById([id]))[0] ?? null;
  }

  @FieldResolver(() => BillStatement, { nullable: true })
  async billStatement(@Root() section: BillSection, @Ctx() ctx: BillingContext): Promise<BillStatement | null> {
    return section.billStatementId ? (await ctx.statementsById([section.billStatementId]))[0] ?? null : null;
  }

  @FieldResolver(() => [ServiceContract])
  relatedServiceContracts(@Root() section: BillSection): ServiceContract[] {
    return refs(section.relatedServiceContractIds);
  }

  @FieldResolver(() => [ServicePoint])
  relatedServicePoints(@Root() section: BillSection): ServicePoint[] {
    return refs(section.relatedServicePointIds);
  }

  @FieldResolver(() => [MeterDevice])
  relatedMeterDevices(@Root() section: BillSection): MeterDevice[] {
    return refs(section.relatedMeterDeviceIds);
  }
}

@Resolver(() => ServiceContract)
export class ContractBillsResolver {
  @FieldResolver(() => [BillSection], { description: 'Bill sections of this contract, optionally overlapping [after, before].' })
  billSections(
    @Root() contract: ServiceContract,
    @Arg('after', () => DateScalar, { nullable: true }) after: string | null,
    @Arg('before', () => DateScalar, { nullable: true }) before: string | null,
    @Ctx() ctx: BillingContext,
  ): Promise<BillSection[]> {
    return ctx.sectionsOfContract(contract.id, { after, before });
  }
}
