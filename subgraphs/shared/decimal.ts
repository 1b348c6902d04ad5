import Decimal from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** A decimal literal as JSON/GraphQL writes it: sign, digits, optional fraction and exponent. */
const DECIMAL_LITERAL = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A JS number can carry a decimal exactly only when the literal had at most 15 significant
 * digits (IEEE 754 doubles round-trip those); past that a float may already have changed it.
 */
const MAX_EXACT_FLOAT_DIGITS = 15;

/**
 * decimal.js rounds arithmetic to 20 significant digits by default; this clone keeps every digit
 * of the sums and scalings we do (an exact decimal times a power of ten stays exact).
 */
export const ExactDecimal = Decimal.clone({ precision: 1000, toExpNeg: -1000, toExpPos: 1000 });

export function isDecimalLiteral(value: string): boolean {
  return DECIMAL_LITERAL.test(value);
}

/** Normalises a legacy or client decimal to its canonical string, keeping trailing zeros (`1.10` stays `1.10`). */
export function toDecimalString(value: unknown): string {
  if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!isDecimalLiteral(trimmed)) throw new TypeError(`not a decimal: ${JSON.stringify(value)}`);
    // Exponent forms are expanded so every consumer sees plain digits.
    return /[eE]/.test(trimmed) ? new Decimal(trimmed).toFixed() : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    const d = new Decimal(value);
    if (d.precision(true) > MAX_EXACT_FLOAT_DIGITS) {
      throw new TypeError(`decimal ${value} may have lost precision as a float; send it as a string`);
    }
    return d.toFixed();
  }
  throw new TypeError(`not a decimal: ${String(value)}`);
}

function parse(value: unknown): string {
  try {
    return toDecimalString(value);
  } catch (err) {
    throw new GraphQLError((err as Error).message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * Decimal (cds-wg3-01 §2 "decimal"): never a float. Serialized as a string of the exact value;
 * parsed from a string, or from a numeric literal in the query text (the AST keeps its digits).
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number, serialized as a string (e.g. "0.30", "-12.5"). Never a float.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc8259#section-6',
  serialize: (value) => toDecimalString(value),
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parse(ast.value);
    throw new GraphQLError('Decimal must be a string or a number literal', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
