import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DecimalScalar, PremiseType, ServicePointType, Timestamps } from '../../shared';

@ObjectType({ description: 'cds-wg3-01 §10.3.3' })
export class Premise {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  premiseNumber!: string;

  @Field(() => [PremiseType])
  types!: PremiseType[];
}

/** Service Point (cds-wg3-01 §10.3.1), from the CIS. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'cds-wg3-01 §10.3.1 (`id` = `cds_servicepoint_id`)' })
export class ServicePoint extends Timestamps {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: '`servicepoint_number`' })
  servicePointNumber!: string | null;

  @Field(() => [ServicePointType], { description: '`servicepoint_types`' })
  servicePointTypes!: ServicePointType[];

  @Field(() => String, { nullable: true, description: '`servicepoint_address`' })
  servicePointAddress!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  latitude!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  longitude!: string | null;

  @Field(() => [ID], { description: '`current_servicecontracts`' })
  currentServiceContractIds!: string[];

  @Field(() => [ID], { description: '`previous_servicecontracts`' })
  previousServiceContractIds!: string[];

  @Field(() => [Premise])
  premises!: Premise[];
}
