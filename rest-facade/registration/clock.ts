/** Milliseconds since the epoch; injected so tests and the operator CLI agree on "now". */
export type Clock = () => number;

export const systemClock: Clock = Date.now;

/** RFC 3339 datetime with milliseconds, fixed width, so that string order is time order. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A `modified` value strictly after the previous one, so a change always moves an object up its
 * listing and "modified advanced" holds even for two changes within one millisecond.
 */
export function nextModified(clock: Clock, previous: string): string {
  const prev = Date.parse(previous);
  return isoAt(Math.max(clock(), prev + 1));
}

export function epochSeconds(clock: Clock): number {
  return Math.floor(clock() / 1000);
}
