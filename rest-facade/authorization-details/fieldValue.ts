import Decimal from 'decimal.js';
import type { AuthorizationDetailsField } from '../scopes/schema';
import {
  outOfBounds, parseDurationValue, type DurationDirection, type DurationFormat, type Moment,
} from './durations';
import { jwkProblem } from './jwk';
import type { SpecialValue } from './fields';

/**
 * One submitted value against its Authorization Details Field object (cds-wg1-02 §3.8, §3.9):
 * type by `format`, membership in `choices`, and `minimum`/`maximum`. Returns what is wrong, or null.
 */

export interface ValueContext {
  moment: Moment;
  /** Duration fields only: whether a relative value looks back (§7.3). */
  direction?: DurationDirection;
  /** Special list values that keep their meaning for this field (e.g. `_all`). */
  specials?: readonly SpecialValue[];
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function lengthBounds(length: number, field: AuthorizationDetailsField, what: string): string | null {
  const { maximum, minimum } = field;
  if (typeof maximum === 'number' && length > maximum) return `${what} is longer than the maximum of ${maximum}`;
  if (typeof minimum === 'number' && length < minimum) return `${what} is shorter than the minimum of ${minimum}`;
  return null;
}

function numberBounds(value: Decimal, field: AuthorizationDetailsField): string | null {
  const bound = (b: unknown) => (typeof b === 'number' ? new Decimal(String(b)) : null);
  const max = bound(field.maximum);
  const min = bound(field.minimum);
  if (max && value.greaterThan(max)) return `is above the maximum of ${String(field.maximum)}`;
  if (min && value.lessThan(min)) return `is below the minimum of ${String(field.minimum)}`;
  return null;
}

function choiceIds(field: AuthorizationDetailsField): Set<string> {
  return new Set((field.choices ?? []).map((c) => c.id));
}

function choiceListProblem(value: string[], field: AuthorizationDetailsField, specials: readonly string[]): string | null {
  if (value.length === 0) return 'must be a non-empty array of choice ids';
  const ids = choiceIds(field);
  const unknown = value.filter((v) => !ids.has(v) && !specials.includes(v));
  return unknown.length ? `has values that are not among its choices: ${unknown.map((v) => JSON.stringify(v)).join(', ')}` : null;
}

function durationProblem(value: unknown, field: AuthorizationDetailsField, context: ValueContext): string | null {
  const format = field.format as DurationFormat;
  const parsed = parseDurationValue(value, format);
  if (typeof parsed === 'string') return parsed;
  if (field.maximum === undefined || field.minimum === undefined) return null;
  const maximum = parseDurationValue(field.maximum, format);
  const minimum = parseDurationValue(field.minimum, format);
  // The bounds are the Server's own configuration, checked by the Scope Description rules.
  if (typeof maximum === 'string' || typeof minimum === 'string') return null;
  try {
    return outOfBounds(parsed, { minimum, maximum }, format, context.direction ?? 'future', context.moment,
      { minimum: field.minimum, maximum: field.maximum });
  } catch {
    return 'is too far from the current date';
  }
}

export function valueProblem(field: AuthorizationDetailsField, value: unknown, context: ValueContext): string | null {
  // Every `*_or_null` format is its base format plus `null` (cds-wg1-02 §3.9).
  const nullable = field.format.endsWith('_or_null');
  if (nullable && value === null) return null;
  const orNull = nullable ? ' or null' : '';
  switch (nullable ? field.format.slice(0, -'_or_null'.length) : field.format) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be an integer';
      return numberBounds(new Decimal(value), field);
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a decimal number';
      return numberBounds(new Decimal(String(value)), field);
    case 'string':
      if (typeof value !== 'string') return `must be a string${orNull}`;
      return lengthBounds(value.length, field, 'the string');
    case 'string_list':
      if (!isStringArray(value) || value.length === 0) return `must be a non-empty array of strings${orNull}`;
      return lengthBounds(value.reduce((n, s) => n + s.length, 0), field, 'the combined length of its strings');
    case 'choice':
      if (typeof value !== 'string') return `must be one of its choice ids${orNull}`;
      return choiceIds(field).has(value) ? null : `${JSON.stringify(value)} is not among its choices`;
    case 'choice_list':
      if (!isStringArray(value)) return `must be a non-empty array of choice ids${orNull}`;
      return choiceListProblem(value, field, context.specials ?? []);
    case 'relative_or_absolute_date':
    case 'relative_or_absolute_datetime':
      return durationProblem(value, field, context);
    case 'jwk':
      return jwkProblem(value);
    default:
      return `has a format (${JSON.stringify(field.format)}) this Server cannot check`;
  }
}
