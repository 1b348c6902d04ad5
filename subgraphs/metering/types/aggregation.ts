import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The CIS's Aggregation, seen from the MDM: the meters at its grouped service points. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Aggregation {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => [ID])
  groupedServicePointIds!: string[];
}
