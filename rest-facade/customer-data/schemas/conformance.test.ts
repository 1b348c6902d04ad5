import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bullets, readSpec, sections } from '../../../test/openapi/cdsSpec';
import * as S from '.';

// The schemas against the field lists and enumerations of cds-wg3-01 §10, read from the spec's own
// text at test time: every field with its REQUIRED/OPTIONAL and "or null", every enum value, and
// every type-specific field.
const spec = sections(readSpec());
const section = (anchor: string) => {
  const s = spec.get(anchor);
  if (!s) throw new Error(`no section #${anchor} in the spec`);
  return s;
};

const OBJECTS: [string, z.ZodObject, S.TypeFields?][] = [
  ['account-format', S.Account],
  ['entity-format', S.Entity],
  ['account-contact-format', S.AccountContact],
  ['account-program-format', S.AccountProgram, S.AccountProgramTypeFields],
  ['service-contract-format', S.ServiceContract],
  ['service-program-format', S.ServiceProgram, S.ServiceProgramTypeFields],
  ['service-point-format', S.ServicePoint],
  ['premise-format', S.Premise],
  ['meter-device-format', S.MeterDevice],
  ['meter-app-format', S.MeterApp, S.MeterAppTypeFields],
  ['bill-statement-format', S.BillStatement],
  ['new-charge-format', S.NewCharge],
  ['bill-section-format', S.BillSection],
  ['bill-section-usage-detail-format', S.BillSectionUsageDetail, S.BillSectionUsageDetailTypeFields],
  ['bill-section-cost-detail-format', S.BillSectionCostDetail],
  ['bill-section-line-item-format', S.BillSectionLineItem],
  ['aggregation-format', S.Aggregation, S.AggregationTypeFields],
  ['aggregation-region-format', S.AggregationRegion, S.AggregationRegionTypeFields],
  ['consent-requirement-format', S.ConsentRequirement],
  ['usage-segment-format', S.UsageSegment],
  ['usage-segment-electric-usage-value-format', S.ElectricUsageValueFormat],
  ['usage-segment-electric-demand-value-format', S.ElectricDemandValueFormat],
  ['usage-segment-supply-mix-value-format', S.ElectricSupplyMixValueFormat],
  ['usage-segment-water-usage-value-format', S.WaterUsageValueFormat],
  ['usage-segment-gas-usage-value-format', S.NaturalGasUsageValueFormat],
  ['usage-segment-fueloil-usage-value-format', S.FuelOilUsageValueFormat],
  ['usage-segment-interval-cost-value-format', S.CostValueFormat],
  ['usage-segment-meter-readings-value-format', S.MeterReadingsValueFormat],
  ['usage-segment-electric-usage-value-object', S.ValueObjects.electric_usage],
  ['usage-segment-electric-demand-value-object', S.ValueObjects.electric_demand],
  ['usage-segment-supply-mix-value-object', S.ValueObjects.electric_supply_mix],
  ['usage-segment-water-usage-value-object', S.ValueObjects.water_usage],
  ['usage-segment-gas-usage-value-object', S.ValueObjects.natural_gas_usage],
  ['usage-segment-fueloil-usage-value-object', S.ValueObjects.fuel_oil_usage],
  ['usage-segment-interval-cost-value-object', S.ValueObjects.cost],
  ['usage-segment-meter-readings-value-object', S.ValueObjects.meter_readings],
  ['usage-segment-value-type-description', S.ValueTypeDescription],
  ['eac-format', S.EnergyAttributeCertificate],
  ['eac-data-format-descriptions', S.EacDataFormatDescription],
];

/** Where we knowingly differ from a field's stated requirement, and why (docs/spec-decisions.md). */
const DEVIATIONS: Record<string, string> = {
  // REQUIRED, yet "MUST NOT be included" when unknown (digest part 10 #30).
  'usage-segment-meter-readings-value-format.related_meterdevice': 'optional',
};

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('object formats match cds-wg3-01 §10', () => {
  it.each(OBJECTS)('#%s: same fields, same REQUIRED/OPTIONAL, same nullability', (anchor, schema, typeFields) => {
    const fields = bullets(section(anchor).body).filter((b) => b.requirement !== null);
    expect(fields.length).toBeGreaterThan(0);
    const shape = schema.shape as Record<string, z.ZodType>;
    for (const field of fields) {
      expect(shape, `${anchor}: ${field.name}`).toHaveProperty(field.name);
      const optional = accepts(shape[field.name], undefined);
      const expected = DEVIATIONS[`${anchor}.${field.name}`] ?? field.requirement?.toLowerCase();
      expect(optional ? 'optional' : 'required', `${anchor}: ${field.name}`).toBe(expected);
      expect(accepts(shape[field.name], null), `${anchor}: ${field.name} nullable`).toBe(field.nullable);
    }
    // Anything else in the schema is a type-specific field of this object's types.
    const typeSpecific = new Set(Object.values(typeFields ?? {}).flatMap((t) => [...(t.required ?? []), ...(t.optional ?? [])]));
    const extra = Object.keys(shape).filter((k) => !fields.some((f) => f.name === k));
    expect(extra.filter((k) => !typeSpecific.has(k)), anchor).toEqual([]);
  });
});

const ENUMS: [string, z.ZodEnum][] = [
  ['account-types', S.AccountType],
  ['account-statuses', S.AccountStatus],
  ['entity-types', S.EntityType],
  ['account-contact-types', S.AccountContactType],
  ['account-program-types', S.AccountProgramType],
  ['contract-types', S.ContractType],
  ['contract-statuses', S.ContractStatus],
  ['service-types', S.ServiceType],
  ['service-program-types', S.ServiceProgramType],
  ['service-point-types', S.ServicePointType],
  ['premise-types', S.PremiseType],
  ['meter-types', S.MeterType],
  ['meter-app-types', S.MeterAppType],
  ['new-charge-types', S.NewChargeType],
  ['bill-section-types', S.BillSectionType],
  ['bill-section-usage-detail-types', S.BillSectionUsageDetailType],
  ['bill-section-cost-detail-types', S.BillSectionCostDetailType],
  ['bill-section-line-item-types', S.BillSectionLineItemType],
  ['aggregation-types', S.AggregationType],
  ['aggregation-region-types', S.AggregationRegionType],
  ['consent-requirement-types', S.ConsentRequirementType],
  ['usage-segment-value-types', S.ValueType],
  ['usage-segment-unit-types', S.UnitType],
  ['usage-segment-direction-types', S.DirectionType],
  ['usage-segment-tou-types', S.TimeOfUseType],
  ['usage-segment-tier-types', S.TierType],
  ['usage-segment-season-types', S.SeasonType],
  ['usage-segment-reading-quality-types', S.ReadingQualityType],
  ['usage-segment-demand-types', S.DemandType],
  ['usage-segment-supply-attribution-types', S.SupplyAttributionType],
  ['usage-segment-supply-types', S.SupplyType],
  ['eac-beneficiary-types', S.BeneficiaryType],
];

describe('enumerations match cds-wg3-01 §10', () => {
  it.each(ENUMS)('#%s: exactly the spec\'s values', (anchor, enumeration) => {
    const values = bullets(section(anchor).body).map((b) => b.name);
    expect([...enumeration.options].sort()).toEqual([...values].sort());
  });
});

const TYPE_FIELDS: [string, S.TypeFields][] = [
  ['account-program-types', S.AccountProgramTypeFields],
  ['service-program-types', S.ServiceProgramTypeFields],
  ['meter-app-types', S.MeterAppTypeFields],
  ['aggregation-types', S.AggregationTypeFields],
  ['aggregation-region-types', S.AggregationRegionTypeFields],
];

describe('type-specific fields match cds-wg3-01 §10', () => {
  it.each(TYPE_FIELDS)('#%s: the fields each type adds, REQUIRED or OPTIONAL', (anchor, table) => {
    const fromSpec: S.TypeFields = {};
    for (const value of bullets(section(anchor).body)) {
      if (value.nested.length === 0) continue;
      fromSpec[value.name] = {
        ...(value.nested.some((f) => f.requirement === 'REQUIRED') && { required: value.nested.filter((f) => f.requirement === 'REQUIRED').map((f) => f.name) }),
        ...(value.nested.some((f) => f.requirement === 'OPTIONAL') && { optional: value.nested.filter((f) => f.requirement === 'OPTIONAL').map((f) => f.name) }),
      };
    }
    expect(table).toEqual(fromSpec);
  });

  it('#bill-section-usage-detail-types: each type names the fields our table requires', () => {
    const body = section('bill-section-usage-detail-types').body;
    for (const [type, { required = [] }] of Object.entries(S.BillSectionUsageDetailTypeFields)) {
      const text = body.split('\n* ').find((item) => item.startsWith(`\`${type}\``));
      expect(text, type).toBeDefined();
      for (const field of required) expect(text, `${type} → ${field}`).toContain(`\`${field}\``);
    }
  });
});
