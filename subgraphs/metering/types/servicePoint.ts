import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The accounts subgraph's Service Point, seen from the MDM: which meters are or were installed there. */
@Directive('@key(fields: "id")')
@ObjectType()
export class ServicePoint {
  @Field(() => ID)
  id!: string;
}
