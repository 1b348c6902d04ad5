import 'reflect-metadata';
import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, legacyPage, legacyPosition, listingTag, PageArgs, type LegacyPosition, type Page } from '../shared';
import type { EacsContext } from './context';
import type { EacRegistry } from './registry';
import { toCertificate } from './translate';
import { unionPage } from './union';
import { EacDataFormat, EacFilter, EnergyAttributeCertificate } from './types';

const join = (values: string[] | null | undefined) => (values ? values.join(',') : undefined);

/** The registry reads behind a filter: one query, or two merged for "these beneficiaries or general". */
function read(registry: EacRegistry, f: EacFilter, position: LegacyPosition, backward: boolean) {
  const common = {
    certificate_id: join(f.ids),
    serial: join(f.eacNumbers),
    vintage_start_lte: f.before ?? undefined,
    vintage_end_gte: f.after ?? undefined,
  };
  if (!f.beneficiaries) return registry.certificates(common, position);
  const named = { ...common, beneficiary: join(f.beneficiaries) };
  if (!f.includeGeneral) return registry.certificates(named, position);
  const general = { ...common, beneficiary_kind: 'GENERAL' };
  return f.beneficiaries.length === 0 ? registry.certificates(general, position) : unionPage(registry, [named, general], position, backward);
}

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
    if ([f.ids, f.eacNumbers, f.includeGeneral ? undefined : f.beneficiaries].some((v) => v && v.length === 0)) {
      return legacyPage({ nodes: [], next: null, previous: null }, tag);
    }
    const result = await read(ctx.registry, f, position, page.last != null || page.before != null);
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
