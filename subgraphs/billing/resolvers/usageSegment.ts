import 'reflect-metadata';
import { DateTime } from 'luxon';
import { Ctx, Directive, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context';
import { BillSection } from '../types/billSection';
import { UsageSegment } from '../types/references';

const REQUIRES = '@requires(fields: "relatedServiceContractIds relatedMeterDeviceIds segmentStart segmentEnd")';

/** Sections of the segment's contracts whose period (local dates) overlaps it and that billed its meter. */
async function billingSections(segment: UsageSegment, ctx: BillingContext): Promise<BillSection[]> {
  const local = (iso: string, shiftMs = 0) => DateTime.fromMillis(Date.parse(iso) + shiftMs, { zone: ctx.timezone }).toISODate()!;
  const first = local(segment.segmentStart);
  const last = local(segment.segmentEnd, -1);
  // All sections of each contract: one billing call for every contract of the request.
  const sections = (await Promise.all(segment.relatedServiceContractIds.map((id) => ctx.sectionsOfContract(id, {})))).flat();
  const unique = new Map(sections
    .filter((s) => s.startDate <= last && s.endDate >= first)
    .filter((s) => s.relatedMeterDeviceIds.length === 0 || s.relatedMeterDeviceIds.some((m) => segment.relatedMeterDeviceIds.includes(m)))
    .map((s) => [s.id, s]));
  return [...unique.values()];
}

@Resolver(() => UsageSegment)
export class UsageSegmentBillsResolver {
  @Directive(REQUIRES)
  @FieldResolver(() => [ID], { description: '`related_billsections`: sections of the segment\'s contracts covering it and billing its meter.' })
  async relatedBillSectionIds(@Root() segment: UsageSegment, @Ctx() ctx: BillingContext): Promise<string[]> {
    return (await billingSections(segment, ctx)).map((s) => s.id);
  }

  @Directive(REQUIRES)
  @FieldResolver(() => [BillSection])
  relatedBillSections(@Root() segment: UsageSegment, @Ctx() ctx: BillingContext): Promise<BillSection[]> {
    return billingSections(segment, ctx);
  }
}
