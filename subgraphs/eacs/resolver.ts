import 'reflect-metadata';
import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { EacCertificate } from '../../legacy/eac/records';
import {
  byIdLoader, Connection, legacyPage, legacyPosition, listingTag, loadPresent, PageArgs, toDateTimeString,
  type BeneficiaryType, type Page,
} from '../shared';
import type { EacRegistry } from './registry';
import { EacDataFormat, EacFilter, EnergyAttributeCertificate } from './types';

const BENEFICIARY: Record<EacCertificate['beneficiary_kind'], BeneficiaryType> = {
  CUSTOMER: 'customer', ACCOUNT: 'account', CONTRACT: 'servicecontract', TARIFF: 'rateplan', PROGRAM: 'program', GENERAL: 'general',
};

export function toCertificate(c: EacCertificate, registry: EacRegistry, synced: Date): EnergyAttributeCertificate {
  return {
    id: c.certificate_id,
    created: toDateTimeString(c.issued_at),
    modified: toDateTimeString(c.updated_at),
    synced: toDateTimeString(synced),
    beneficiaryType: BENEFICIARY[c.beneficiary_kind],
    beneficiaries: c.beneficiary_refs,
    eacNumbers: c.serial_numbers,
    eacFormat: c.format_code,
    eacDataUrl: registry.dataUrl(c),
    periodStart: toDateTimeString(c.vintage_start),
    periodEnd: toDateTimeString(c.vintage_end),
  };
}

const PER_PAGE = 100;
const join = (values: string[] | null | undefined) => (values ? values.join(',') : undefined);

export function createEacsContext(registry: EacRegistry) {
  // Ids are unique, so one page of up to 100 holds every match of up to 100 ids.
  const byId = byIdLoader(async (ids) => {
    const chunks = [];
    for (let i = 0; i < ids.length; i += PER_PAGE) chunks.push(ids.slice(i, i + PER_PAGE));
    const pages = await Promise.all(chunks.map((chunk) => registry.certificates({ certificate_id: chunk.join(',') }, { position: null, limit: PER_PAGE })));
    return pages.flatMap((p) => p.nodes.map((c) => toCertificate(c, registry, p.receivedAt)));
  }, (c: EnergyAttributeCertificate) => c.id);
  return { registry, certificates: (ids: readonly string[]) => loadPresent(byId, ids) };
}

export type EacsContext = ReturnType<typeof createEacsContext>;

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
