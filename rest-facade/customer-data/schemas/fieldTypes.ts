import { z } from 'zod';

// §10.8.7: the enumerations shared by Usage Segment Value Formats, Bill Section details and programs.

/** §10.8.7.1 */
export const UnitType = z.enum([
  'Wh', 'kWh', 'MWh', 'W', 'kW', 'MW', 'm3', 'ft3', 'CCF', 'MCF', 'MMCF', 'MMCFD', 'L', 'gal', 'Btu', 'therm', 'Sm3',
  'scf', 'SCFM', 'C', 'F', 'var', 'kvar', 'varh', 'kvarh', 'years', 'months', 'days', 'hours', 'minutes', 'seconds',
  'money', 'count', 'percent',
]);
export type UnitType = z.infer<typeof UnitType>;

/** §10.8.7.2 */
export const DirectionType = z.enum(['net', 'forward', 'reverse']);
export type DirectionType = z.infer<typeof DirectionType>;

/** §10.8.7.3 */
export const TimeOfUseType = z.enum(['super_peak', 'peak', 'partial_peak', 'off_peak', 'super_off_peak']);
export type TimeOfUseType = z.infer<typeof TimeOfUseType>;

/** §10.8.7.4 */
export const TierType = z.enum([
  'baseline', 'overage', 'tier_1', 'tier_2', 'tier_3', 'tier_4', 'tier_5', 'tier_6', 'tier_7', 'tier_8', 'tier_9',
]);
export type TierType = z.infer<typeof TierType>;

/** §10.8.7.5 */
export const SeasonType = z.enum(['spring', 'summer', 'fall', 'winter']);
export type SeasonType = z.infer<typeof SeasonType>;

/** §10.8.7.6 */
export const ReadingQualityType = z.enum(['raw', 'manual', 'valid', 'revenue', 'estimated', 'calculated', 'corrected', 'website']);
export type ReadingQualityType = z.infer<typeof ReadingQualityType>;

/** §10.8.7.7 */
export const DemandType = z.enum(['peak', 'average', 'starting', 'ending']);
export type DemandType = z.infer<typeof DemandType>;

/** §10.8.7.8 */
export const SupplyAttributionType = z.enum(['base', 'individual', 'residual']);
export type SupplyAttributionType = z.infer<typeof SupplyAttributionType>;

/** §10.8.7.9 */
export const SupplyType = z.enum([
  'general', 'carbonfree', 'peaker', 'solar', 'wind', 'hydro', 'geothermal', 'biomass', 'nuclear', 'storage',
  'demand_management', 'distributed', 'natural_gas', 'coal', 'oil',
]);
export type SupplyType = z.infer<typeof SupplyType>;
