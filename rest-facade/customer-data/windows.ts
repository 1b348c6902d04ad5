import type { Window } from '../access';

/**
 * Grant windows (cds-wg3-01 §7.3) against listing bounds. Dates (`YYYY-MM-DD`) and RFC 3339
 * datetimes compare as instants; `null` = unbounded.
 */
const ms = (bound: string) => Date.parse(bound);

/** The smallest window holding all of them (the graph gets one window; each object is then checked against its own Grant's). */
export function hull(windows: readonly Window[]): Window {
  if (windows.length === 0) return { start: null, end: null };
  const starts = windows.map((w) => w.start);
  const ends = windows.map((w) => w.end);
  return {
    start: starts.includes(null) ? null : (starts as string[]).reduce((a, b) => (ms(b) < ms(a) ? b : a)),
    end: ends.includes(null) ? null : (ends as string[]).reduce((a, b) => (ms(b) > ms(a) ? b : a)),
  };
}

/** The later of two lower bounds. */
export function later(a: string | null | undefined, b: string | null | undefined): string | undefined {
  if (a == null) return b ?? undefined;
  if (b == null) return a;
  return ms(a) >= ms(b) ? a : b;
}

/** The earlier of two upper bounds. */
export function earlier(a: string | null | undefined, b: string | null | undefined): string | undefined {
  if (a == null) return b ?? undefined;
  if (b == null) return a;
  return ms(a) <= ms(b) ? a : b;
}

/** Whether [from, to] lies inside the window. */
export function within(window: Window, from: string, to: string = from): boolean {
  return (window.start === null || ms(from) >= ms(window.start)) && (window.end === null || ms(to) <= ms(window.end));
}

/** Whether a lower bound is past an upper bound (nothing can match). */
export function empty(after: string | undefined, before: string | undefined): boolean {
  return after !== undefined && before !== undefined && ms(after) > ms(before);
}
