import 'reflect-metadata';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { BeneficiaryType, DateTimeScalar, Timestamps } from '../shared';

/** Energy Attribute Certificate (cds-wg3-01 §10.9.1), from the EAC registry. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'cds-wg3-01 §10.9.1 (`id` = `cds_eac_id`)' })
export class EnergyAttributeCertificate extends Timestamps {
  @Field(() => ID)
  id!: string;

  @Field(() => BeneficiaryType)
  beneficiaryType!: BeneficiaryType;

  @Field(() => [String], { description: 'Ids of the beneficiary type (the facade keeps only those the client may see).' })
  beneficiaries!: string[];

  @Field(() => [String])
  eacNumbers!: string[];

  @Field(() => String, { description: 'A key of `cds_eac_formats` (see `eacFormats`).' })
  eacFormat!: string;

  @Field(() => String, { description: 'The registry\'s (internal) URL of the certificate data; the REST facade re-serves it under its own authenticated URL.' })
  eacDataUrl!: string;

  @Field(() => DateTimeScalar)
  periodStart!: string;

  @Field(() => DateTimeScalar)
  periodEnd!: string;
}

@ObjectType({ description: 'cds-wg3-01 §5 EAC Data Format Description (values of `cds_eac_formats`).' })
export class EacDataFormat {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'URL' })
  documentation!: string;
}

@InputType({ description: 'cds-wg3-01 §10.9.4 filters (AND across fields, OR within a list; an empty list matches nothing).' })
export class EacFilter {
  @Field(() => [ID], { nullable: true, description: '`cds_eac_ids`' })
  ids?: string[] | null;

  @Field(() => [String], { nullable: true })
  eacNumbers?: string[] | null;

  @Field(() => [String], { nullable: true })
  beneficiaries?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'With `beneficiaries`: also the certificates of `beneficiaryType` `general`, which name no beneficiaries (cds-wg3-01 §7.2.9 lets a Grant naming beneficiaries see them); the other filters still apply.',
  })
  includeGeneral?: boolean | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '`before`: `periodStart` ≤ this.' })
  before?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '`after`: `periodEnd` ≥ this.' })
  after?: string | null;
}
