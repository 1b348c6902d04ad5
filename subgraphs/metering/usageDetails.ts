import type { MdmChannel } from '../../legacy/mdm/records';
import type { SeasonType, SupplyType, TimeOfUseType } from '../shared';
import type { MdmClient } from './adapter/mdm';
import type { SegmentOptions, SupplyMixSeries, TouDesignations } from './adapter/segments';
import type { UsageDetail } from './filters';
import type { UsageSegmentKind } from './types/usageSegment';

/**
 * What a usage listing's `details` need from the MDM: the MeterReadings to ask the ESPI feed for,
 * the TOU bucket catalogue (TIME_OF_USE) and the supply mix of the feed's hours (SUPPLY_MIX).
 */

const CHANNELS: Partial<Record<UsageDetail, MdmChannel>> = { NET: 'net', REGISTER: 'register' };

/** The kinds of segment a listing holds: those asked for, or intervals and those the details add. */
export function segmentKinds(details: ReadonlySet<UsageDetail>, kinds: readonly UsageSegmentKind[] | null | undefined): Set<UsageSegmentKind> {
  if (kinds) return new Set(kinds);
  return new Set<UsageSegmentKind>(['INTERVAL', ...(details.has('PEAK_DEMAND') ? ['DAILY_PEAK_DEMAND' as const] : []), ...(details.has('BILLED') ? ['BILLING_PERIOD' as const] : [])]);
}

/**
 * The feed's MeterReadings for these kinds of segment and details: [] for the MDM's default
 * (delivered and received), null when none is needed (no MDM call).
 */
export function mdmChannels(details: ReadonlySet<UsageDetail>, kinds: ReadonlySet<UsageSegmentKind>): MdmChannel[] | null {
  const wanted = [
    ...(kinds.has('INTERVAL') ? ['delivered', 'received', ...(['NET', 'REGISTER'] as const).filter((d) => details.has(d)).map((d) => CHANNELS[d]!)] : []),
    ...channelsOfKind('DAILY_PEAK_DEMAND').filter(() => kinds.has('DAILY_PEAK_DEMAND') && details.has('PEAK_DEMAND')),
    ...channelsOfKind('BILLING_PERIOD').filter(() => kinds.has('BILLING_PERIOD') && details.has('BILLED')),
  ] as MdmChannel[];
  if (wanted.length === 0) return null;
  return wanted.length === 2 && kinds.has('INTERVAL') ? [] : wanted;
}

/** The MeterReadings holding one kind of segment (a segment fetched by id). */
export function channelsOfKind(kind: UsageSegmentKind): MdmChannel[] {
  return kind === 'DAILY_PEAK_DEMAND' ? ['demand'] : kind === 'BILLING_PERIOD' ? ['billed'] : [];
}

const PERIOD: Record<string, TimeOfUseType> = { SPK: 'super_peak', PK: 'peak', PPK: 'partial_peak', OPK: 'off_peak', SOP: 'super_off_peak' };
const SEASON: Record<string, SeasonType> = { SUM: 'summer', WIN: 'winter' };
const SOURCE: Record<string, SupplyType> = {
  SOLAR: 'solar', WIND: 'wind', HYDRO: 'hydro', GEOTHERMAL: 'geothermal', NUCLEAR: 'nuclear', NATURAL_GAS: 'natural_gas',
};

/** The segment builder's options for readings in [from, to) (epoch ms). */
export async function segmentOptions(mdm: MdmClient, details: ReadonlySet<UsageDetail>, from: number, to: number): Promise<SegmentOptions> {
  const [buckets, mix] = await Promise.all([
    details.has('TIME_OF_USE') ? mdm.touBuckets() : [],
    details.has('SUPPLY_MIX') && to > from ? mdm.supplyMix(new Date(from), new Date(to)) : [],
  ]);
  const tou: TouDesignations = new Map(buckets.map((b) => [b.code, { tou: PERIOD[b.period], season: b.season === null ? null : SEASON[b.season] }]));
  const supplyMix: SupplyMixSeries = new Map(mix.map((h) => [
    Date.parse(h.start),
    h.sources.map((s) => ({ supplyType: SOURCE[s.source], sm: s.share, ci: s.carbonIntensity })),
  ]));
  return { details, tou, supplyMix };
}
