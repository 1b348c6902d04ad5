import { z } from 'zod';
import { Decimal } from '../../json';
import { AccountProgram } from './account';
import { cdsTimestamps, checkTimestamps } from './common';
import { currency, date, decimal, id, idList, mimeType, uniqueArray, url } from './primitives';

/** §10.5.3 (`differed` is the spec's spelling) */
export const NewChargeType = z.enum([
  'electric_total', 'water_total', 'natural_gas_total', 'fuel_oil_total', 'waste_water_total', 'solid_waste_total',
  'tax', 'fixed_fee', 'flat_rate', 'interest', 'deposit', 'differed', 'credit_bank', 'program', 'adhoc',
  'amount_due_sum_difference',
]);
export type NewChargeType = z.infer<typeof NewChargeType>;

/** §10.5.2 */
export const NewCharge = z
  .strictObject({
    id,
    name: z.string(),
    types: uniqueArray(NewChargeType),
    amount: decimal,
    included_in_amount_due: z.boolean(),
    related_billsections: idList.optional(),
  })
  .meta({ id: 'NewCharge', description: 'cds-wg3-01 §10.5.2 New Charge' });
export type NewCharge = z.infer<typeof NewCharge>;

/** §10.5.1 */
export const BillStatement = z
  .strictObject({
    cds_billstatement_id: id,
    ...cdsTimestamps,
    cds_account_id: id,
    account_number: z.string(),
    statement_date: date,
    currency,
    file_uri: url.nullable().optional(),
    file_mimetype: mimeType.optional(),
    previous_balance_amount: decimal.optional(),
    previous_balance_paid: decimal.optional(),
    previous_balance_unpaid: decimal.optional(),
    new_charges_amount: decimal.optional(),
    new_charges: z.array(NewCharge).optional(),
    new_balance_amount: decimal.optional(),
    amount_due: decimal,
    amount_due_date: date,
    shutoff_prevention_minimum_due: decimal.nullable(),
    shutoff_prevention_date: date.nullable(),
    account_programs: z.array(AccountProgram).optional(),
  })
  .superRefine(checkTimestamps)
  .superRefine((bill, ctx) => {
    if (typeof bill.file_uri === 'string' && bill.file_mimetype === undefined) {
      ctx.addIssue({ code: 'custom', path: ['file_mimetype'], message: 'file_mimetype is REQUIRED when file_uri is a URL' });
    }
    if (bill.file_mimetype !== undefined && typeof bill.file_uri !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['file_mimetype'], message: 'file_mimetype describes file_uri, which is not a URL' });
    }
    if (bill.shutoff_prevention_minimum_due === null && bill.shutoff_prevention_date !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['shutoff_prevention_date'],
        message: 'shutoff_prevention_date must be null when shutoff_prevention_minimum_due is null',
      });
    }
    // The sum rule: unpaid balance + the New Charges included in the amount due = amount due, exactly.
    if (bill.previous_balance_unpaid !== undefined && bill.new_charges !== undefined) {
      const sum = bill.new_charges
        .filter((charge) => charge.included_in_amount_due)
        .reduce((total, charge) => total.plus(charge.amount.toDecimal()), new Decimal(bill.previous_balance_unpaid.token));
      if (!sum.equals(bill.amount_due.toDecimal())) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount_due'],
          message:
            `previous_balance_unpaid + included new_charges = ${sum.toFixed()}, not amount_due ${bill.amount_due.token}; ` +
            'add an amount_due_sum_difference New Charge for the difference',
        });
      }
    }
  })
  .meta({ id: 'BillStatement', description: 'cds-wg3-01 §10.5.1 Bill Statement' });
export type BillStatement = z.infer<typeof BillStatement>;
