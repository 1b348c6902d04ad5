import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

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
