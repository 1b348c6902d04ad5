import 'reflect-metadata';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { cdsEnum, DateTimeScalar, MeterType, type EnumValue, type LegacyListing } from '../shared';
import { UsageSegmentKind } from './types/usageSegment';
import { meterTypeFilters } from './adapter/translate';

const MeterDeviceSearchField = cdsEnum('MeterDeviceSearchField', '§10.4.5 `q`', ['id', 'meterNumber']);
const METER_Q: Record<EnumValue<typeof MeterDeviceSearchField>, string> = { id: 'meterId', meterNumber: 'serialNumber' };

@InputType({ description: 'cds-wg3-01 §10.4.5 filters (AND across fields, OR within a list; an empty list matches nothing).' })
export class MeterDeviceFilter {
  @Field(() => [ID], { nullable: true, description: '`cds_meterdevice_ids`' })
  ids?: string[] | null;

  @Field(() => [String], { nullable: true, description: '`meter_number` (the spec\'s singular filter; several values match by OR).' })
  meterNumbers?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '`current_servicepoints`' })
  currentServicePointIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '`previous_servicepoints`' })
  previousServicePointIds?: string[] | null;

  @Field(() => [MeterType], { nullable: true, description: 'Any of the meter\'s types matches any of these.' })
  meterTypes?: MeterType[] | null;

  @Field(() => [String], { nullable: true, description: 'Meters listing a Meter App with one of these `app_number`s (§7.1.11).' })
  appNumbers?: string[] | null;

  @Field(() => String, { nullable: true })
  q?: string | null;

  @Field(() => [MeterDeviceSearchField], { nullable: true })
  qFields?: EnumValue<typeof MeterDeviceSearchField>[] | null;
}

/** null when no meter can match (an empty list, or types no meter holds). */
export function meterListing(f: MeterDeviceFilter = {}): LegacyListing | null {
  const filters = {
    meterId: f.ids ?? undefined,
    serialNumber: f.meterNumbers ?? undefined,
    currentServicePointId: f.currentServicePointIds ?? undefined,
    previousServicePointId: f.previousServicePointIds ?? undefined,
    appCode: f.appNumbers ?? undefined,
  };
  if (Object.values(filters).some((v) => v !== undefined && v.length === 0)) return null;
  const types = f.meterTypes ? f.meterTypes.flatMap(meterTypeFilters) : null;
  if (types?.length === 0) return null;
  const search = f.q ? { q: f.q, qFields: (f.qFields ?? (Object.keys(METER_Q) as (keyof typeof METER_Q)[])).map((k) => METER_Q[k]) } : {};
  return { filters, ...(types ? { anyOf: [types] } : {}), ...search };
}

/** What a usage listing adds to the MDM's delivered and received readings (none by default). */
export type UsageDetail = 'QUALITY' | 'TIME_OF_USE' | 'NET' | 'REGISTER' | 'COST' | 'SUPPLY_MIX' | 'PEAK_DEMAND' | 'BILLED';
export const UsageDetail = Object.fromEntries(
  (['QUALITY', 'TIME_OF_USE', 'NET', 'REGISTER', 'COST', 'SUPPLY_MIX', 'PEAK_DEMAND', 'BILLED'] as const).map((d) => [d, d]),
) as { readonly [K in UsageDetail]: K };
registerEnumType(UsageDetail, {
  name: 'UsageSegmentDetail',
  description: 'Extra formats a usage listing asks the MDM for (cds-wg3-01 §10.8.5)',
  valuesConfig: {
    QUALITY: { description: 'Each format states the `quality` its readings share; readings of another quality than the channel\'s default also come as a format of that quality.' },
    TIME_OF_USE: { description: 'Delivered energy also per TOU period and season of the rate in effect (`tou`/`season` set), or with `tou: null` where the rate has none.' },
    NET: { description: 'Net energy of bidirectional meters (`direction: net`).' },
    REGISTER: { description: 'The delivered-energy register at each interval start (`meter_readings`).' },
    COST: { description: 'The cost of each reading (`cost`, `indexes` naming the usage it prices).' },
    SUPPLY_MIX: { description: 'The grid\'s hourly supply mix per source (`electric_supply_mix`, `indexes` naming the delivered energy).' },
    PEAK_DEMAND: { description: 'Each day\'s highest 15-minute demand, as DAILY_PEAK_DEMAND segments.' },
    BILLED: { description: 'The billed usage of each bill section (and its tiers), as BILLING_PERIOD segments.' },
  },
});

@InputType({ description: 'cds-wg3-01 §10.8.8 listing input.' })
export class UsageSegmentFilter {
  @Field(() => [ID], {
    description: 'Meters whose segments to list, IN LISTING ORDER: the facade sorts them by the aggregation, account and contract numbers §10.8.8 orders on. At most 1000.',
  })
  meterDeviceIds!: string[];

  @Field(() => [ID], { nullable: true, description: '`cds_usagesegment_ids`' })
  ids?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '§10.8.8 `after`: segments with `segmentEnd` ≥ this.' })
  after?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '§10.8.8 `before`: segments with `segmentStart` ≤ this.' })
  before?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Grant window start (`segment_start`): earlier value sets are trimmed off.' })
  windowStart?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Grant window end (`segment_end`): later value sets are trimmed off.' })
  windowEnd?: string | null;

  @Field(() => [UsageDetail], { nullable: true, description: 'What to add to the delivered and received readings; none by default.' })
  details?: UsageDetail[] | null;

  @Field(() => [UsageSegmentKind], {
    nullable: true,
    description: 'The kinds of segment to list; by default INTERVAL and the kinds the `details` PEAK_DEMAND and BILLED add.',
  })
  kinds?: UsageSegmentKind[] | null;
}
