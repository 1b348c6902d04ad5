import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared';

// Entities of other subgraphs that carry CIS codes; the CIS resolves those codes into objects
// through @requires (the gateway passes the codes along with the key).

@Directive('@key(fields: "id")')
@ObjectType()
export class BillStatement {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => ID)
  accountId!: string;

  @Directive('@external')
  @Field(() => [String])
  accountProgramNumbers!: string[];
}

@Directive('@key(fields: "id")')
@ObjectType()
export class BillSection {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => [ID])
  relatedServiceContractIds!: string[];

  @Directive('@external')
  @Field(() => [String])
  serviceProgramNumbers!: string[];

  @Directive('@external')
  @Field(() => ID, { nullable: true })
  distributionEntityId!: string | null;

  @Directive('@external')
  @Field(() => ID, { nullable: true })
  supplyEntityId!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class UsageSegment {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => [ID])
  relatedServicePointIds!: string[];

  @Directive('@external')
  @Field(() => DateTimeScalar)
  segmentStart!: string;

  @Directive('@external')
  @Field(() => DateTimeScalar)
  segmentEnd!: string;
}
