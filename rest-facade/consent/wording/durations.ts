import { DateTime, type Duration } from 'luxon';
import { parseDurationValue, type DurationFormat } from '../../authorization-details';

/**
 * Customer-friendly duration wording (cds-wg3-01 §9.2.2.2): never "P1Y" or "segment_start".
 * Values are as requested (relative ISO 8601 durations, absolute dates/datetimes, "infinite") or as
 * granted (absolute); the authorization-details engine parses them, this module only words them.
 */

type Parsed =
  | { kind: 'infinite' }
  | { kind: 'relative'; duration: Duration }
  | { kind: 'absolute'; at: DateTime; dateOnly: boolean };

/** Dates and datetimes are both accepted: the wording does not depend on the field's format. */
function parse(value: unknown, zone: string): Parsed | null {
  const formats: DurationFormat[] = ['relative_or_absolute_datetime', 'relative_or_absolute_date'];
  for (const format of formats) {
    const v = parseDurationValue(value, format);
    if (typeof v === 'string') continue;
    if (v.kind !== 'absolute') return v;
    const dateOnly = format === 'relative_or_absolute_date';
    const at = dateOnly ? DateTime.fromISO(v.text, { zone }) : DateTime.fromISO(v.text, { setZone: true }).setZone(zone);
    return at.isValid ? { kind: 'absolute', at, dateOnly } : null;
  }
  return null;
}

const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/** "1 year", "2 years and 6 months", "30 days and 2 hours". */
export function spokenLength(duration: Duration): string {
  const o = duration.toObject();
  const words = UNITS.filter((u) => (o[u] ?? 0) !== 0).map((u) => {
    const n = o[u]!;
    return `${n} ${n === 1 ? u.slice(0, -1) : u}`;
  });
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function spokenDate(at: DateTime, dateOnly: boolean): string {
  return dateOnly ? at.toFormat('LLLL d, yyyy') : at.toFormat("LLLL d, yyyy 'at' h:mm a ZZZZ");
}

const isZero = (d: Parsed) => d.kind === 'relative' && UNITS.every((u) => (d.duration.toObject()[u] ?? 0) === 0);
const zoneOf = (now: DateTime) => now.zoneName ?? 'UTC';

/** For how long objects keep being updated (`sync_until`). */
export function untilStatement(subject: string, value: unknown, now: DateTime): string | null {
  const d = parse(value, zoneOf(now));
  if (!d) return null;
  if (d.kind === 'infinite') return `${subject}: kept up to date until you revoke access.`;
  if (isZero(d) || (d.kind === 'absolute' && d.at <= now)) {
    return `${subject}: only as they are today — no updates after you approve.`;
  }
  if (d.kind === 'relative') return `${subject}: kept up to date for ${spokenLength(d.duration)} after you approve.`;
  return `${subject}: kept up to date until ${spokenDate(d.at, d.dateOnly)}.`;
}

/** How long an aggregation consent stays valid (`expires`, §9.2.2.2). */
export function validityStatement(value: unknown, now: DateTime): string | null {
  const d = parse(value, zoneOf(now));
  if (!d) return null;
  if (d.kind === 'infinite') return 'This permission stays valid until you revoke it.';
  if (isZero(d) || (d.kind === 'absolute' && d.at <= now)) {
    return 'This permission is for this request only; you will be asked again if updates are needed later.';
  }
  if (d.kind === 'relative') return `This permission is valid for ${spokenLength(d.duration)} after you approve.`;
  return `This permission is valid until ${spokenDate(d.at, d.dateOnly)}.`;
}

/**
 * A history + future range (bills: statement_date_*, bill sections: start_date/end_date, usage:
 * segment_*). `noun` is what is shared, e.g. "bills", "usage data".
 */
export function rangeStatement(noun: string, start: unknown, end: unknown, now: DateTime): string | null {
  const zone = zoneOf(now);
  const s = parse(start, zone);
  const e = parse(end, zone);
  if (!s && !e) return null;
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  const noHistory = s && (isZero(s) || (s.kind === 'absolute' && s.at >= now.startOf('day')));
  const noFuture = e && (isZero(e) || (e.kind === 'absolute' && e.at <= now));

  let history: string;
  if (!s || s.kind === 'infinite') history = `All your past ${noun}`;
  else if (noHistory) history = '';
  else if (s.kind === 'relative') history = `Your ${noun} from the past ${spokenLength(s.duration)}`;
  else history = `Your ${noun} from ${spokenDate(s.at, s.dateOnly)}`;

  let future: string;
  if (!e || e.kind === 'infinite') future = 'until you revoke access';
  else if (noFuture) future = '';
  else if (e.kind === 'relative') future = `for the next ${spokenLength(e.duration)}`;
  else future = `until ${spokenDate(e.at, e.dateOnly)}`;

  if (!history && !future) return `${Noun}: none (the requested period is empty).`;
  if (!history) return `New ${noun} only (none from the past), ${future}.`;
  if (!future) return `${history} — past ${noun} only, nothing new after you approve.`;
  return `${history}, and new ${noun} ${future}.`;
}
