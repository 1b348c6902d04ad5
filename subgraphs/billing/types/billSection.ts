import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import {
  BillSectionType, CostDetailType, DateScalar, DecimalScalar, DemandType, DirectionType, LineItemType, SeasonType,
  TierType, TimeOfUseType, Timestamps, UnitType, UsageDetailType,
} from '../../shared';

@ObjectType({ description: 'cds-wg3-01 §10.6.3 (type-specific fields are null when the type is absent)' })
export class UsageDetail {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [UsageDetailType])
  types!: UsageDetailType[];

  @Field(() => DecimalScalar, { description: 'A decimal (our billing system never prints non-numeric usage).' })
  value!: string;

  @Field(() => UnitType, { nullable: true })
  units!: UnitType | null;

  @Field(() => DateScalar, { nullable: true })
  startDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  endDate!: string | null;

  @Field(() => DemandType, { nullable: true, description: '`electric_demand`' })
  demandType!: DemandType | null;

  @Field(() => TimeOfUseType, { nullable: true, description: '`time_of_use`' })
  tou!: TimeOfUseType | null;

  @Field(() => TierType, { nullable: true, description: '`tiered`' })
  tier!: TierType | null;

  @Field(() => DirectionType, { nullable: true, description: '`directional`' })
  direction!: DirectionType | null;

  @Field(() => SeasonType, { nullable: true, description: '`seasonal`' })
  season!: SeasonType | null;

  @Field(() => DecimalScalar, { nullable: true, description: '`amr_reading`' })
  startRead!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: '`amr_reading`' })
  endRead!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: '`amr_reading`' })
  multiplier!: string | null;
}

@ObjectType({ description: 'cds-wg3-01 §10.6.5 (subtotals; never sum them)' })
export class CostDetail {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [CostDetailType])
  types!: CostDetailType[];

  @Field(() => DecimalScalar)
  cost!: string;
}

@ObjectType({ description: 'cds-wg3-01 §10.6.7' })
export class LineItem {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [LineItemType])
  types!: LineItemType[];

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar)
  endDate!: string;

  @Field(() => DecimalScalar)
  cost!: string;

  @Field(() => DecimalScalar, { nullable: true })
  value!: string | null;

  @Field(() => UnitType, { nullable: true })
  units!: UnitType | null;

  @Field(() => DecimalScalar, { nullable: true })
  rate!: string | null;

  @Field(() => [ID], { description: '`related_usage_details`' })
  relatedUsageDetailIds!: string[];

  @Field(() => [ID], { description: '`related_cost_details`' })
  relatedCostDetailIds!: string[];
}

/** Bill Section (cds-wg3-01 §10.6.1) from the billing system's section export. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'cds-wg3-01 §10.6.1 (`id` = `cds_billsection_id`)' })
export class BillSection extends Timestamps {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: '`cds_billstatement_id` (null it if the client cannot see the statement)' })
  billStatementId!: string | null;

  @Field(() => ID, { description: '`cds_account_id`' })
  accountId!: string;

  @Field(() => String)
  accountNumber!: string;

  @Field(() => String, { nullable: true, description: 'The related contract\'s number (the §10.6.9 sort key).' })
  contractNumber!: string | null;

  @Field(() => [BillSectionType])
  sectionTypes!: BillSectionType[];

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar)
  endDate!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => ID, { nullable: true, description: 'CIS entity of the distribution component; `distributionEntity` resolves it.' })
  distributionEntityId!: string | null;

  @Field(() => ID, { nullable: true, description: 'CIS entity of the supply component; `supplyEntity` resolves it.' })
  supplyEntityId!: string | null;

  @Field(() => [ID], { description: '`related_servicecontracts`' })
  relatedServiceContractIds!: string[];

  @Field(() => [ID], { description: '`related_servicepoints`' })
  relatedServicePointIds!: string[];

  @Field(() => [ID], { description: '`related_meterdevices`' })
  relatedMeterDeviceIds!: string[];

  @Field(() => [ID], { description: '`related_billsections`' })
  relatedBillSectionIds!: string[];

  @Field(() => [String], { description: 'Service program numbers active in the period; `servicePrograms` (from the CIS) resolves them.' })
  serviceProgramNumbers!: string[];

  @Field(() => [UsageDetail])
  usageDetails!: UsageDetail[];

  @Field(() => [CostDetail])
  costDetails!: CostDetail[];

  @Field(() => [LineItem])
  lineItems!: LineItem[];
}
