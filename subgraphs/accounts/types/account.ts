import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AccountContactType, AccountProgram, AccountStatus, AccountType, Entity, Timestamps } from '../../shared';

@ObjectType({ description: 'cds-wg3-01 §10.1.6' })
export class AccountContact {
  @Field(() => ID)
  id!: string;

  @Field(() => [AccountContactType], { description: 'Contains `phone_number` or `email`.' })
  types!: AccountContactType[];

  @Field(() => String, { description: 'E.164 phone number or email address.' })
  value!: string;
}

/** Account (cds-wg3-01 §10.1.1), from the CIS. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'cds-wg3-01 §10.1.1 (`id` = `cds_account_id`)' })
export class Account extends Timestamps {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: '`cds_account_parent`' })
  parentAccountId!: string | null;

  @Field(() => String, { nullable: true })
  customerNumber!: string | null;

  @Field(() => String)
  accountNumber!: string;

  @Field(() => Entity, { nullable: true })
  accountEntity!: Entity | null;

  @Field(() => String)
  accountName!: string;

  @Field(() => String, { description: 'May contain line breaks.' })
  accountAddress!: string;

  @Field(() => [AccountType])
  accountTypes!: AccountType[];

  @Field(() => AccountStatus)
  accountStatus!: AccountStatus;

  @Field(() => [AccountContact])
  accountContacts!: AccountContact[];

  @Field(() => [AccountProgram])
  accountPrograms!: AccountProgram[];
}
