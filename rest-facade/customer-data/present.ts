import { JsonDecimal } from '../json';

/** Helpers turning graph nodes (spec names already aliased) into response objects. */

/** The graph's `Decimal` (a string) as an exact JSON number token; null stays null. */
export function decimal(value: string): JsonDecimal;
export function decimal(value: string | null): JsonDecimal | null;
export function decimal(value: string | null | undefined): JsonDecimal | null | undefined;
export function decimal(value: string | null | undefined): JsonDecimal | null | undefined {
  return value === null || value === undefined ? value : new JsonDecimal(value);
}

/** Keys the spec says to omit (not null) when they do not apply: dropped when the graph has null. */
export function omitNulls<T extends object>(value: T, keys: readonly string[]): T {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of keys) if (copy[key] === null || copy[key] === undefined) delete copy[key];
  return copy as T;
}

/** A copy with the listed keys' decimal strings as exact tokens (absent keys stay absent). */
export function decimals(value: object, keys: readonly string[]): Record<string, unknown> {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of keys) if (key in copy) copy[key] = decimal(copy[key] as string | null);
  return copy;
}
