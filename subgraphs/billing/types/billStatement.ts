import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, NewChargeType, Timestamps } from '../../shared';

@ObjectType({ description: 'cds-wg3-01 §10.5.2' })
export class NewCharge {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [NewChargeType])
  types!: NewChargeType[];

  @Field(() => DecimalScalar, { description: 'Positive = charge, negative = credit.' })
  amount!: string;

  @Field(() => Boolean)
  includedInAmountDue!: boolean;

  @Field(() => [ID], { description: '`related_billsections` (omit when the scope excludes bill sections).' })
  relatedBillSectionIds!: string[];
}

/** Bill Statement (cds-wg3-01 §10.5.1): a statement header and its charges from the billing export. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'cds-wg3-01 §10.5.1 (`id` = `cds_billstatement_id`)' })
export class BillStatement extends Timestamps {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: '`cds_account_id`' })
  accountId!: string;

  @Field(() => String, { description: 'As at issue.' })
  accountNumber!: string;

  @Field(() => DateScalar)
  statementDate!: string;

  @Field(() => String, { description: 'ISO 4217' })
  currency!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The billing system\'s (internal) URL of the statement image, null when there is none. The REST facade re-serves it under its own authenticated `file_uri`.',
  })
  fileUri!: string | null;

  @Field(() => String, { nullable: true })
  fileMimetype!: string | null;

  @Field(() => DecimalScalar)
  previousBalanceAmount!: string;

  @Field(() => DecimalScalar)
  previousBalancePaid!: string;

  @Field(() => DecimalScalar)
  previousBalanceUnpaid!: string;

  @Field(() => DecimalScalar)
  newChargesAmount!: string;

  @Field(() => DecimalScalar)
  newBalanceAmount!: string;

  @Field(() => [NewCharge], { description: 'Includes an `amount_due_sum_difference` charge when the bill does not add up (§10.5.1).' })
  newCharges!: NewCharge[];

  @Field(() => DecimalScalar)
  amountDue!: string;

  @Field(() => DateScalar)
  amountDueDate!: string;

  @Field(() => DecimalScalar, { nullable: true })
  shutoffPreventionMinimumDue!: string | null;

  @Field(() => DateScalar, { nullable: true })
  shutoffPreventionDate!: string | null;

  @Field(() => [String], { description: 'Program numbers printed on the statement; `accountPrograms` (from the CIS) resolves them.' })
  accountProgramNumbers!: string[];
}
