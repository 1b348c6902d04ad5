import { DateTime } from 'luxon';

/**
 * Customer-friendly duration wording (cds-wg3-01 §9.2.2.2): never "P1Y" or "segment_start".
 * Values are as requested (relative ISO 8601 durations, absolute dates/datetimes, "infinite") or as
 * granted (absolute); both read naturally.
 */

const UNITS: [RegExp, string][] = [
  [/(\d+(?:[.,]\d+)?)Y/, 'year'], [/(\d+(?:[.,]\d+)?)M/, 'month'], [/(\d+(?:[.,]\d+)?)W/, 'week'],
  [/(\d+(?:[.,]\d+)?)D/, 'day'],
];
const TIME_UNITS: [RegExp, string][] = [
  [/(\d+(?:[.,]\d+)?)H/, 'hour'], [/(\d+(?:[.,]\d+)?)M/, 'minute'], [/(\d+(?:[.,]\d+)?)S/, 'second'],
];
const ISO_DURATION = /^P(?!$)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?W)?(\d+(?:[.,]\d+)?D)?(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;

export type DurationValue =
  | { kind: 'infinite' }
  | { kind: 'relative'; parts: { unit: string; amount: number }[] }
  | { kind: 'absolute'; at: DateTime; dateOnly: boolean };

export function parseDurationValue(value: unknown, timezone: string): DurationValue | null {
  if (typeof value !== 'string') return null;
  if (value === 'infinite') return { kind: 'infinite' };
  if (ISO_DURATION.test(value)) {
    const [datePart, timePart = ''] = value.slice(1).split('T');
    const parts: { unit: string; amount: number }[] = [];
    for (const [re, unit] of UNITS) {
      const m = re.exec(datePart);
      if (m) parts.push({ unit, amount: Number(m[1].replace(',', '.')) });
    }
    for (const [re, unit] of TIME_UNITS) {
      const m = re.exec(timePart);
      if (m) parts.push({ unit, amount: Number(m[1].replace(',', '.')) });
    }
    return { kind: 'relative', parts: parts.filter((p) => p.amount !== 0) };
  }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const at = dateOnly ? DateTime.fromISO(value, { zone: timezone }) : DateTime.fromISO(value, { setZone: true }).setZone(timezone);
  return at.isValid ? { kind: 'absolute', at, dateOnly } : null;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "1 year", "2 years and 6 months", "30 days and 2 hours". */
export function spokenLength(parts: { unit: string; amount: number }[]): string {
  const words = parts.map((p) => plural(p.amount, p.unit));
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function spokenDate(at: DateTime, dateOnly: boolean): string {
  return dateOnly ? at.toFormat('LLLL d, yyyy') : at.toFormat("LLLL d, yyyy 'at' h:mm a ZZZZ");
}

const isZero = (d: DurationValue) => d.kind === 'relative' && d.parts.length === 0;

/** For how long objects keep being updated (`sync_until`, and `expires` for aggregation consent). */
export function untilStatement(subject: string, value: unknown, now: DateTime): string | null {
  const d = parseDurationValue(value, now.zoneName ?? 'UTC');
  if (!d) return null;
  if (d.kind === 'infinite') return `${subject}: kept up to date until you revoke access.`;
  if (isZero(d) || (d.kind === 'absolute' && d.at <= now)) {
    return `${subject}: only as they are today — no updates after you approve.`;
  }
  if (d.kind === 'relative') return `${subject}: kept up to date for ${spokenLength(d.parts)} after you approve.`;
  return `${subject}: kept up to date until ${spokenDate(d.at, d.dateOnly)}.`;
}

/** How long an aggregation consent stays valid (`expires`, §9.2.2.2). */
export function validityStatement(value: unknown, now: DateTime): string | null {
  const d = parseDurationValue(value, now.zoneName ?? 'UTC');
  if (!d) return null;
  if (d.kind === 'infinite') return 'This permission stays valid until you revoke it.';
  if (isZero(d) || (d.kind === 'absolute' && d.at <= now)) {
    return 'This permission is for this request only; you will be asked again if updates are needed later.';
  }
  if (d.kind === 'relative') return `This permission is valid for ${spokenLength(d.parts)} after you approve.`;
  return `This permission is valid until ${spokenDate(d.at, d.dateOnly)}.`;
}

/**
 * A history + future range (bills: statement_date_*, bill sections: start_date/end_date, usage:
 * segment_*). `noun` is what is shared, e.g. "bills", "usage data".
 */
export function rangeStatement(noun: string, start: unknown, end: unknown, now: DateTime): string | null {
  const zone = now.zoneName ?? 'UTC';
  const s = parseDurationValue(start, zone);
  const e = parseDurationValue(end, zone);
  if (!s && !e) return null;
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  const noHistory = s && (isZero(s) || (s.kind === 'absolute' && s.at >= now.startOf('day')));
  const noFuture = e && (isZero(e) || (e.kind === 'absolute' && e.at <= now));

  let history: string;
  if (!s || s.kind === 'infinite') history = `All your past ${noun}`;
  else if (noHistory) history = '';
  else if (s.kind === 'relative') history = `Your ${noun} from the past ${spokenLength(s.parts)}`;
  else history = `Your ${noun} from ${spokenDate(s.at, s.dateOnly)}`;

  let future: string;
  if (!e || e.kind === 'infinite') future = 'until you revoke access';
  else if (noFuture) future = '';
  else if (e.kind === 'relative') future = `for the next ${spokenLength(e.parts)}`;
  else future = `until ${spokenDate(e.at, e.dateOnly)}`;

  if (!history && !future) return `${Noun}: none (the requested period is empty).`;
  if (!history) return `New ${noun} only (none from the past), ${future}.`;
  if (!future) return `${history} — past ${noun} only, nothing new after you approve.`;
  return `${history}, and new ${noun} ${future}.`;
}
