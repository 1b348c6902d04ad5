import 'reflect-metadata';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { createUnionType, Field, ID, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../shared';

// Value Objects of cds-wg3-01 §10.8.5: each holds the one key its format's type defines, so a
// query selecting `... on ElectricUsageValue { eu }` yields exactly the spec's `{"eu": …}`.

@ObjectType({ description: '`electric_usage` value' })
export class ElectricUsageValue {
  @Field(() => DecimalScalar)
  eu!: string;
}

@ObjectType({ description: '`electric_demand` value' })
export class ElectricDemandValue {
  @Field(() => DecimalScalar)
  ed!: string;
}

@ObjectType({ description: '`electric_supply_mix` value' })
export class SupplyMixValue {
  @Field(() => DecimalScalar, { description: 'ratio 0..1' })
  sm!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'gCO2e/kWh' })
  ci!: string | null;

  @Field(() => [ID], { nullable: true, description: '`cds_eac_id`s' })
  eacs!: string[] | null;
}

@ObjectType({ description: '`water_usage` value' })
export class WaterUsageValue {
  @Field(() => DecimalScalar)
  wu!: string;
}

@ObjectType({ description: '`natural_gas_usage` value' })
export class NaturalGasUsageValue {
  @Field(() => DecimalScalar)
  gu!: string;
}

@ObjectType({ description: '`fuel_oil_usage` value' })
export class FuelOilUsageValue {
  @Field(() => DecimalScalar)
  fu!: string;
}

@ObjectType({ description: '`cost` value' })
export class CostValue {
  @Field(() => DecimalScalar)
  c!: string;
}

@ObjectType({ description: '`meter_readings` value: the register at the interval start, as a string.' })
export class MeterReadingValue {
  @Field(() => String)
  r!: string;
}

export type UsageValueModel =
  | { eu: string } | { ed: string } | { sm: string; ci: string | null; eacs: string[] | null } | { wu: string }
  | { gu: string } | { fu: string } | { c: string } | { r: string };

const BY_KEY = {
  eu: ElectricUsageValue, ed: ElectricDemandValue, sm: SupplyMixValue, wu: WaterUsageValue,
  gu: NaturalGasUsageValue, fu: FuelOilUsageValue, c: CostValue, r: MeterReadingValue,
} as const;

export const UsageValue = createUnionType({
  name: 'UsageValue',
  description: 'cds-wg3-01 §10.8.5 Value Object',
  types: () => Object.values(BY_KEY),
  resolveType: (value: UsageValueModel) => {
    const key = (Object.keys(BY_KEY) as (keyof typeof BY_KEY)[]).find((k) => k in value);
    return key ? BY_KEY[key] : undefined;
  },
});

/**
 * A segment's Value Sets as one JSON value, exactly the objects `values` gives: a page of usage
 * holds ~10^5 value objects, which as plain JSON cross the subgraph and the gateway without a
 * resolver per value.
 */
export const ValueSetsScalar = new GraphQLScalarType<(UsageValueModel | null)[][], (UsageValueModel | null)[][]>({
  name: 'ValueSets',
  description: 'cds-wg3-01 §10.8.3 Value Sets as JSON: one array per interval, one Value Object (decimals as strings) or null per format.',
  serialize: (value) => {
    if (!Array.isArray(value)) throw new TypeError('not a list of Value Sets');
    return value as (UsageValueModel | null)[][];
  },
  parseValue: () => {
    throw new GraphQLError('ValueSets is output only', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
