import { cdsEnum, type EnumValue } from './cdsEnum';

// Every enum of cds-wg3-01 §10, with the spec's values. Shared by all subgraphs so that an enum
// used by two of them is identical, as Federation requires.

export const AccountType = cdsEnum('AccountType', '§10.1.2', [
  'customer', 'thirdparty', 'internal', 'parent', 'child', 'test', 'residential', 'commercial', 'industrial',
  'agriculture', 'municipal', 'billed_monthly', 'billed_quarterly',
]);
export type AccountType = EnumValue<typeof AccountType>;

export const AccountStatus = cdsEnum('AccountStatus', '§10.1.3', ['active', 'suspended', 'closed', 'unknown']);
export type AccountStatus = EnumValue<typeof AccountStatus>;

export const EntityType = cdsEnum('EntityType', '§10.1.5', [
  'distributor', 'supplier', 'iou', 'muni', 'cca', 'retailer', 'generator', 'dso', 'tso', 'iso',
]);
export type EntityType = EnumValue<typeof EntityType>;

export const AccountContactType = cdsEnum('AccountContactType', '§10.1.7', [
  'phone_number', 'email', 'home', 'work', 'mobile', 'preferred', 'primary', 'secondary',
]);
export type AccountContactType = EnumValue<typeof AccountContactType>;

export const AccountProgramType = cdsEnum('AccountProgramType', '§10.1.9', [
  'active', 'inactive', 'eligible', 'ineligible', 'low_income', 'flat_rate', 'payment_plan', 'protected', 'survey',
  'pilot', 'rebate', 'credit_bank',
]);
export type AccountProgramType = EnumValue<typeof AccountProgramType>;

export const ContractType = cdsEnum('ContractType', '§10.2.2', ['utility_service', 'project', 'billed_monthly', 'billed_quarterly']);
export type ContractType = EnumValue<typeof ContractType>;

export const ContractStatus = cdsEnum('ContractStatus', '§10.2.3', ['active', 'paused', 'stopped', 'closed', 'unknown']);
export type ContractStatus = EnumValue<typeof ContractStatus>;

export const ServiceType = cdsEnum('ServiceType', '§10.2.4', [
  'electric', 'water', 'natural_gas', 'fuel_oil', 'waste_water', 'solid_waste', 'residential', 'commercial',
  'industrial', 'agriculture', 'metered', 'unmetered', 'distribution', 'supply', 'generation',
]);
export type ServiceType = EnumValue<typeof ServiceType>;

export const ServiceProgramType = cdsEnum('ServiceProgramType', '§10.2.6', [
  'active', 'inactive', 'eligible', 'ineligible', 'low_income', 'protected', 'survey', 'pilot', 'rebate',
  'credit_bank', 'demand_response', 'ev', 'thermostat',
]);
export type ServiceProgramType = EnumValue<typeof ServiceProgramType>;

export const ServicePointType = cdsEnum('ServicePointType', '§10.3.2', [
  'electric', 'water', 'natural_gas', 'fuel_oil', 'single_service', 'multi_service', 'physical', 'virtual', 'edge',
  'internal',
]);
export type ServicePointType = EnumValue<typeof ServicePointType>;

export const PremiseType = cdsEnum('PremiseType', '§10.3.4', ['service_group', 'building', 'land', 'zone']);
export type PremiseType = EnumValue<typeof PremiseType>;

export const MeterType = cdsEnum('MeterType', '§10.4.2', [
  'electric_usage', 'water_usage', 'natural_gas_usage', 'fuel_oil_usage', 'electric_demand', 'forward_only',
  'reverse_only', 'bidirectional', 'physical_meter', 'virtual_meter', 'ami_meter', 'amr_meter', 'analog_meter',
  'wifi_capable', 'wifi_enabled', 'wifi_configured', 'zigbee_capable', 'zigbee_enabled', 'zigbee_configured',
  'central_apps_capable', 'customer_apps_capable',
]);
export type MeterType = EnumValue<typeof MeterType>;

export const MeterAppType = cdsEnum('MeterAppType', '§10.4.4', [
  'installed', 'uninstalled', 'compatible', 'incompatible', 'customer_installable', 'central_installable',
]);
export type MeterAppType = EnumValue<typeof MeterAppType>;

export const NewChargeType = cdsEnum('NewChargeType', '§10.5.3', [
  'electric_total', 'water_total', 'natural_gas_total', 'fuel_oil_total', 'waste_water_total', 'solid_waste_total',
  'tax', 'fixed_fee', 'flat_rate', 'interest', 'deposit', 'differed', 'credit_bank', 'program', 'adhoc',
  'amount_due_sum_difference',
]);
export type NewChargeType = EnumValue<typeof NewChargeType>;

export const BillSectionType = cdsEnum('BillSectionType', '§10.6.2', [
  'service_contract', 'sub_account', 'other_section', 'electric', 'water', 'natural_gas', 'fuel_oil', 'distribution',
  'supply',
]);
export type BillSectionType = EnumValue<typeof BillSectionType>;

export const UsageDetailType = cdsEnum('UsageDetailType', '§10.6.4', [
  'electric_usage', 'water_usage', 'natural_gas_usage', 'fuel_oil_usage', 'electric_demand', 'time_of_use', 'tiered',
  'directional', 'seasonal', 'ami_reading', 'amr_reading', 'analog_meter', 'customer_provided', 'estimated',
]);
export type UsageDetailType = EnumValue<typeof UsageDetailType>;

export const CostDetailType = cdsEnum('CostDetailType', '§10.6.6', [
  'overall_total', 'subtotal', 'fixed_charges', 'usage_charges', 'taxes', 'distribution', 'supply', 'transmission',
  'other',
]);
export type CostDetailType = EnumValue<typeof CostDetailType>;

export const LineItemType = cdsEnum('LineItemType', '§10.6.8', [
  'fixed_charge', 'usage_charge', 'tax', 'distribution', 'supply', 'transmission', 'other',
]);
export type LineItemType = EnumValue<typeof LineItemType>;

export const AggregationType = cdsEnum('AggregationType', '§10.7.2', [
  'public', 'listed', 'confidential', 'region', 'country', 'province', 'municipality', 'local', 'building',
  'account_number', 'account_type', 'account_program_number', 'contract_number', 'service_type', 'rateplan_code',
  'service_program_number', 'servicepoint_number', 'servicepoint_type', 'premise_number', 'meter_number',
  'meter_type', 'meter_app_number',
]);
export type AggregationType = EnumValue<typeof AggregationType>;

export const AggregationRegionType = cdsEnum('AggregationRegionType', '§10.7.4', [
  'geographic', 'postal_code', 'county', 'neighborhood', 'city_block',
]);
export type AggregationRegionType = EnumValue<typeof AggregationRegionType>;

export const ConsentRequirementType = cdsEnum('ConsentRequirementType', '§10.7.6', ['always', 'sometimes', 'never']);
export type ConsentRequirementType = EnumValue<typeof ConsentRequirementType>;

export const UnitType = cdsEnum('UnitType', '§10.8.7', [
  'Wh', 'kWh', 'MWh', 'W', 'kW', 'MW', 'm3', 'ft3', 'CCF', 'MCF', 'MMCF', 'MMCFD', 'L', 'gal', 'Btu', 'therm', 'Sm3',
  'scf', 'SCFM', 'C', 'F', 'var', 'kvar', 'varh', 'kvarh', 'years', 'months', 'days', 'hours', 'minutes', 'seconds',
  'money', 'count', 'percent',
]);
export type UnitType = EnumValue<typeof UnitType>;

export const DirectionType = cdsEnum('DirectionType', '§10.8.7', ['net', 'forward', 'reverse']);
export type DirectionType = EnumValue<typeof DirectionType>;

export const TimeOfUseType = cdsEnum('TimeOfUseType', '§10.8.7', ['super_peak', 'peak', 'partial_peak', 'off_peak', 'super_off_peak']);
export type TimeOfUseType = EnumValue<typeof TimeOfUseType>;

export const TierType = cdsEnum('TierType', '§10.8.7', [
  'baseline', 'overage', 'tier_1', 'tier_2', 'tier_3', 'tier_4', 'tier_5', 'tier_6', 'tier_7', 'tier_8', 'tier_9',
]);
export type TierType = EnumValue<typeof TierType>;

export const SeasonType = cdsEnum('SeasonType', '§10.8.7', ['spring', 'summer', 'fall', 'winter']);
export type SeasonType = EnumValue<typeof SeasonType>;

export const ReadingQualityType = cdsEnum('ReadingQualityType', '§10.8.7', [
  'raw', 'manual', 'valid', 'revenue', 'estimated', 'calculated', 'corrected', 'website',
]);
export type ReadingQualityType = EnumValue<typeof ReadingQualityType>;

export const DemandType = cdsEnum('DemandType', '§10.8.7', ['peak', 'average', 'starting', 'ending']);
export type DemandType = EnumValue<typeof DemandType>;

export const SupplyAttributionType = cdsEnum('SupplyAttributionType', '§10.8.7', ['base', 'individual', 'residual']);
export type SupplyAttributionType = EnumValue<typeof SupplyAttributionType>;

export const SupplyType = cdsEnum('SupplyType', '§10.8.7', [
  'general', 'carbonfree', 'peaker', 'solar', 'wind', 'hydro', 'geothermal', 'biomass', 'nuclear', 'storage',
  'demand_management', 'distributed', 'natural_gas', 'coal', 'oil',
]);
export type SupplyType = EnumValue<typeof SupplyType>;

export const BeneficiaryType = cdsEnum('BeneficiaryType', '§10.9.2', [
  'customer', 'account', 'servicecontract', 'rateplan', 'program', 'general',
]);
export type BeneficiaryType = EnumValue<typeof BeneficiaryType>;

export const ValueType = cdsEnum('ValueType', '§10.8.5', [
  'electric_usage', 'electric_demand', 'electric_supply_mix', 'water_usage', 'natural_gas_usage', 'fuel_oil_usage',
  'cost', 'meter_readings',
]);
export type ValueType = EnumValue<typeof ValueType>;
