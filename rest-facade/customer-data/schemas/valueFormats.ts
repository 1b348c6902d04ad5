import { z } from 'zod';
import { DemandType, DirectionType, ReadingQualityType, SeasonType, SupplyAttributionType, SupplyType, TierType, TimeOfUseType, UnitType } from './fieldTypes';
import { currency, decimal, id, idList, nonNegativeInteger, uniqueArray, url } from './primitives';

/**
 * Billing designations (§10.8.5.x.1): `null` means the rate has no such designation, an absent key
 * means the Server does not know it — so these are nullable *and* optional.
 */
const tou = TimeOfUseType.nullable().optional();
const tier = TierType.nullable().optional();
const season = SeasonType.nullable().optional();
const measured = {
  id,
  quality: ReadingQualityType.optional(),
  related_meterdevices: idList.optional(),
};
const indexes = uniqueArray(nonNegativeInteger);

/** §10.8.5.1.1 */
export const ElectricUsageValueFormat = z
  .strictObject({
    ...measured,
    type: z.literal('electric_usage'),
    units: z.enum(['Wh', 'kWh', 'MWh']),
    direction: DirectionType.optional(),
    tou,
    tier,
    season,
  })
  .meta({ id: 'ElectricUsageValueFormat', description: 'cds-wg3-01 §10.8.5.1.1' });

/** §10.8.5.2.1 */
export const ElectricDemandValueFormat = z
  .strictObject({
    ...measured,
    type: z.literal('electric_demand'),
    units: z.enum(['W', 'kW', 'MW']),
    demand_type: DemandType,
    direction: DirectionType.optional(),
    tou,
    tier,
    season,
  })
  .meta({ id: 'ElectricDemandValueFormat', description: 'cds-wg3-01 §10.8.5.2.1' });

/** §10.8.5.3.1 */
export const ElectricSupplyMixValueFormat = z
  .strictObject({ id, type: z.literal('electric_supply_mix'), indexes, attribution: SupplyAttributionType, supply_type: SupplyType })
  .meta({ id: 'ElectricSupplyMixValueFormat', description: 'cds-wg3-01 §10.8.5.3.1' });

/** §10.8.5.4.1 (numbered 10.8.5.3.1 in the text) */
export const WaterUsageValueFormat = z
  .strictObject({ ...measured, type: z.literal('water_usage'), units: z.enum(['m3', 'L', 'gal', 'ft3', 'CCF', 'MCF', 'MMCF']), tier, season })
  .meta({ id: 'WaterUsageValueFormat', description: 'cds-wg3-01 §10.8.5.4.1' });

/** §10.8.5.5.1 */
export const NaturalGasUsageValueFormat = z
  .strictObject({ ...measured, type: z.literal('natural_gas_usage'), units: z.enum(['Btu', 'therm', 'Sm3', 'scf']), tier, season })
  .meta({ id: 'NaturalGasUsageValueFormat', description: 'cds-wg3-01 §10.8.5.5.1' });

/** §10.8.5.6.1 */
export const FuelOilUsageValueFormat = z
  .strictObject({ ...measured, type: z.literal('fuel_oil_usage'), units: z.enum(['L', 'gal']), tier, season })
  .meta({ id: 'FuelOilUsageValueFormat', description: 'cds-wg3-01 §10.8.5.6.1' });

/** §10.8.5.7.1 */
export const CostValueFormat = z
  .strictObject({ id, type: z.literal('cost'), currency, indexes })
  .meta({ id: 'CostValueFormat', description: 'cds-wg3-01 §10.8.5.7.1' });

/** §10.8.5.8.1; `related_meterdevice` is omitted only when unknown (digest part 10 #30). */
export const MeterReadingsValueFormat = z
  .strictObject({ id, type: z.literal('meter_readings'), related_meterdevice: id.optional(), register: z.string().nullable(), units: UnitType })
  .meta({ id: 'MeterReadingsValueFormat', description: 'cds-wg3-01 §10.8.5.8.1' });

/** §10.8.2: the spec's Value Types. A Server-defined type would need its own entry here. */
export const ValueFormat = z
  .discriminatedUnion('type', [
    ElectricUsageValueFormat,
    ElectricDemandValueFormat,
    ElectricSupplyMixValueFormat,
    WaterUsageValueFormat,
    NaturalGasUsageValueFormat,
    FuelOilUsageValueFormat,
    CostValueFormat,
    MeterReadingsValueFormat,
  ])
  .meta({ id: 'ValueFormat', description: 'cds-wg3-01 §10.8.2 Value Format' });
export type ValueFormat = z.infer<typeof ValueFormat>;

/** §10.8.5 */
export const ValueType = z.enum([
  'electric_usage', 'electric_demand', 'electric_supply_mix', 'water_usage', 'natural_gas_usage', 'fuel_oil_usage', 'cost', 'meter_readings',
]);
export type ValueType = z.infer<typeof ValueType>;

/** §10.8.5.x.2: each Value Type's Value Object, keyed by its type. */
export const ValueObjects = {
  electric_usage: z.strictObject({ eu: decimal }),
  electric_demand: z.strictObject({ ed: decimal }),
  electric_supply_mix: z.strictObject({ sm: decimal, ci: decimal.optional(), eacs: idList.optional() }),
  water_usage: z.strictObject({ wu: decimal }),
  natural_gas_usage: z.strictObject({ gu: decimal }),
  fuel_oil_usage: z.strictObject({ fu: decimal }),
  cost: z.strictObject({ c: decimal }),
  // A string on purpose (§10.8.5.8.2): a register reading is not a usage amount.
  meter_readings: z.strictObject({ r: z.string() }),
} satisfies Record<ValueType, z.ZodType>;
export type ValueObject = z.infer<(typeof ValueObjects)[ValueType]>;

/** The member that carries the value in each Value Object. */
export const VALUE_KEYS: Record<ValueType, string> = {
  electric_usage: 'eu',
  electric_demand: 'ed',
  electric_supply_mix: 'sm',
  water_usage: 'wu',
  natural_gas_usage: 'gu',
  fuel_oil_usage: 'fu',
  cost: 'c',
  meter_readings: 'r',
};

const byKey = new Map(Object.entries(VALUE_KEYS).map(([type, key]) => [key, ValueObjects[type as ValueType]]));

/**
 * §10.8.4; which one a position holds is set by the Value Format at the same index. A year of
 * 15-minute data is 35,040 value sets, so each object goes straight to the one schema its value
 * member names instead of trying a union of eight; the document still lists all eight.
 */
export const ValueObject = z
  .custom<ValueObject>(
    (v) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
      for (const key in v) {
        const schema = byKey.get(key);
        if (schema) return schema.safeParse(v).success;
      }
      return false;
    },
    { error: 'expected a Value Object (§10.8.5): {"eu": <decimal>}, {"c": <decimal>}, {"r": "<string>"}, …' },
  )
  .meta({
    id: 'ValueObject',
    description: 'cds-wg3-01 §10.8.4 Value Object',
    anyOf: Object.values(ValueObjects).map((schema) => {
      const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' });
      return json;
    }),
  });

/** §10.8.6 (for `cds_usagesegments_additional_value_types` in the Server Metadata) */
export const ValueTypeDescription = z
  .strictObject({ type: z.string().min(1), name: z.string().min(1), description: z.string(), documentation: url })
  .meta({ id: 'ValueTypeDescription', description: 'cds-wg3-01 §10.8.6 Value Type Description' });
export type ValueTypeDescription = z.infer<typeof ValueTypeDescription>;
