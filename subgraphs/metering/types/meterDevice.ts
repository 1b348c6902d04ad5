import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, MeterAppType, MeterType, Timestamps } from '../../shared';

@ObjectType({ description: 'cds-wg3-01 §10.4.3' })
export class MeterApp {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  appNumber!: string;

  @Field(() => [MeterAppType])
  types!: MeterAppType[];

  @Field(() => String)
  name!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: '`installed` type: most recent install.' })
  start!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '`uninstalled` type: most recent removal.' })
  end!: string | null;
}

/** Meter Device (cds-wg3-01 §10.4.1), from the MDM device registry. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'cds-wg3-01 §10.4.1 (`id` = `cds_meterdevice_id`)' })
export class MeterDevice extends Timestamps {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  meterNumber!: string | null;

  @Field(() => [MeterType])
  meterTypes!: MeterType[];

  @Field(() => [ID], { description: '`current_servicepoints`' })
  currentServicePointIds!: string[];

  @Field(() => [ID], { description: '`previous_servicepoints`' })
  previousServicePointIds!: string[];

  @Field(() => [MeterApp])
  meterApps!: MeterApp[];
}
