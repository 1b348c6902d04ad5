import { DateTime, Duration } from 'luxon';
import { z } from 'zod';

/**
 * Relative or absolute dates and datetimes (cds-wg1-02 §2, §3.9) and the duration fields of
 * cds-wg3-01 §7.3: parsing, turning a relative value into an absolute one at the moment of
 * submission in the Server's `cds_timezone`, and the `minimum`/`maximum` check of §3.8.
 */

export type DurationFormat = 'relative_or_absolute_date' | 'relative_or_absolute_datetime';

/** Start fields look back (the duration is subtracted), every other field looks ahead (§7.3). */
export type DurationDirection = 'past' | 'future';

export type DurationValue =
  | { kind: 'infinite' }
  | { kind: 'relative'; duration: Duration }
  | { kind: 'absolute'; text: string };

export interface Moment {
  /** The instant of submission: approval (code flow) or the token request (client_credentials). */
  now: Date;
  /** IANA name of the Server's `cds_timezone`. */
  timezone: string;
}

// Designators in ISO 8601 order with integer amounts. RFC 3339 Appendix A's grammar cannot express
// e.g. `P1Y2D`; this reading accepts that superset (docs/spec-decisions.md). Weeks stand alone.
const RELATIVE = /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;
const WEEKS = /^P(\d{1,6})W$/;
// cds-wg1-02 §2 gives `P0S` as its example of "now": read a bare seconds count as `PTnS`.
const BARE_SECONDS = /^P(\d{1,6})S$/;

const absoluteDate = z.iso.date();
const absoluteDatetime = z.iso.datetime({ offset: true });

function parseRelative(text: string, format: DurationFormat): Duration | string {
  const bare = BARE_SECONDS.exec(text);
  if (bare) {
    return format === 'relative_or_absolute_date'
      ? 'a relative date has no time part'
      : Duration.fromObject({ seconds: Number(bare[1]) });
  }
  const weeks = WEEKS.exec(text);
  if (weeks) return Duration.fromObject({ weeks: Number(weeks[1]) });
  const m = RELATIVE.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return 'not an ISO 8601 duration such as "P1Y", "P30D" or "PT12H"';
  const [, years, months, days, hours, minutes, seconds] = m;
  const hasTime = hours !== undefined || minutes !== undefined || seconds !== undefined;
  // cds-wg1-02 §2: relative dates use no hours, minutes or seconds.
  if (hasTime && format === 'relative_or_absolute_date') return 'a relative date has no time part (use Y, M or D)';
  const n = (v: string | undefined) => (v === undefined ? 0 : Number(v));
  return Duration.fromObject({
    years: n(years), months: n(months), days: n(days), hours: n(hours), minutes: n(minutes), seconds: n(seconds),
  });
}

/** Parses a submitted value of a duration format; a string result says what is wrong. */
export function parseDurationValue(value: unknown, format: DurationFormat): DurationValue | string {
  const expected = format === 'relative_or_absolute_date'
    ? 'a date (YYYY-MM-DD), a relative date (e.g. "P1Y") or "infinite"'
    : 'an RFC 3339 datetime with offset, a relative datetime (e.g. "P30DT2H") or "infinite"';
  if (typeof value !== 'string') return `must be ${expected}`;
  if (value === 'infinite') return { kind: 'infinite' };
  if (value.startsWith('P')) {
    const duration = parseRelative(value, format);
    return typeof duration === 'string' ? `"${value}" is ${duration}` : { kind: 'relative', duration };
  }
  const ok = format === 'relative_or_absolute_date' ? absoluteDate.safeParse(value).success : absoluteDatetime.safeParse(value).success;
  return ok ? { kind: 'absolute', text: value } : `"${value}" is not ${expected}`;
}

function local(moment: Moment): DateTime {
  return DateTime.fromJSDate(moment.now, { zone: moment.timezone });
}

/**
 * The absolute value (or `"infinite"`) a duration value stands for at `moment` (§7.3): relative
 * values are counted from the current date or datetime in `cds_timezone`, backwards for start fields.
 * Calendar units follow the local calendar, so `P1D` across a DST change keeps the wall-clock time.
 * Datetimes come out in UTC; dates as the local calendar date.
 */
export function resolveDurationValue(
  value: DurationValue, format: DurationFormat, direction: DurationDirection, moment: Moment,
): string {
  if (value.kind !== 'relative') return value.kind === 'infinite' ? 'infinite' : value.text;
  const start = format === 'relative_or_absolute_date' ? local(moment).startOf('day') : local(moment);
  const at = direction === 'past' ? start.minus(value.duration) : start.plus(value.duration);
  if (!at.isValid || at.year < 1 || at.year > 9999) throw new RangeError('duration out of range');
  return format === 'relative_or_absolute_date'
    ? at.toISODate()!
    : at.toUTC().toISO({ suppressMilliseconds: true })!;
}

/**
 * A comparable position on the time line: whole days for dates, milliseconds for datetimes,
 * ±Infinity for `"infinite"` (−∞ on a field that looks back).
 */
export function position(
  value: DurationValue, format: DurationFormat, direction: DurationDirection, moment: Moment,
): number {
  if (value.kind === 'infinite') return direction === 'past' ? -Infinity : Infinity;
  const absolute = resolveDurationValue(value, format, direction, moment);
  if (format === 'relative_or_absolute_date') {
    return DateTime.fromISO(absolute, { zone: 'UTC' }).toMillis() / 86_400_000;
  }
  return DateTime.fromISO(absolute, { setZone: true }).toMillis();
}

/**
 * cds-wg1-02 §3.8 `minimum`/`maximum` for duration formats: the value must lie between the two
 * bounds, whichever way round they are (historical fields publish the furthest-back value as
 * `maximum`); `"infinite"` is unbounded on its side and only accepted where that bound is infinite.
 * Returns a reason when out of bounds.
 */
export function outOfBounds(
  value: DurationValue,
  bounds: { minimum: DurationValue; maximum: DurationValue },
  format: DurationFormat,
  direction: DurationDirection,
  moment: Moment,
  raw: { minimum: unknown; maximum: unknown },
): string | null {
  const p = position(value, format, direction, moment);
  const a = position(bounds.minimum, format, direction, moment);
  const b = position(bounds.maximum, format, direction, moment);
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  if (p >= lo && p <= hi) return null;
  return `is outside the allowed range from ${JSON.stringify(raw.minimum)} to ${JSON.stringify(raw.maximum)}`;
}
