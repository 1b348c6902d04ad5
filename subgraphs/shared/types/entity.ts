import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { EntityType } from '../enums';

/** Entity (cds-wg3-01 §10.1.4): the utility or supplier an account, contract or bill section is with. */
@Directive('@shareable')
@ObjectType({ description: 'cds-wg3-01 §10.1.4' })
export class Entity {
  @Field(() => ID)
  id!: string;

  @Field(() => [EntityType])
  types!: EntityType[];

  @Field(() => String, { description: 'External id; equals `id` when none is known.' })
  entityNumber!: string;

  @Field(() => String)
  entityName!: string;

  @Field(() => String, { nullable: true })
  entityAbbreviation!: string | null;
}
