import 'reflect-metadata';
import { Field, ID, InterfaceType, Int, ObjectType } from 'type-graphql';
import {
  DemandType, DirectionType, ReadingQualityType, SeasonType, SupplyAttributionType, SupplyType, TierType,
  TimeOfUseType, UnitType, ValueType,
} from '../../shared';

// Value Formats of cds-wg3-01 §10.8.5, one GraphQL type per Value Type. A designation key the
// server does not know must be omitted from the JSON, while `null` means "no such designation"
// (tou/tier/season): `omittedFields` names the keys to omit.

export type ValueFormatModel = Record<string, unknown> & { id: string; type: ValueType };

@InterfaceType({
  description: 'cds-wg3-01 §10.8.5 Value Format. `id` is stable per format definition.',
  resolveType: (format: ValueFormatModel) => FORMAT_TYPE_NAMES[format.type],
})
export abstract class ValueFormat {
  @Field(() => ID)
  id!: string;

  @Field(() => ValueType)
  type!: ValueType;

  @Field(() => [String], { description: 'Spec keys of this format to omit from the JSON (unknown to the server).' })
  omittedFields!: string[];
}

@ObjectType()
abstract class DesignatedFormat extends ValueFormat {
  @Field(() => TierType, { nullable: true })
  tier!: TierType | null;

  @Field(() => SeasonType, { nullable: true })
  season!: SeasonType | null;

  @Field(() => ReadingQualityType, { nullable: true })
  quality!: ReadingQualityType | null;

  @Field(() => [ID], { nullable: true, description: '`related_meterdevices`' })
  relatedMeterDeviceIds!: string[] | null;
}

@ObjectType({ implements: ValueFormat })
export class ElectricUsageFormat extends DesignatedFormat {
  @Field(() => UnitType)
  units!: UnitType;

  @Field(() => DirectionType, { nullable: true })
  direction!: DirectionType | null;

  @Field(() => TimeOfUseType, { nullable: true })
  tou!: TimeOfUseType | null;
}

@ObjectType({ implements: ValueFormat })
export class ElectricDemandFormat extends ElectricUsageFormat {
  @Field(() => DemandType)
  demandType!: DemandType;
}

@ObjectType({ implements: ValueFormat })
export class ElectricSupplyMixFormat extends ValueFormat {
  @Field(() => [Int])
  indexes!: number[];

  @Field(() => SupplyAttributionType)
  attribution!: SupplyAttributionType;

  @Field(() => SupplyType)
  supplyType!: SupplyType;
}

@ObjectType({ implements: ValueFormat, description: '`water_usage`, `natural_gas_usage` and `fuel_oil_usage`.' })
export class VolumeUsageFormat extends DesignatedFormat {
  @Field(() => UnitType)
  units!: UnitType;
}

@ObjectType({ implements: ValueFormat })
export class CostFormat extends ValueFormat {
  @Field(() => String, { description: 'ISO 4217' })
  currency!: string;

  @Field(() => [Int], { description: 'Positions of the Value Set this cost covers.' })
  indexes!: number[];
}

@ObjectType({ implements: ValueFormat })
export class MeterReadingsFormat extends ValueFormat {
  @Field(() => ID, { nullable: true, description: '`related_meterdevice`' })
  relatedMeterDeviceId!: string | null;

  @Field(() => String, { nullable: true })
  register!: string | null;

  @Field(() => UnitType)
  units!: UnitType;
}

const FORMAT_TYPE_NAMES: Record<ValueType, string> = {
  electric_usage: 'ElectricUsageFormat',
  electric_demand: 'ElectricDemandFormat',
  electric_supply_mix: 'ElectricSupplyMixFormat',
  water_usage: 'VolumeUsageFormat',
  natural_gas_usage: 'VolumeUsageFormat',
  fuel_oil_usage: 'VolumeUsageFormat',
  cost: 'CostFormat',
  meter_readings: 'MeterReadingsFormat',
};

export const VALUE_FORMAT_TYPES = [
  ElectricUsageFormat, ElectricDemandFormat, ElectricSupplyMixFormat, VolumeUsageFormat, CostFormat, MeterReadingsFormat,
] as const;
