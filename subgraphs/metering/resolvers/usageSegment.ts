import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import {
  badUserInput, Connection, keysetWindow, listingTag, paginate, PageArgs, type Page,
} from '../../shared';
import { formatCatalogue } from '../adapter/catalogue';
import { parseSegmentId } from '../adapter/segments';
import type { MeteringContext } from '../context';
import { UsageSegmentFilter } from '../filters';
import { toUsageSegment } from '../segmentLoader';
import { MeterDevice } from '../types/meterDevice';
import { ServicePoint } from '../types/servicePoint';
import { UsageSegment } from '../types/usageSegment';
import { ValueSetsScalar, type UsageValueModel } from '../types/usageValue';
import { ValueFormat, type ValueFormatModel } from '../types/valueFormat';
import { segmentKinds, segmentOptions } from '../usageDetails';
import { USAGE_ORDER_ARITY, usageOrdering, walkSegments, type UsageQuery } from '../usageWalk';

@ObjectType()
class UsageSegmentPage extends Connection(UsageSegment) {}

const MAX_METERS = 1000;

const ms = (value: string | null | undefined) => (value ? Date.parse(value) : null);

@Resolver(() => UsageSegment)
export class UsageSegmentResolver {
  @Query(() => UsageSegmentPage, {
    description: 'cds-wg3-01 §10.8.8 listing: the given meters in the given order, then `segmentStart` ascending. Filters run inside the MDM request.',
  })
  async usageSegments(
    @Arg('filter', () => UsageSegmentFilter) filter: UsageSegmentFilter,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: MeteringContext,
  ): Promise<Page<UsageSegment>> {
    if (filter.meterDeviceIds.length > MAX_METERS) throw badUserInput(`at most ${MAX_METERS} meterDeviceIds`);
    // Page arguments and cursor are checked before any MDM call.
    keysetWindow(page, USAGE_ORDER_ARITY);
    const ids = filter.ids ? new Set(filter.ids) : null;
    // Segment ids name their meter: an id filter narrows the meters before any MDM call.
    const wanted = ids ? new Set([...ids].map((id) => parseSegmentId(id)?.meterId)) : null;
    const order = [...new Set(filter.meterDeviceIds)].filter((id) => !wanted || wanted.has(id));
    const records = new Map((await ctx.meterRecords(order)).map((m) => [m.meterId, m]));
    const details = new Set(filter.details ?? []);
    const from = ms(filter.windowStart) ?? 0;
    const to = ms(filter.windowEnd) ?? Number.MAX_SAFE_INTEGER;
    const query: UsageQuery = {
      meters: order.map((id) => records.get(id)).filter((m) => m !== undefined),
      from,
      to,
      after: ms(filter.after),
      before: ms(filter.before),
      ids,
      details,
      kinds: segmentKinds(details, filter.kinds),
      tag: listingTag('usage', filter),
      timezone: ctx.timezone,
    };
    const result = await paginate(page, usageOrdering(query), (window) =>
      to <= from ? Promise.resolve([]) : walkSegments(ctx.mdm, query, window));
    return { nodes: result.nodes.map(toUsageSegment), pageInfo: result.pageInfo };
  }

  @Query(() => UsageSegment, { nullable: true, description: 'One segment by id (its meter and time range are in the id).' })
  usageSegment(@Arg('id', () => ID) id: string, @Ctx() ctx: MeteringContext): Promise<UsageSegment | null> {
    return ctx.segments.load(id);
  }

  @Query(() => [ValueFormat], { description: 'Every Value Format the MDM produces, with every `details` asked for (stable ids).' })
  async usageValueFormats(@Ctx() ctx: MeteringContext): Promise<ValueFormatModel[]> {
    return formatCatalogue((await segmentOptions(ctx.mdm, new Set(['TIME_OF_USE']), 0, 0)).tou);
  }

  @FieldResolver(() => ValueSetsScalar, { description: '`values` as one JSON value: the same objects, without a resolver per value (a page holds ~10^5).' })
  valueSets(@Root() segment: UsageSegment): (UsageValueModel | null)[][] {
    return segment.values;
  }

  @FieldResolver(() => [MeterDevice])
  relatedMeterDevices(@Root() segment: UsageSegment, @Ctx() ctx: MeteringContext): Promise<MeterDevice[]> {
    return ctx.meterDevices(segment.relatedMeterDeviceIds);
  }

  @FieldResolver(() => [ServicePoint])
  relatedServicePoints(@Root() segment: UsageSegment): ServicePoint[] {
    return segment.relatedServicePointIds.map((id) => ({ id }));
  }
}
