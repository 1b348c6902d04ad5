import { z } from 'zod';

/**
 * Usage Segment Value Format objects (cds-wg3-01 §10.8.2, §10.8.5.x) and the Server's catalogue of
 * them: the single source for the `include_usage_segment_value_types` Choices' `usagesegment_format`
 * (§5.2, §7.2.8.1) and for the Usage Segments API, which emits exact copies of these objects in
 * `formats` (digest part 10 #19: a format's `id` is stable and equals its Choice `id`).
 */

const DIRECTIONS = ['net', 'forward', 'reverse'] as const; // §10.8.7.2
const TOU = ['super_peak', 'peak', 'partial_peak', 'off_peak', 'super_off_peak'] as const; // §10.8.7.3
const TIERS = ['baseline', 'overage', 'tier_1', 'tier_2', 'tier_3', 'tier_4', 'tier_5', 'tier_6', 'tier_7', 'tier_8', 'tier_9'] as const;
const SEASONS = ['spring', 'summer', 'fall', 'winter'] as const; // §10.8.7.5
const QUALITIES = ['raw', 'manual', 'valid', 'revenue', 'estimated', 'calculated', 'corrected', 'website'] as const;
const DEMAND_TYPES = ['peak', 'average', 'starting', 'ending'] as const; // §10.8.7.7
const ATTRIBUTIONS = ['base', 'individual', 'residual'] as const; // §10.8.7.8
const SUPPLY_TYPES = [
  'general', 'carbonfree', 'peaker', 'solar', 'wind', 'hydro', 'geothermal', 'biomass', 'nuclear', 'storage',
  'demand_management', 'distributed', 'natural_gas', 'coal', 'oil',
] as const; // §10.8.7.9
export const UNIT_TYPES = [
  'Wh', 'kWh', 'MWh', 'W', 'kW', 'MW', 'm3', 'ft3', 'CCF', 'MCF', 'MMCF', 'MMCFD', 'L', 'gal', 'Btu', 'therm', 'Sm3',
  'scf', 'SCFM', 'C', 'F', 'var', 'kvar', 'varh', 'kvarh', 'years', 'months', 'days', 'hours', 'minutes', 'seconds',
  'money', 'count', 'percent',
] as const; // §10.8.7.1

const id = z.string().min(1);
// "MUST be null" when there is no designation, "MUST NOT be included" when unknown.
const designations = {
  tier: z.enum(TIERS).nullable().optional(),
  season: z.enum(SEASONS).nullable().optional(),
  quality: z.enum(QUALITIES).optional(),
  related_meterdevices: z.array(z.string()).optional(),
};
const indexes = z.array(z.number().int().min(0)); // 0-based (digest part 10 #20)

export const valueFormatSchema = z.discriminatedUnion('type', [
  z.strictObject({
    id, type: z.literal('electric_usage'), units: z.enum(['Wh', 'kWh', 'MWh']), direction: z.enum(DIRECTIONS).optional(),
    tou: z.enum(TOU).nullable().optional(), ...designations,
  }),
  z.strictObject({
    id, type: z.literal('electric_demand'), units: z.enum(['W', 'kW', 'MW']), demand_type: z.enum(DEMAND_TYPES),
    direction: z.enum(DIRECTIONS).optional(), tou: z.enum(TOU).nullable().optional(), ...designations,
  }),
  z.strictObject({
    id, type: z.literal('electric_supply_mix'), indexes, attribution: z.enum(ATTRIBUTIONS), supply_type: z.enum(SUPPLY_TYPES),
  }),
  z.strictObject({ id, type: z.literal('water_usage'), units: z.enum(['m3', 'L', 'gal', 'ft3', 'CCF', 'MCF', 'MMCF']), ...designations }),
  z.strictObject({ id, type: z.literal('natural_gas_usage'), units: z.enum(['Btu', 'therm', 'Sm3', 'scf']), ...designations }),
  z.strictObject({ id, type: z.literal('fuel_oil_usage'), units: z.enum(['L', 'gal']), ...designations }),
  z.strictObject({ id, type: z.literal('cost'), currency: z.string().regex(/^[A-Z]{3}$/), indexes }),
  z.strictObject({
    id, type: z.literal('meter_readings'), related_meterdevice: z.string().optional(), register: z.string().nullable(),
    units: z.enum(UNIT_TYPES),
  }),
]);
export type ValueFormat = z.infer<typeof valueFormatSchema>;

/** A Value Format the Server offers, with the wording of its Choice. */
export interface ValueFormatOffer {
  format: ValueFormat;
  name: string;
  description: string;
  /** Services it applies to (§4.4 shows narrowing the echoed formats to the selected services). */
  service_types: readonly string[];
}

/**
 * The demo utility's catalogue, matching what its meter data system measures: 15-minute electric
 * intervals (delivered, and received on bidirectional meters), daily gas, hourly water, and the
 * billed monthly totals. Interval cost is always paired with the usage at index 0 of a segment.
 */
export const DEMO_VALUE_FORMATS: readonly ValueFormatOffer[] = [
  {
    format: { id: 'electric_interval_kwh_forward', type: 'electric_usage', units: 'kWh', direction: 'forward', quality: 'valid' },
    name: 'Electric intervals, delivered (kWh)', description: 'Electricity delivered to the customer per 15-minute interval.',
    service_types: ['electric'],
  },
  {
    format: { id: 'electric_interval_kwh_reverse', type: 'electric_usage', units: 'kWh', direction: 'reverse', quality: 'valid' },
    name: 'Electric intervals, received (kWh)', description: 'Electricity received from the customer (e.g. solar) per 15-minute interval.',
    service_types: ['electric'],
  },
  {
    format: { id: 'electric_interval_kw_demand', type: 'electric_demand', units: 'kW', demand_type: 'average', direction: 'forward', quality: 'calculated' },
    name: 'Electric demand (kW)', description: 'Average demand per 15-minute interval.',
    service_types: ['electric'],
  },
  {
    format: { id: 'electric_monthly_kwh', type: 'electric_usage', units: 'kWh', direction: 'net', quality: 'revenue' },
    name: 'Electric billed usage (kWh)', description: 'Electricity usage per billing period, as billed.',
    service_types: ['electric'],
  },
  {
    format: { id: 'natural_gas_daily_therm', type: 'natural_gas_usage', units: 'therm', quality: 'valid' },
    name: 'Natural gas daily usage (therms)', description: 'Natural gas usage per local day.',
    service_types: ['natural_gas'],
  },
  {
    format: { id: 'water_hourly_gal', type: 'water_usage', units: 'gal', quality: 'valid' },
    name: 'Water hourly usage (gallons)', description: 'Water usage per hour.',
    service_types: ['water'],
  },
  {
    format: { id: 'interval_cost_usd', type: 'cost', currency: 'USD', indexes: [0] },
    name: 'Interval cost (USD)', description: 'The cost of the usage at index 0 of each value set.',
    service_types: ['electric', 'natural_gas', 'water'],
  },
];

/** Additional Value Type descriptions (§10.8.6); this Server uses only the types of §10.8.5. */
export const valueTypeDescriptionSchema = z.looseObject({
  type: z.string().min(1),
  name: z.string(),
  description: z.string(),
  documentation: z.url(),
});
export type ValueTypeDescription = z.infer<typeof valueTypeDescriptionSchema>;

/** The Value Format with this id, from a catalogue. */
export function findValueFormat(catalogue: readonly ValueFormatOffer[], formatId: string): ValueFormat | undefined {
  return catalogue.find((o) => o.format.id === formatId)?.format;
}
