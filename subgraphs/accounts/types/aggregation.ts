import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import {
  AccountType, AggregationRegionType, AggregationType, ConsentRequirementType, JSONObjectScalar, MeterType,
  ServicePointType, ServiceType, Timestamps,
} from '../../shared';

@ObjectType({ description: 'cds-wg3-01 §10.7.3 (type-specific fields of §10.7.4 are null when the type is absent)' })
export class AggregationRegion {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [AggregationRegionType])
  types!: AggregationRegionType[];

  @Field(() => [String], { nullable: true, description: '`postal_code` type' })
  postalCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: '`county` type' })
  counties?: string[] | null;

  @Field(() => [String], { nullable: true, description: '`neighborhood` type' })
  neighborhoods?: string[] | null;

  @Field(() => [String], { nullable: true, description: '`city_block` type' })
  cityBlocks?: string[] | null;
}

@ObjectType({ description: 'cds-wg3-01 §10.7.5' })
export class ConsentRequirement {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [ConsentRequirementType])
  types!: ConsentRequirementType[];

  @Field(() => String, { description: 'URL' })
  documentation!: string;
}

/** Aggregation (cds-wg3-01 §10.7.1): a CIS group of service points (postal code, building, or a chunk of one). */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'cds-wg3-01 §10.7.1 (`id` = `cds_aggregation_id`). Type-specific fields of §10.7.2 are null when the type is absent.' })
export class Aggregation extends Timestamps {
  @Field(() => ID)
  id!: string;

  @Field(() => [AggregationType])
  aggregationTypes!: AggregationType[];

  @Field(() => String, { nullable: true })
  aggregationNumber!: string | null;

  @Field(() => String, { description: 'Scope(s) to request for this aggregation\'s data; "" if none.' })
  scope!: string;

  @Field(() => [JSONObjectScalar], { description: 'RFC 9396 entries to request along with `scope`.' })
  authorizationDetails!: Record<string, unknown>[];

  @Field(() => [ID], { description: '`grouped_servicepoints`' })
  groupedServicePointIds!: string[];

  @Field(() => [ID], { description: '`grouped_aggregations` (child chunks)' })
  groupedAggregationIds!: string[];

  @Field(() => [String])
  groupedAddresses!: string[];

  @Field(() => [AggregationRegion])
  groupedRegions!: AggregationRegion[];

  @Field(() => [ConsentRequirement])
  consentRequirements!: ConsentRequirement[];

  @Field(() => [String], { nullable: true, description: '`country` type: ISO 3166 codes' })
  countries?: string[] | null;

  @Field(() => [String], { nullable: true, description: '`province` type' })
  provinces?: string[] | null;

  @Field(() => [String], { nullable: true, description: '`municipality` type' })
  municipalities?: string[] | null;

  @Field(() => [AccountType], { nullable: true, description: '`account_type` type' })
  accountTypes?: AccountType[] | null;

  @Field(() => [ServiceType], { nullable: true, description: '`service_type` type' })
  serviceTypes?: ServiceType[] | null;

  @Field(() => [ServicePointType], { nullable: true, description: '`servicepoint_type` type' })
  servicePointTypes?: ServicePointType[] | null;

  @Field(() => [String], { nullable: true, description: '`premise_number` type' })
  premiseNumbers?: string[] | null;

  @Field(() => [MeterType], { nullable: true, description: '`meter_type` type' })
  meterTypes?: MeterType[] | null;

  /** The parent group of a chunk (join key, not a spec field). */
  parentAggregationId!: string | null;
}
