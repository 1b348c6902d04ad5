import 'reflect-metadata';
import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, legacyPage, legacyPosition, listingTag, PageArgs, type Page } from '../shared';
import type { EacsContext } from './context';
import { toCertificate } from './translate';
import { EacDataFormat, EacFilter, EnergyAttributeCertificate } from './types';

const join = (values: string[] | null | undefined) => (values ? values.join(',') : undefined);

@ObjectType()
class EnergyAttributeCertificatePage extends Connection(EnergyAttributeCertificate) {}

@Resolver(() => EnergyAttributeCertificate)
export class EacResolver {
  @Query(() => EnergyAttributeCertificatePage, {
    description: 'cds-wg3-01 §10.9.4 listing, ordered by `periodStart` descending, then `created` descending, then `id`.',
  })
  async eacs(
    @Arg('filter', () => EacFilter, { nullable: true }) filter: EacFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: EacsContext,
  ): Promise<Page<EnergyAttributeCertificate>> {
    const f = filter ?? {};
    const tag = listingTag('eacs', f);
    const position = legacyPosition(page, tag);
    const lists = { certificate_id: f.ids, serial: f.eacNumbers, beneficiary: f.beneficiaries };
    if (Object.values(lists).some((v) => v && v.length === 0)) return legacyPage({ nodes: [], next: null, previous: null }, tag);
    const result = await ctx.registry.certificates({
      certificate_id: join(f.ids),
      serial: join(f.eacNumbers),
      beneficiary: join(f.beneficiaries),
      vintage_start_lte: f.before ?? undefined,
      vintage_end_gte: f.after ?? undefined,
    }, position);
    return legacyPage({ ...result, nodes: result.nodes.map((c) => toCertificate(c, ctx.registry, result.receivedAt)) }, tag);
  }

  @Query(() => EnergyAttributeCertificate, { nullable: true })
  async eac(@Arg('id', () => ID) id: string, @Ctx() ctx: EacsContext): Promise<EnergyAttributeCertificate | null> {
    return (await ctx.certificates([id]))[0] ?? null;
  }

  @Query(() => [EacDataFormat], { description: 'The registry\'s data formats (the server metadata `cds_eac_formats`).' })
  async eacFormats(@Ctx() ctx: EacsContext): Promise<EacDataFormat[]> {
    return (await ctx.registry.formats()).map((f) => ({ id: f.format_code, name: f.name, description: f.description, documentation: f.documentation_url }));
  }
}
