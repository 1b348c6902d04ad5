import type { MdmMeter } from '../../../legacy/mdm/records';
import type { DirectionType, UnitType, ValueType } from '../../shared';
import type { ValueFormatModel } from '../types/valueFormat';
import type { EspiReadingType } from './espi';

// ESPI ReadingType → CDS Value Format (cds-wg3-01 §10.8.5). Format ids are stable per
// definition (digest part 10 #19), so the REST facade can offer them as Choices.

export type ValueKey = 'eu' | 'ed' | 'gu' | 'wu';

export interface ChannelFormat {
  format: ValueFormatModel;
  key: ValueKey;
  /** ESPI counts received energy as positive; CDS signs flow from the customer negative (§10.8.5). */
  negate: boolean;
  powerOfTenMultiplier: number;
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
const FLOW: Record<number, DirectionType> = { 1: 'forward', 19: 'reverse' };
/** ISO 4217 numeric → alpha codes the MDM may use. */
const CURRENCY: Record<number, string> = { 840: 'USD', 124: 'CAD', 978: 'EUR', 826: 'GBP', 36: 'AUD' };

/** Designations ESPI does not carry: unknown, so their keys are omitted (§10.8.5 "omit = unknown"). */
const UNKNOWN_DESIGNATIONS = ['tou', 'tier', 'season', 'quality', 'related_meterdevices'];

export function channelFormat(readingType: EspiReadingType, commodity: Commodity): ChannelFormat | null {
  const known = UOM[readingType.uom ?? DEFAULT_UOM[commodity]]?.[commodity];
  if (!known) return null;
  const [type, units] = known;
  const key = KEY[type];
  if (!key) return null;
  const direction = readingType.flowDirection === null ? null : FLOW[readingType.flowDirection] ?? null;
  const electric = type === 'electric_usage' || type === 'electric_demand';
  const omitted = UNKNOWN_DESIGNATIONS.filter((k) => electric || k !== 'tou');
  if (electric && direction === null) omitted.push('direction');
  const format: ValueFormatModel = {
    id: [type, electric ? direction : null, units].filter(Boolean).join('_'),
    type,
    units,
    ...(electric ? { direction } : {}),
    ...(type === 'electric_demand' ? { demandType: 'average' } : {}),
    tou: null, tier: null, season: null, quality: null, relatedMeterDeviceIds: null,
    omittedFields: omitted,
  };
  return { format, key, negate: direction === 'reverse', powerOfTenMultiplier: readingType.powerOfTenMultiplier };
}

export function costFormat(readingType: EspiReadingType, index: number): ValueFormatModel {
  const currency = CURRENCY[readingType.currency ?? 840] ?? 'USD';
  return { id: `cost_${currency}_${index}`, type: 'cost', currency, indexes: [index], omittedFields: [] };
}

/** Every format the MDM's meters produce (the Choices the facade offers for `include_usage_segment_value_types`). */
export function formatCatalogue(): ValueFormatModel[] {
  const rt = (uom: number, flowDirection: number | null): EspiReadingType => ({
    uom, flowDirection, powerOfTenMultiplier: 0, commodity: null, kind: null, intervalLength: null, currency: 840,
  });
  const formats = [
    channelFormat(rt(72, 1), 'ELECTRIC'), channelFormat(rt(72, 19), 'ELECTRIC'),
    channelFormat(rt(119, 1), 'GAS'), channelFormat(rt(128, 1), 'WATER'),
  ].map((f) => f!.format);
  return [...formats, costFormat(rt(72, 1), 0)];
}
