import type { SupplyType } from '../../shared';
import type { ValueFormatModel } from '../types/valueFormat';
import type { EspiReadingType } from './espi';
import { channelFormat, costFormat, designate, supplyMixFormat, tierOf } from './formats';
import type { TouDesignations } from './segments';

/**
 * Every Value Format the MDM's meters produce with every detail asked for (`usageValueFormats`):
 * the ReadingTypes its feeds use, run through the same translation as the readings.
 */

const rt = (fields: Partial<EspiReadingType>): EspiReadingType => ({
  uom: 72, powerOfTenMultiplier: 0, flowDirection: 1, commodity: null, kind: null, intervalLength: 900, currency: 840,
  accumulationBehaviour: 4, dataQualifier: 12, defaultQuality: 0, timeAttribute: 0, consumptionTier: null, ...fields,
});
const SUPPLY: SupplyType[] = ['solar', 'wind', 'hydro', 'geothermal', 'nuclear', 'natural_gas'];

export function formatCatalogue(tou: TouDesignations): ValueFormatModel[] {
  const format = (readingType: EspiReadingType, commodity: 'ELECTRIC' | 'GAS' | 'WATER' = 'ELECTRIC', title: string | null = null) =>
    channelFormat({ readingType, title }, { meterId: '', commodity })!.format;
  const forward = format(rt({}));
  const reverse = format(rt({ flowDirection: 19 }));
  const billed = format(rt({ timeAttribute: 8, defaultQuality: 19 }));
  return [
    forward, reverse,
    ...(['valid', 'estimated', 'corrected'] as const).flatMap((quality) => [designate(forward, { quality }), designate(reverse, { quality })]),
    designate(format(rt({ flowDirection: 4, defaultQuality: 11 })), { quality: 'calculated' }),
    designate(forward, { tou: null, season: null }),
    ...[...tou.values()].map((d) => designate(forward, d)),
    // Each meter's register names the meter (`related_meterdevice`).
    { ...format(rt({ accumulationBehaviour: 1 }), 'ELECTRIC', '1.8.0'), relatedMeterDeviceId: null },
    designate(format(rt({ uom: 38, kind: 8, dataQualifier: 8, accumulationBehaviour: 6, defaultQuality: 11, intervalLength: 86400 })), { quality: 'calculated' }),
    designate(billed, { quality: 'revenue' }),
    ...[1, 2].map((tier) => designate(billed, { tier: tierOf(tier, 2), quality: 'revenue' })),
    format(rt({ uom: 119, intervalLength: 86400 }), 'GAS'),
    format(rt({ uom: 128, intervalLength: 3600 }), 'WATER'),
    costFormat(rt({}), 0),
    ...SUPPLY.map((supplyType) => supplyMixFormat(supplyType, 0)),
  ];
}
