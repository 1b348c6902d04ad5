import { z } from 'zod';
import { JSON_NUMBER, JsonDecimal } from '../../json';

/**
 * The value types of cds-wg3-01 §2, as they appear in a response *before* it is serialized with
 * `stringifyExact` (or after it is read back with `parseExact`). Decimals are `JsonDecimal` tokens,
 * never JS numbers: a float where a decimal belongs fails validation. In the OpenAPI document they
 * are `type: number`, which is what they are on the wire.
 */
export const decimal = z
  .custom<JsonDecimal>((v) => v instanceof JsonDecimal, { error: 'expected a decimal (an exact JSON number token)' })
  .meta({ type: 'number' });

const isNonNegativeInteger = (v: unknown) =>
  (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) ||
  (v instanceof JsonDecimal && /^(?:0|[1-9]\d*)$/.test(v.token));

/** §2 "integer"; 0-based positions, so non-negative (digest part 10 #20). Integers are exact as JS numbers too. */
export const nonNegativeInteger = z
  .custom<number | JsonDecimal>(isNonNegativeInteger, { error: 'expected a non-negative integer' })
  .meta({ type: 'integer', minimum: 0 });

/** §2 "datetime": RFC 3339 `date-time`, with an offset (`Z` or `±hh:mm`). */
export const datetime = z.iso.datetime({ offset: true });
/** §2 "date": RFC 3339 `full-date`. */
export const date = z.iso.date();
/** §2 "URL". */
export const url = z.url();
/** A Server identifier or reference to one: never empty. */
export const id = z.string().min(1);
/** ISO 4217 currency code. */
export const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');
/** §2 "country code": ISO 3166 alpha-2. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 alpha-2 country code');
/** §2 "MIME type" (RFC 6838 §4.2 names, optional parameters). */
export const mimeType = z
  .string()
  .regex(/^[A-Za-z0-9][\w!#$&^.+-]{0,126}\/[A-Za-z0-9][\w!#$&^.+-]{0,126}(?:\s*;.*)?$/, 'expected a MIME type');
/** E.164 phone number (§10.1.6). */
export const phoneNumber = z.string().regex(/^\+[1-9]\d{1,14}$/, 'expected an E.164 phone number');
export const email = z.email();

/** An array whose entries must not repeat (reference lists, `types` arrays). */
export function uniqueArray<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .refine((items) => new Set(items).size === items.length, { error: 'entries must be unique' })
    .meta({ uniqueItems: true });
}

/** A list of Server identifiers (`related_*`, `grouped_*`, `current_*`, `previous_*`). */
export const idList = uniqueArray(id);

/** §10.6.3/§10.6.5 "decimal or string": a numeric value must be a decimal, not a number in a string. */
export const decimalOrText = z.union([
  decimal,
  z.string().refine((s) => !JSON_NUMBER.test(s.trim()), { error: 'a numeric value must be a decimal, not a string' }),
]);

/** `a <= b` for two RFC 3339 values of the same kind. */
export function inOrder(a: string, b: string): boolean {
  return Date.parse(a) <= Date.parse(b);
}
