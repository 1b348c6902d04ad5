import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import {
  ContractStatus, ContractType, DateScalar, Entity, ServiceProgram, ServiceType, Timestamps,
} from '../../shared';

/** Service Contract (cds-wg3-01 §10.2.1): a CIS service agreement. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'cds-wg3-01 §10.2.1 (`id` = `cds_servicecontract_id`)' })
export class ServiceContract extends Timestamps {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: '`cds_account_id`' })
  accountId!: string;

  @Field(() => String)
  accountNumber!: string;

  @Field(() => String, { nullable: true })
  contractNumber!: string | null;

  @Field(() => String)
  contractAddress!: string;

  @Field(() => [ContractType])
  contractTypes!: ContractType[];

  @Field(() => Entity, { nullable: true })
  contractEntity!: Entity | null;

  @Field(() => ContractStatus)
  contractStatus!: ContractStatus;

  @Field(() => DateScalar)
  contractStart!: string;

  @Field(() => DateScalar, { nullable: true, description: 'null = ongoing' })
  contractEnd!: string | null;

  @Field(() => [ServiceType])
  serviceTypes!: ServiceType[];

  @Field(() => String, { description: '`rateplan_code`' })
  ratePlanCode!: string;

  @Field(() => String, { description: '`rateplan_name`' })
  ratePlanName!: string;

  @Field(() => [ServiceProgram])
  servicePrograms!: ServiceProgram[];

  /** Join keys, not spec fields. */
  servicePointIds!: string[];
}
