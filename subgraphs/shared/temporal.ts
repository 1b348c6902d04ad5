import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export function isFullDate(value: string): boolean {
  const m = FULL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** RFC 3339 date-time, normalised to UTC (`…Z`, milliseconds only when non-zero) so values sort as strings. */
export function toDateTimeString(value: unknown): string {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'string' && DATE_TIME.test(value)) date = new Date(value);
  if (!date || Number.isNaN(date.getTime())) throw new TypeError(`not an RFC 3339 date-time: ${String(value)}`);
  return date.toISOString().replace('.000Z', 'Z');
}

export function toFullDateString(value: unknown): string {
  if (typeof value === 'string' && isFullDate(value)) return value;
  throw new TypeError(`not an RFC 3339 full-date: ${String(value)}`);
}

function scalar(name: string, description: string, convert: (v: unknown) => string) {
  const parse = (v: unknown) => {
    try {
      return convert(v);
    } catch (err) {
      throw badInput((err as Error).message);
    }
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
    serialize: convert,
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw badInput(`${name} must be a string`);
      return parse(ast.value);
    },
  });
}

/** cds-wg3-01 §2 "datetime". */
export const DateTimeScalar = scalar('DateTime', 'RFC 3339 date-time in UTC, e.g. "2024-01-01T00:00:00Z".', toDateTimeString);

/** cds-wg3-01 §2 "date". */
export const DateScalar = scalar('Date', 'RFC 3339 full-date, e.g. "2024-01-01".', toFullDateString);
