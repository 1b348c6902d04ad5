import 'reflect-metadata';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, legacyPage, legacyPosition, listingTag, PageArgs, type Page } from '../../shared';
import { toMeterDevice } from '../adapter/translate';
import type { MeteringContext } from '../context';
import { MeterDeviceFilter, meterListing } from '../filters';
import { Aggregation } from '../types/aggregation';
import { MeterDevice } from '../types/meterDevice';
import { ServicePoint } from '../types/servicePoint';

@ObjectType()
class MeterDevicePage extends Connection(MeterDevice) {}

@Resolver(() => MeterDevice)
export class MeterDeviceResolver {
  @Query(() => MeterDevicePage, { description: 'cds-wg3-01 §10.4.5 listing, ordered by `modified` descending, then `id`.' })
  async meterDevices(
    @Arg('filter', () => MeterDeviceFilter, { nullable: true }) filter: MeterDeviceFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: MeteringContext,
  ): Promise<Page<MeterDevice>> {
    const tag = listingTag('meters', filter);
    const position = legacyPosition(page, tag);
    const listing = meterListing(filter ?? {});
    if (!listing) return legacyPage({ nodes: [], next: null, previous: null }, tag);
    const result = await ctx.mdm.listMeters(listing, position);
    for (const row of result.nodes) ctx.rows.meters.prime(row.meterId, { row, synced: result.receivedAt });
    return legacyPage({ ...result, nodes: result.nodes.map((m) => toMeterDevice(m, result.receivedAt)) }, tag);
  }

  @Query(() => MeterDevice, { nullable: true })
  async meterDevice(@Arg('id', () => ID) id: string, @Ctx() ctx: MeteringContext): Promise<MeterDevice | null> {
    return (await ctx.meterDevices([id]))[0] ?? null;
  }

  @FieldResolver(() => [ServicePoint])
  currentServicePoints(@Root() meter: MeterDevice): ServicePoint[] {
    return meter.currentServicePointIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [ServicePoint])
  previousServicePoints(@Root() meter: MeterDevice): ServicePoint[] {
    return meter.previousServicePointIds.map((id) => ({ id }));
  }
}

@Resolver(() => ServicePoint)
export class ServicePointMetersResolver {
  @FieldResolver(() => [MeterDevice], { description: 'Meters installed at this service point now (from the MDM).' })
  async currentMeterDevices(@Root() sp: ServicePoint, @Ctx() ctx: MeteringContext): Promise<MeterDevice[]> {
    return (await ctx.metersAt(sp.id)).filter((m) => m.currentServicePointIds.includes(sp.id));
  }

  @FieldResolver(() => [MeterDevice], { description: 'Meters installed here before.' })
  async previousMeterDevices(@Root() sp: ServicePoint, @Ctx() ctx: MeteringContext): Promise<MeterDevice[]> {
    return (await ctx.metersAt(sp.id)).filter((m) => m.previousServicePointIds.includes(sp.id));
  }
}

/** Meters installed now at the aggregation's service points (§10.7.1 `grouped_meterdevices`). */
async function groupedMeters(agg: Aggregation, ctx: MeteringContext): Promise<MeterDevice[]> {
  const meters = (await Promise.all(agg.groupedServicePointIds.map((sp) => ctx.metersAt(sp)))).flat();
  const unique = new Map(meters.filter((m) => m.currentServicePointIds.some((sp) => agg.groupedServicePointIds.includes(sp))).map((m) => [m.id, m]));
  return [...unique.values()];
}

@Resolver(() => Aggregation)
export class AggregationMetersResolver {
  @Directive('@requires(fields: "groupedServicePointIds")')
  @FieldResolver(() => [ID], { description: '`grouped_meterdevices`: meters installed now at the grouped service points.' })
  async groupedMeterDeviceIds(@Root() agg: Aggregation, @Ctx() ctx: MeteringContext): Promise<string[]> {
    return (await groupedMeters(agg, ctx)).map((m) => m.id);
  }

  @Directive('@requires(fields: "groupedServicePointIds")')
  @FieldResolver(() => [MeterDevice])
  groupedMeterDevices(@Root() agg: Aggregation, @Ctx() ctx: MeteringContext): Promise<MeterDevice[]> {
    return groupedMeters(agg, ctx);
  }
}
