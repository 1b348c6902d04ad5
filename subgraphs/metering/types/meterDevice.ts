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

/**
 * One install of the meter at a service point, from the MDM's install history. Not a CDS object:
 * the facade reads it to tell when a meter served a Customer's service point (a meter installed
 * after they moved out, or removed before they moved in, is not theirs).
 */
@ObjectType({ description: 'An install of the meter at a service point (MDM install history).' })
export class MeterInstallation {
  @Field(() => ID)
  servicePointId!: string;

  @Field(() => DateTimeScalar, { description: 'First instant of service (local midnight of the first day).' })
  installed!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'First instant after service ended; null while installed.' })
  removed!: string | null;
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

  @Field(() => [MeterInstallation], { description: 'Where and when the meter was installed, oldest first (`current_servicepoints` are the open installs).' })
  installations!: MeterInstallation[];
}
