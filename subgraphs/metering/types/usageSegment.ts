import 'reflect-metadata';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, DecimalScalar, Timestamps } from '../../shared';
import { UsageValue, type UsageValueModel } from './usageValue';
import { ValueFormat, type ValueFormatModel } from './valueFormat';

/** What one segment holds: a local day of interval readings, one day's peak demand, or one bill section's billed usage. */
export type UsageSegmentKind = 'INTERVAL' | 'DAILY_PEAK_DEMAND' | 'BILLING_PERIOD';
export const UsageSegmentKind = { INTERVAL: 'INTERVAL', DAILY_PEAK_DEMAND: 'DAILY_PEAK_DEMAND', BILLING_PERIOD: 'BILLING_PERIOD' } as const;
registerEnumType(UsageSegmentKind, {
  name: 'UsageSegmentKind',
  description: 'INTERVAL: one local day of a channel\'s readings; DAILY_PEAK_DEMAND: one local day\'s highest 15-minute demand (one Value Set); BILLING_PERIOD: the usage billed for one bill section (one Value Set, `interval` = the section).',
});

/** Usage Segment (cds-wg3-01 §10.8.1), built from the MDM's ESPI interval readings. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'cds-wg3-01 §10.8.1 (`id` = `cds_usagesegment_id`): one meter, one local day (or one long reading).' })
export class UsageSegment extends Timestamps {
  @Field(() => ID)
  id!: string;

  @Field(() => UsageSegmentKind)
  kind!: UsageSegmentKind;

  @Field(() => DateTimeScalar)
  segmentStart!: string;

  @Field(() => DateTimeScalar, { description: 'End of the last interval.' })
  segmentEnd!: string;

  @Field(() => DecimalScalar, { description: 'Seconds per Value Set.' })
  interval!: string;

  @Field(() => [ValueFormat])
  formats!: ValueFormatModel[];

  @Field(() => [[UsageValue]], { nullable: 'items', description: 'One Value Set per interval; each has one entry per format, null when missing.' })
  values!: (UsageValueModel | null)[][];

  @Field(() => [ID], { description: '`related_meterdevices`' })
  relatedMeterDeviceIds!: string[];

  @Field(() => [ID], { description: '`related_servicepoints`: where the meter was installed during the segment.' })
  relatedServicePointIds!: string[];

  /** Listing order keys (not fields). */
  meterId!: string;
  start!: number;
}
