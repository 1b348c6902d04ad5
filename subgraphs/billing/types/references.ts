import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared';

// Entities other subgraphs own, as the billing subgraph references and extends them (by key only).

@Directive('@key(fields: "id")')
@ObjectType()
export class Account {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class ServiceContract {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class ServicePoint {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class MeterDevice {
  @Field(() => ID)
  id!: string;
}

/** The MDM's Usage Segment: the bill sections that billed it (`related_billsections`). */
@Directive('@key(fields: "id")')
@ObjectType()
export class UsageSegment {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => [ID])
  relatedServiceContractIds!: string[];

  @Directive('@external')
  @Field(() => [ID])
  relatedMeterDeviceIds!: string[];

  @Directive('@external')
  @Field(() => DateTimeScalar)
  segmentStart!: string;

  @Directive('@external')
  @Field(() => DateTimeScalar)
  segmentEnd!: string;
}
