import { DateTime } from 'luxon';

/**
 * Civil dates as day numbers (days since 1970-01-01) with integer arithmetic, and the local days of
 * the utility's timezone: when each starts (UTC epoch seconds), how long it is (23/24/25 h on DST
 * days) and the local clock hour of each 15-minute slot.
 */

/** Days since 1970-01-01 of a `YYYY-MM-DD` civil date (Hinnant's days_from_civil). */
export function dayNumber(date: string): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` of a day number (Hinnant's civil_from_days). */
export function dateOf(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** Adds months, clamping the day to the target month's length. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = daysInMonth(ty, tm + 1);
  const d = Math.min(Number(date.slice(8, 10)), last);
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return dayNumber(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`) -
    dayNumber(`${year}-${String(month).padStart(2, '0')}-01`);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Epoch seconds → `YYYY-MM-DDTHH:MM:SSZ`. */
export function isoInstant(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}Z`;
}

export interface LocalDay {
  day: number;
  date: string;
  /** UTC epoch seconds of local midnight, and of the next local midnight. */
  start: number;
  end: number;
  /** Length in seconds: 86400, or 82800 / 90000 on DST days. */
  seconds: number;
  weekday: number;
  month: number;
  /** Day of year, 1-based. */
  dayOfYear: number;
}

export class Calendar {
  private readonly days = new Map<number, LocalDay>();
  private readonly slotHours = new Map<string, Uint8Array>();

  constructor(readonly timezone: string) {
    if (!DateTime.local().setZone(timezone).isValid) throw new Error(`unknown timezone ${timezone}`);
  }

  private readonly midnights = new Map<number, number>();

  /** Local midnight starting a day (luxon is slow with zones: each day is computed once). */
  private midnight(day: number): number {
    let t = this.midnights.get(day);
    if (t === undefined) {
      t = DateTime.fromISO(dateOf(day), { zone: this.timezone }).startOf('day').toSeconds();
      this.midnights.set(day, t);
    }
    return t;
  }

  localDay(day: number): LocalDay {
    let info = this.days.get(day);
    if (!info) {
      const start = this.midnight(day);
      const end = this.midnight(day + 1);
      const date = dateOf(day);
      info = {
        day, date, start, end, seconds: end - start,
        weekday: isoWeekday(day),
        month: Number(date.slice(5, 7)),
        dayOfYear: day - dayNumber(`${date.slice(0, 4)}-01-01`) + 1,
      };
      this.days.set(day, info);
    }
    return info;
  }

  private readonly dayOfInstant = new Map<number, number>();

  /** The local day containing an instant. */
  dayAt(epochSeconds: number): number {
    let day = this.dayOfInstant.get(epochSeconds);
    if (day === undefined) {
      day = dayNumber(DateTime.fromSeconds(epochSeconds, { zone: this.timezone }).toISODate() as string);
      this.dayOfInstant.set(epochSeconds, day);
    }
    return day;
  }

  /** UTC instant of local midnight starting a date. */
  startOf(date: string): number {
    return this.localDay(dayNumber(date)).start;
  }

  /** Local clock hour (0..23) of every `slotSeconds` slot of a local day. */
  slotHoursOf(day: number, slotSeconds: number): Uint8Array {
    const key = `${day}/${slotSeconds}`;
    let hours = this.slotHours.get(key);
    if (!hours) {
      const info = this.localDay(day);
      const count = Math.round(info.seconds / slotSeconds);
      hours = new Uint8Array(count);
      if (info.seconds === 86400) {
        for (let i = 0; i < count; i++) hours[i] = Math.floor((i * slotSeconds) / 3600);
      } else {
        for (let i = 0; i < count; i++) {
          hours[i] = DateTime.fromSeconds(info.start + i * slotSeconds, { zone: this.timezone }).hour;
        }
      }
      this.slotHours.set(key, hours);
    }
    return hours;
  }

  /** UTC offset in seconds at an instant (for ESPI LocalTimeParameters). */
  offsetAt(epochSeconds: number): number {
    return DateTime.fromSeconds(epochSeconds, { zone: this.timezone }).offset * 60;
  }
}
