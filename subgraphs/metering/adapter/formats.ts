import type { MdmMeter } from '../../../legacy/mdm/records';
import type {
  DemandType, DirectionType, ReadingQualityType, SeasonType, SupplyType, TierType, TimeOfUseType, UnitType, ValueType,
} from '../../shared';
import type { UsageSegmentKind } from '../types/usageSegment';
import type { ValueFormatModel } from '../types/valueFormat';
import type { EspiChannel, EspiReadingType } from './espi';

// ESPI ReadingType → CDS Value Format (cds-wg3-01 §10.8.5). Format ids are stable per
// definition (digest part 10 #19), so the REST facade can offer them as Choices.

export type ValueKey = 'eu' | 'ed' | 'gu' | 'wu' | 'r';

/** What a channel holds: usage (energy or volume, any direction), a register, or demand. */
export type ChannelRole = 'usage' | 'register' | 'demand';

export interface ChannelFormat {
  format: ValueFormatModel;
  key: ValueKey;
  role: ChannelRole;
  /** The segments its readings form: interval days, days of peak demand, or bill sections. */
  kind: UsageSegmentKind;
  /** ESPI counts received energy as positive; CDS signs flow from the customer negative (§10.8.5). */
  negate: boolean;
  powerOfTenMultiplier: number;
  /** The quality of a reading that states none (ReadingType `defaultQuality`); null when unknown. */
  defaultQuality: ReadingQualityType | null;
}

type Commodity = MdmMeter['commodity'];

/** ESPI uom codes (NAESB REQ.21 UnitSymbolKind) per commodity → CDS UnitType and Value Type. */
const UOM: Record<number, Partial<Record<Commodity, [ValueType, UnitType]>>> = {
  72: { ELECTRIC: ['electric_usage', 'Wh'] },
  38: { ELECTRIC: ['electric_demand', 'W'] },
  119: { GAS: ['natural_gas_usage', 'scf'], WATER: ['water_usage', 'ft3'] },
  128: { WATER: ['water_usage', 'gal'] },
  169: { GAS: ['natural_gas_usage', 'therm'] },
  42: { GAS: ['natural_gas_usage', 'Sm3'], WATER: ['water_usage', 'm3'] },
};
/** The MDM's own units when a feed carries no ReadingType (legacy/README.md "Units"). */
const DEFAULT_UOM: Record<Commodity, number> = { ELECTRIC: 72, GAS: 119, WATER: 128 };
const KEY: Partial<Record<ValueType, ValueKey>> = { electric_usage: 'eu', electric_demand: 'ed', natural_gas_usage: 'gu', water_usage: 'wu' };
const FLOW: Record<number, DirectionType> = { 1: 'forward', 4: 'net', 19: 'reverse' };
/** ISO 4217 numeric → alpha codes the MDM may use. */
const CURRENCY: Record<number, string> = { 840: 'USD', 124: 'CAD', 978: 'EUR', 826: 'GBP', 36: 'AUD' };
/** ESPI accumulationBehaviour of registers: bulkQuantity, summation. */
const REGISTERS = new Set([1, 9]);
/** ESPI dataQualifier 8 (maximum): the highest demand of the interval. */
const MAXIMUM = 8;
/** ESPI timeAttribute 8: billing period. */
const BILLING_PERIOD = 8;

/**
 * ESPI QualityOfReading → §10.8.7.6: valid and validated are `valid`, manually edited is
 * `corrected` (edited after validation), the reference-day and interpolation estimates are
 * `estimated`, derived is `calculated`, raw is `raw`, revenue quality is `revenue`. The others
 * (questionable, projected, mixed, normalised, other, verified) have no CDS counterpart: unknown.
 */
const QUALITY: Record<number, ReadingQualityType> = {
  0: 'valid', 7: 'corrected', 8: 'estimated', 9: 'estimated', 11: 'calculated', 14: 'raw', 17: 'valid', 19: 'revenue',
};
export const readingQuality = (code: number | null): ReadingQualityType | null => (code === null ? null : QUALITY[code] ?? null);

/** Designations ESPI does not carry: unknown, so their keys are omitted (§10.8.5 "omit = unknown"). */
const UNKNOWN_DESIGNATIONS = ['tou', 'tier', 'season', 'quality', 'related_meterdevices'];

export type Designations = Partial<{ tou: TimeOfUseType | null; tier: TierType | null; season: SeasonType | null; quality: ReadingQualityType }>;

/**
 * The format with these designations stated (a stated `null` is "no such designation"); its id
 * names them, so every definition keeps one id (`electric_usage_forward_Wh_peak_summer`,
 * `electric_usage_forward_Wh_no_tou`, `electric_usage_forward_Wh_estimated`).
 */
export function designate(format: ValueFormatModel, d: Designations): ValueFormatModel {
  const stated = Object.keys(d) as (keyof Designations)[];
  if (stated.length === 0) return format;
  const suffix = [
    'tou' in d ? d.tou ?? 'no_tou' : null,
    d.season ?? null,
    d.tier ?? null,
    d.quality ?? null,
  ].filter((s): s is string => s !== null);
  return {
    ...format, ...d,
    id: [format.id, ...suffix].join('_'),
    omittedFields: (format.omittedFields as string[]).filter((k) => !stated.includes(k as keyof Designations)),
  };
}

function usageFormat(type: ValueType, units: UnitType, direction: DirectionType | null): ValueFormatModel {
  const electric = type === 'electric_usage' || type === 'electric_demand';
  const omitted = UNKNOWN_DESIGNATIONS.filter((k) => electric || k !== 'tou');
  if (electric && direction === null) omitted.push('direction');
  return {
    id: [type, electric ? direction : null, units].filter(Boolean).join('_'),
    type,
    units,
    ...(electric ? { direction } : {}),
    tou: null, tier: null, season: null, quality: null, relatedMeterDeviceIds: null,
    omittedFields: omitted,
  };
}

/** The channel's format and how to read it; null for a channel of no §10.8.5 type. */
export function channelFormat(channel: Pick<EspiChannel, 'readingType' | 'title'>, meter: Pick<MdmMeter, 'meterId' | 'commodity'>): ChannelFormat | null {
  const rt: EspiReadingType = channel.readingType;
  const known = UOM[rt.uom ?? DEFAULT_UOM[meter.commodity]]?.[meter.commodity];
  if (!known) return null;
  const [type, units] = known;
  const base = { powerOfTenMultiplier: rt.powerOfTenMultiplier, defaultQuality: readingQuality(rt.defaultQuality) };
  if (rt.accumulationBehaviour !== null && REGISTERS.has(rt.accumulationBehaviour) && type !== 'electric_demand') {
    // §10.8.5.8: the register's reading at each interval start, as a string.
    const format: ValueFormatModel = {
      id: `meter_readings_${units}${channel.title ? `_${channel.title}` : ''}`, type: 'meter_readings',
      relatedMeterDeviceId: meter.meterId, register: channel.title, units, omittedFields: [],
    };
    return { ...base, format, key: 'r', role: 'register', kind: 'INTERVAL', negate: false };
  }
  const key = KEY[type];
  if (!key) return null;
  const direction = rt.flowDirection === null ? null : FLOW[rt.flowDirection] ?? null;
  let format = usageFormat(type, units, direction);
  if (type === 'electric_demand') {
    const demandType: DemandType = rt.dataQualifier === MAXIMUM ? 'peak' : 'average';
    format = { ...format, id: demandType === 'peak' ? `${format.id}_peak` : format.id, demandType };
    return { ...base, format, key, role: 'demand', kind: demandType === 'peak' ? 'DAILY_PEAK_DEMAND' : 'INTERVAL', negate: direction === 'reverse' };
  }
  const billed = rt.timeAttribute === BILLING_PERIOD;
  return { ...base, format, key, role: 'usage', kind: billed ? 'BILLING_PERIOD' : 'INTERVAL', negate: direction === 'reverse' };
}

/** ESPI consumptionTier → §10.8.7.4: two tiers are a baseline and its overage; otherwise numbered tiers. */
export function tierOf(tier: number, tiers: number): TierType | null {
  if (tiers === 2) return tier === 1 ? 'baseline' : tier === 2 ? 'overage' : null;
  return tier >= 1 && tier <= 9 ? (`tier_${tier}` as TierType) : null;
}

export function costFormat(readingType: EspiReadingType, index: number): ValueFormatModel {
  const currency = CURRENCY[readingType.currency ?? 840] ?? 'USD';
  return { id: `cost_${currency}_${index}`, type: 'cost', currency, indexes: [index], omittedFields: [] };
}

/** The grid's supply mix of one source (§10.8.5.3), describing the usage at `index`. */
export function supplyMixFormat(supplyType: SupplyType, index: number): ValueFormatModel {
  return { id: `electric_supply_mix_base_${supplyType}`, type: 'electric_supply_mix', attribution: 'base', supplyType, indexes: [index], omittedFields: [] };
}
