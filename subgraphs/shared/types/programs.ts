import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../decimal';
import { AccountProgramType, ServiceProgramType, UnitType } from '../enums';
import { DateScalar } from '../temporal';

/** Fields shared by Account Programs (§10.1.8) and Service Programs (§10.2.5). Omitted-if-n/a fields are null here. */
@ObjectType()
abstract class ProgramFields {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Stable program identifier (server-generated when the program has none).' })
  programNumber!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'URL' })
  documentation!: string;

  @Field(() => String, { nullable: true, description: 'URL; omit the key when null.' })
  moreInfo?: string | null;

  @Field(() => String, { nullable: true, description: 'URL; omit the key when null.' })
  signup?: string | null;

  @Field(() => String, { nullable: true, description: 'URL; omit the key when null.' })
  settings?: string | null;

  @Field(() => String, { nullable: true, description: 'URL; omit the key when null.' })
  discontinue?: string | null;

  @Field(() => String, { nullable: true, description: 'Omit the key when null.' })
  participationNumber?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Omit the key when null.' })
  start?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Omit the key when null.' })
  end?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: '`credit_bank` programs only; omit the key when null.' })
  balance?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217; present when `balance` is in money.' })
  currency?: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'cds-wg3-01 §10.1.8' })
export class AccountProgram extends ProgramFields {
  @Field(() => [AccountProgramType])
  types!: AccountProgramType[];
}

@Directive('@shareable')
@ObjectType({ description: 'cds-wg3-01 §10.2.5' })
export class ServiceProgram extends ProgramFields {
  @Field(() => [ServiceProgramType])
  types!: ServiceProgramType[];

  @Field(() => UnitType, { nullable: true, description: '`credit_bank`: units of `balance`.' })
  units?: UnitType | null;

  @Field(() => String, { nullable: true, description: '`demand_response` pricing node.' })
  pnode?: string | null;

  @Field(() => String, { nullable: true, description: '`demand_response` aggregated node.' })
  anode?: string | null;

  @Field(() => Boolean, { nullable: true })
  aggregated?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  automated?: boolean | null;
}
