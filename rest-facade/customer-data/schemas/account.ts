import { z } from 'zod';
import { cdsTimestamps, checkTimestamps, checkTypeFields, type TypeFields } from './common';
import { Entity } from './entity';
import { programFields } from './program';
import { currency, decimal, email, id, phoneNumber, uniqueArray } from './primitives';

/** §10.1.2 */
export const AccountType = z.enum([
  'customer', 'thirdparty', 'internal', 'parent', 'child', 'test', 'residential', 'commercial', 'industrial',
  'agriculture', 'municipal', 'billed_monthly', 'billed_quarterly',
]);
export type AccountType = z.infer<typeof AccountType>;

/** §10.1.3 */
export const AccountStatus = z.enum(['active', 'suspended', 'closed', 'unknown']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** §10.1.7 */
export const AccountContactType = z.enum(['phone_number', 'email', 'home', 'work', 'mobile', 'preferred', 'primary', 'secondary']);
export type AccountContactType = z.infer<typeof AccountContactType>;

/** §10.1.6: `types` names the kind of `value`, which must then be an E.164 number or an email address. */
export const AccountContact = z
  .strictObject({ id, types: uniqueArray(AccountContactType), value: z.string() })
  .superRefine((contact, ctx) => {
    const isPhone = contact.types.includes('phone_number');
    const isEmail = contact.types.includes('email');
    if (!isPhone && !isEmail) {
      ctx.addIssue({ code: 'custom', path: ['types'], message: 'types must include phone_number or email' });
    }
    if (isPhone && !phoneNumber.safeParse(contact.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a phone_number contact value must be E.164' });
    }
    if (isEmail && !email.safeParse(contact.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'an email contact value must be an email address' });
    }
  })
  .meta({ id: 'AccountContact', description: 'cds-wg3-01 §10.1.6 Account Contact' });
export type AccountContact = z.infer<typeof AccountContact>;

/** §10.1.9 */
export const AccountProgramType = z.enum([
  'active', 'inactive', 'eligible', 'ineligible', 'low_income', 'flat_rate', 'payment_plan', 'protected', 'survey',
  'pilot', 'rebate', 'credit_bank',
]);
export type AccountProgramType = z.infer<typeof AccountProgramType>;

/** §10.1.9: the fields a program type adds. */
export const AccountProgramTypeFields: TypeFields = {
  credit_bank: { optional: ['balance', 'currency'] },
};

/** §10.1.8 */
export const AccountProgram = z
  .strictObject({
    ...programFields,
    types: uniqueArray(AccountProgramType),
    balance: decimal.optional(),
    currency: currency.optional(),
  })
  .superRefine(checkTypeFields('types', AccountProgramTypeFields))
  .superRefine((program, ctx) => {
    if (program.balance !== undefined && program.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'currency is REQUIRED when balance is present' });
    }
  })
  .meta({ id: 'AccountProgram', description: 'cds-wg3-01 §10.1.8 Account Program' });
export type AccountProgram = z.infer<typeof AccountProgram>;

/** §10.1.1 */
export const Account = z
  .strictObject({
    cds_account_id: id,
    ...cdsTimestamps,
    cds_account_parent: id.nullable(),
    customer_number: z.string().nullable().optional(),
    account_number: z.string().optional(),
    account_entity: Entity.nullable().optional(),
    account_name: z.string().optional(),
    account_address: z.string().optional(),
    account_types: uniqueArray(AccountType).min(1).optional(),
    account_status: AccountStatus.optional(),
    account_contacts: z.array(AccountContact).optional(),
    account_programs: z.array(AccountProgram).optional(),
  })
  .superRefine(checkTimestamps)
  .superRefine((account, ctx) => {
    if (account.cds_account_parent === account.cds_account_id) {
      ctx.addIssue({ code: 'custom', path: ['cds_account_parent'], message: 'an Account cannot be its own parent' });
    }
  })
  .meta({ id: 'Account', description: 'cds-wg3-01 §10.1.1 Account' });
export type Account = z.infer<typeof Account>;
