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

/**
 * Which Usage Segments a format's values come in (§10.8.1): each local day of interval readings,
 * each local day's peak demand (one Value Set), or each bill section (one Value Set, variable length).
 */
export type SegmentKind = 'interval' | 'daily_peak_demand' | 'billing_period';

/** A Value Format the Server offers, with the wording of its Choice. */
export interface ValueFormatOffer {
  format: ValueFormat;
  name: string;
  description: string;
  /** Services it applies to (§4.4 shows narrowing the echoed formats to the selected services). */
  service_types: readonly string[];
  /** The segments it appears in; `interval` when not given. */
  segments?: SegmentKind;
}

const electric = ['electric'] as const;
const interval = (id: string, name: string, description: string, fields: Omit<Extract<ValueFormat, { type: 'electric_usage' }>, 'id' | 'type' | 'units'>): ValueFormatOffer => ({
  format: { id, type: 'electric_usage', units: 'kWh', ...fields }, name, description, service_types: electric,
});

/** TOU periods and seasons of the demo rate plans (legacy/generator/catalog.ts: E-TOU-C, EV2-A, E-NEM2, B-19). */
const TOU_FORMATS: [Extract<ValueFormat, { type: 'electric_usage' }>['tou'] & string, 'summer' | 'winter' | null, string][] = [
  ['peak', 'summer', 'Peak, summer'], ['peak', 'winter', 'Peak, winter'], ['peak', null, 'Peak'], ['partial_peak', null, 'Partial peak'],
  ['off_peak', 'summer', 'Off-peak, summer'], ['off_peak', 'winter', 'Off-peak, winter'], ['off_peak', null, 'Off-peak'], ['super_off_peak', null, 'Super off-peak'],
];

const SUPPLY: [Extract<ValueFormat, { type: 'electric_supply_mix' }>['supply_type'], string][] = [
  ['solar', 'Solar'], ['wind', 'Wind'], ['hydro', 'Hydro'], ['geothermal', 'Geothermal'], ['nuclear', 'Nuclear'], ['natural_gas', 'Natural gas'],
];

/**
 * The demo utility's catalogue, matching what its meter data system holds (legacy/README.md,
 * MDM): 15-minute electric intervals delivered (the whole series, its estimated and its corrected
 * readings, and per time-of-use period of the rate in effect), received and net; average and
 * daily peak demand; interval cost and the grid's supply mix for the delivered energy (both at
 * index 0, where the delivered energy is); the delivered-energy register; daily gas; hourly
 * water; and the billed usage of each bill section with its baseline and overage tiers.
 * A designation a format leaves out is not stated; `null` states that the rate has none (§10.8.5).
 */
export const DEMO_VALUE_FORMATS: readonly ValueFormatOffer[] = [
  interval('electric_interval_kwh_forward', 'Electric intervals, delivered (kWh)', 'Electricity delivered to the customer per 15-minute interval.', { direction: 'forward' }),
  interval('electric_interval_kwh_forward_estimated', 'Electric intervals, estimated (kWh)',
    'The delivered electricity of intervals the meter did not report, as the utility estimated it.', { direction: 'forward', quality: 'estimated' }),
  interval('electric_interval_kwh_forward_corrected', 'Electric intervals, corrected (kWh)',
    'The delivered electricity of intervals the utility corrected after checking them.', { direction: 'forward', quality: 'corrected' }),
  interval('electric_interval_kwh_reverse', 'Electric intervals, received (kWh)',
    'Electricity received from the customer (e.g. solar) per 15-minute interval, as a negative number.', { direction: 'reverse' }),
  interval('electric_interval_kwh_net', 'Electric intervals, net (kWh)',
    'Delivered minus received electricity per 15-minute interval, for meters that measure both.', { direction: 'net', quality: 'calculated' }),
  interval('electric_interval_kwh_no_tou', 'Electric intervals without time-of-use (kWh)',
    'Delivered electricity of the intervals billed on a rate without time-of-use periods.', { direction: 'forward', tou: null, season: null }),
  ...TOU_FORMATS.map(([tou, season, label]) => interval(
    `electric_interval_kwh_tou_${tou}${season ? `_${season}` : ''}`, `Electric intervals, ${label.toLowerCase()} (kWh)`,
    `Delivered electricity of the intervals in the ${label.toLowerCase()} period of a time-of-use rate.`, { direction: 'forward', tou, season },
  )),
  {
    format: { id: 'electric_interval_kw_demand', type: 'electric_demand', units: 'kW', demand_type: 'average', direction: 'forward', quality: 'calculated' },
    name: 'Electric demand (kW)', description: 'Average demand per 15-minute interval.', service_types: electric,
  },
  {
    format: { id: 'electric_daily_kw_peak', type: 'electric_demand', units: 'kW', demand_type: 'peak', direction: 'forward', quality: 'calculated' },
    name: 'Electric daily peak demand (kW)', description: 'The highest 15-minute demand of each day, for meters that measure demand.',
    service_types: electric, segments: 'daily_peak_demand',
  },
  {
    format: { id: 'interval_cost_usd', type: 'cost', currency: 'USD', indexes: [0] },
    name: 'Interval cost (USD)', description: 'The energy charge of the usage at index 0 of each value set, at the rate in effect.',
    service_types: ['electric', 'natural_gas', 'water'],
  },
  ...SUPPLY.map(([supply_type, label]): ValueFormatOffer => ({
    format: { id: `electric_supply_mix_${supply_type}`, type: 'electric_supply_mix', attribution: 'base', supply_type, indexes: [0] },
    name: `Grid supply mix, ${label.toLowerCase()}`,
    description: `The share of ${label.toLowerCase()} generation in the grid's supply of the electricity at index 0, with its carbon intensity.`,
    service_types: electric,
  })),
  {
    // Each segment's copy names its meter in `related_meterdevice` (§10.8.5.8.1), which a Choice cannot.
    format: { id: 'electric_register_kwh', type: 'meter_readings', register: '1.8.0', units: 'kWh' },
    name: 'Electric meter register (kWh)', description: 'The meter\'s delivered-energy register at the start of each interval.',
    service_types: electric,
  },
  {
    format: { id: 'natural_gas_daily_scf', type: 'natural_gas_usage', units: 'scf' },
    name: 'Natural gas daily usage (standard cubic feet)', description: 'Natural gas usage per local day.',
    service_types: ['natural_gas'],
  },
  {
    format: { id: 'water_hourly_gal', type: 'water_usage', units: 'gal' },
    name: 'Water usage (gallons)', description: 'Water usage per hour (per day for meters read daily).',
    service_types: ['water'],
  },
  {
    format: { id: 'electric_monthly_kwh', type: 'electric_usage', units: 'kWh', direction: 'forward', quality: 'revenue' },
    name: 'Electric billed usage (kWh)', description: 'Electricity delivered per billing period, as billed.',
    service_types: electric, segments: 'billing_period',
  },
  {
    format: { id: 'electric_monthly_kwh_baseline', type: 'electric_usage', units: 'kWh', direction: 'forward', tier: 'baseline', quality: 'revenue' },
    name: 'Electric billed baseline usage (kWh)', description: 'The usage billed at the baseline price of a tiered rate, per billing period.',
    service_types: electric, segments: 'billing_period',
  },
  {
    format: { id: 'electric_monthly_kwh_overage', type: 'electric_usage', units: 'kWh', direction: 'forward', tier: 'overage', quality: 'revenue' },
    name: 'Electric billed usage over baseline (kWh)', description: 'The usage billed above the baseline allowance of a tiered rate, per billing period.',
    service_types: electric, segments: 'billing_period',
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
