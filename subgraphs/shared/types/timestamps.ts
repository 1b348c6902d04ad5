import 'reflect-metadata';
import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../temporal';

/** `cds_created`, `cds_modified`, `cds_synced` (cds-wg3-01 §2), carried by every Customer Data object. */
@ObjectType()
export abstract class Timestamps {
  @Field(() => DateTimeScalar, { description: '`cds_created`' })
  created!: string;

  @Field(() => DateTimeScalar, { description: '`cds_modified`: last change, not counting `synced`.' })
  modified!: string;

  @Field(() => DateTimeScalar, { description: '`cds_synced`: when this data was read from the legacy system.' })
  synced!: string;
}
