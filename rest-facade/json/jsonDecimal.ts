import { Decimal } from './decimal';

/** RFC 8259 §6 `number`. */
export const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * A decimal kept as its exact JSON number token (cds-wg3-01 §2: decimals must never pass through a
 * float). `stringifyExact` writes the token unquoted, so `1.10` stays `1.10`; `parseExact` turns every
 * number token of a document into one of these. Use `toDecimal()` for arithmetic.
 */
export class JsonDecimal {
  readonly token: string;

  constructor(token: string) {
    if (!JSON_NUMBER.test(token)) throw new TypeError(`not a JSON number: ${JSON.stringify(token)}`);
    this.token = token;
  }

  /** From a decimal string (e.g. the graph's `Decimal` scalar), a decimal.js value or a safe integer. */
  static from(value: string | number | bigint | Decimal | JsonDecimal): JsonDecimal {
    if (value instanceof JsonDecimal) return value;
    if (typeof value === 'string') return new JsonDecimal(value);
    if (typeof value === 'bigint') return new JsonDecimal(value.toString());
    if (typeof value === 'number') {
      // Only integers are exact as JS numbers; a fractional number has already lost its digits.
      if (!Number.isSafeInteger(value)) throw new TypeError(`not a safe integer: ${value}; pass the decimal as a string`);
      return new JsonDecimal(String(value));
    }
    if (!value.isFinite()) throw new TypeError(`not a finite decimal: ${value.toString()}`);
    return new JsonDecimal(value.toFixed());
  }

  toDecimal(): Decimal {
    return new Decimal(this.token);
  }

  toString(): string {
    return this.token;
  }

  /**
   * Plain `JSON.stringify` (logs, the graph) sees the token as a string; responses go through
   * `stringifyExact`, which writes it as a number.
   */
  toJSON(): string {
    return this.token;
  }
}
