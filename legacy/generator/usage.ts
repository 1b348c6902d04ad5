import type { Calendar, LocalDay } from './calendar';
import { mix } from './random';

/**
 * Interval data, computed lazily per meter and local day, never stored.
 *
 * A meter-day first gets an integer daily total from a cheap seeded formula (mean × season ×
 * weekday × noise, all integer permille steps); that total is then spread over the day's slots
 * by exact integer allocation (largest remainder) with weights from an hourly load shape. So any
 * period's sum is a sum of daily totals, and the intervals of a day always add up to its total.
 *
 * Units: electric Wh (15-minute slots, or one daily read for AMR/analog meters); gas ft³ (one
 * read per local day); water US gallons (hourly, or daily for AMR meters).
 */

export type LoadProfile =
  | 'RES' | 'RES_SOLAR' | 'COM' | 'IND' | 'AGR' | 'PLANT'
  | 'GAS_RES' | 'GAS_COM' | 'WATER_RES' | 'WATER_COM';

export type Channel = 'forward' | 'reverse';

/** How a meter's consumption behaves (kept by the generator, not served by any system). */
export interface MeterLoad {
  profile: LoadProfile;
  seed: number;
  /** Mean daily forward quantity in native units (Wh, ft³, gal). */
  daily: number;
  /** Mean daily reverse (exported) Wh of bidirectional meters; 0 otherwise. */
  solar: number;
  /** Seconds per reading: 900, 3600 or 86400 (a whole local day). */
  slotSeconds: number;
}

/** Monthly level in permille of the mean (January first). */
const SEASON: Record<LoadProfile | 'SOLAR', number[]> = {
  RES: [1080, 1000, 900, 850, 880, 1030, 1250, 1280, 1120, 920, 900, 1060],
  RES_SOLAR: [1120, 1040, 930, 860, 860, 1000, 1220, 1250, 1100, 930, 930, 1100],
  COM: [950, 950, 960, 970, 1000, 1060, 1120, 1130, 1070, 990, 950, 950],
  IND: [990, 990, 1000, 1000, 1000, 1010, 1010, 1010, 1000, 1000, 990, 990],
  AGR: [300, 350, 600, 900, 1300, 1700, 1900, 1800, 1400, 800, 500, 350],
  PLANT: [560, 700, 900, 1100, 1250, 1350, 1380, 1300, 1150, 950, 700, 560],
  GAS_RES: [1900, 1700, 1350, 1000, 700, 450, 380, 380, 480, 800, 1350, 1800],
  GAS_COM: [1500, 1400, 1200, 1000, 850, 700, 650, 650, 700, 900, 1200, 1450],
  WATER_RES: [700, 700, 800, 950, 1150, 1300, 1400, 1400, 1250, 1000, 800, 700],
  WATER_COM: [850, 850, 900, 1000, 1050, 1150, 1200, 1200, 1100, 1000, 900, 850],
  SOLAR: [560, 700, 900, 1100, 1250, 1350, 1380, 1300, 1150, 950, 700, 560],
};

/** Weekday level in permille, Monday first. */
const WEEK: Record<LoadProfile, number[]> = {
  RES: [960, 960, 960, 960, 990, 1080, 1090],
  RES_SOLAR: [960, 960, 960, 960, 990, 1080, 1090],
  COM: [1150, 1150, 1150, 1150, 1120, 640, 640],
  IND: [1050, 1050, 1050, 1050, 1050, 880, 870],
  AGR: [1000, 1000, 1000, 1000, 1000, 1000, 1000],
  PLANT: [1000, 1000, 1000, 1000, 1000, 1000, 1000],
  GAS_RES: [990, 990, 990, 990, 990, 1025, 1025],
  GAS_COM: [1100, 1100, 1100, 1100, 1100, 750, 750],
  WATER_RES: [970, 970, 970, 970, 990, 1060, 1070],
  WATER_COM: [1150, 1150, 1150, 1150, 1100, 650, 650],
};

/** Hourly load shapes (relative weights, local clock hours 0..23): weekday, weekend. */
const SHAPE: Record<LoadProfile | 'SOLAR', [number[], number[]]> = {
  RES: [
    [35, 30, 28, 27, 28, 35, 55, 75, 65, 50, 45, 45, 47, 47, 50, 58, 75, 100, 120, 118, 100, 80, 60, 45],
    [40, 34, 30, 28, 28, 30, 38, 52, 68, 75, 72, 68, 66, 64, 64, 68, 80, 100, 115, 112, 98, 80, 62, 48],
  ],
  RES_SOLAR: [
    [35, 30, 28, 27, 28, 35, 50, 55, 35, 18, 12, 10, 10, 12, 18, 35, 65, 100, 120, 118, 100, 80, 60, 45],
    [40, 34, 30, 28, 28, 30, 36, 42, 35, 22, 15, 12, 12, 14, 20, 38, 70, 100, 115, 112, 98, 80, 62, 48],
  ],
  COM: [
    [30, 28, 28, 28, 30, 40, 70, 100, 115, 120, 122, 124, 124, 124, 122, 118, 110, 95, 70, 55, 45, 38, 34, 31],
    [30, 28, 28, 28, 28, 30, 35, 45, 55, 60, 62, 62, 62, 60, 58, 55, 50, 45, 40, 36, 34, 32, 31, 30],
  ],
  IND: [
    [80, 80, 80, 80, 82, 88, 100, 110, 112, 112, 112, 112, 110, 112, 112, 112, 110, 104, 96, 90, 86, 84, 82, 80],
    [78, 78, 78, 78, 78, 80, 82, 84, 86, 86, 86, 86, 86, 86, 86, 86, 84, 82, 80, 80, 79, 78, 78, 78],
  ],
  AGR: [
    [60, 60, 60, 60, 70, 90, 110, 120, 120, 120, 115, 110, 100, 100, 100, 100, 100, 100, 90, 80, 70, 65, 62, 60],
    [60, 60, 60, 60, 70, 90, 110, 120, 120, 120, 115, 110, 100, 100, 100, 100, 100, 100, 90, 80, 70, 65, 62, 60],
  ],
  PLANT: [
    [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
    [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
  ],
  GAS_RES: [[1], [1]],
  GAS_COM: [[1], [1]],
  WATER_RES: [
    [4, 3, 2, 2, 3, 10, 45, 70, 60, 35, 25, 22, 22, 20, 20, 24, 35, 50, 60, 55, 42, 28, 15, 7],
    [5, 3, 2, 2, 2, 5, 20, 45, 65, 70, 55, 40, 30, 25, 24, 26, 34, 48, 55, 52, 40, 28, 16, 8],
  ],
  WATER_COM: [
    [5, 5, 5, 5, 6, 15, 50, 80, 90, 90, 90, 90, 90, 90, 90, 85, 70, 45, 25, 15, 10, 8, 6, 5],
    [5, 5, 5, 5, 5, 8, 15, 25, 30, 30, 30, 30, 30, 30, 28, 25, 20, 15, 12, 10, 8, 6, 5, 5],
  ],
  SOLAR: [
    [0, 0, 0, 0, 0, 0, 1, 8, 25, 50, 75, 92, 100, 98, 88, 70, 45, 20, 5, 1, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 1, 8, 25, 50, 75, 92, 100, 98, 88, 70, 45, 20, 5, 1, 0, 0, 0, 0],
  ],
};

const CHANNEL_SALT: Record<Channel, number> = { forward: 1, reverse: 2 };

function seasonPermille(profile: LoadProfile | 'SOLAR', info: LocalDay): number {
  // Linear interpolation between mid-month levels, integer arithmetic.
  const table = SEASON[profile];
  const m = info.month - 1;
  const dom = Number(info.date.slice(8, 10));
  const here = table[m];
  const next = dom >= 15 ? table[(m + 1) % 12] : table[(m + 11) % 12];
  const distance = Math.abs(dom - 15);
  return here + Math.trunc(((next - here) * distance) / 30);
}

/** The integer total of one local day on one channel. */
export function dailyTotal(load: MeterLoad, channel: Channel, info: LocalDay): number {
  if (channel === 'reverse') {
    if (!load.solar) return 0;
    let v = Math.floor((load.solar * seasonPermille('SOLAR', info)) / 1000);
    v = Math.floor((v * (200 + (mix(load.seed, info.day, 7) % 1001))) / 1000);
    return Math.floor((v * info.seconds) / 86400);
  }
  let v = Math.floor((load.daily * seasonPermille(load.profile, info)) / 1000);
  v = Math.floor((v * WEEK[load.profile][info.weekday - 1]) / 1000);
  v = Math.floor((v * (700 + (mix(load.seed, info.day, CHANNEL_SALT[channel]) % 601))) / 1000);
  return Math.floor((v * info.seconds) / 86400);
}

/** Whether a meter-day's reads were estimated (a communication gap filled by the head-end). */
export function isEstimated(load: MeterLoad, day: number): boolean {
  return mix(load.seed, day, 99) % 1000 < 8;
}

/**
 * Splits `total` over `weights` exactly: floor shares, then the leftover units one each to the
 * largest remainders (ties to the earlier slot).
 */
export function allocate(total: number, weights: ArrayLike<number>): Int32Array {
  const n = weights.length;
  if (total > 0x7fffffff) throw new RangeError(`daily total ${total} exceeds the 32-bit reading range`);
  const out = new Int32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  if (sum === 0 || total === 0) return out;
  // Sort keys remainder·256 + (255 − slot): native numeric sort, largest remainder first from the
  // end, ties to the earlier slot (n ≤ 100 slots; keys stay exact in a double).
  const keys = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const product = total * weights[i];
    const share = Math.floor(product / sum);
    out[i] = share;
    keys[i] = (product - share * sum) * 256 + (255 - i);
    given += share;
  }
  const left = total - given;
  if (left > 0) {
    keys.sort();
    for (let k = 0; k < left; k++) out[255 - (keys[n - 1 - k] % 256)] += 1;
  }
  return out;
}

/** The readings of one meter-day on one channel, in slot order (length = local day seconds / slot). */
export function dayReadings(calendar: Calendar, load: MeterLoad, channel: Channel, day: number): Int32Array {
  const info = calendar.localDay(day);
  const total = dailyTotal(load, channel, info);
  if (load.slotSeconds >= 86400) return Int32Array.of(total);
  const hours = calendar.slotHoursOf(day, load.slotSeconds);
  const weekend = info.weekday >= 6 ? 1 : 0;
  const shape = SHAPE[channel === 'reverse' ? 'SOLAR' : load.profile][weekend];
  const weights = new Uint32Array(hours.length);
  const salt = CHANNEL_SALT[channel] + 10;
  for (let i = 0; i < hours.length; i++) {
    weights[i] = shape[hours[i]] * (800 + (mix(load.seed, day, i, salt) % 401));
  }
  return allocate(total, weights);
}

/** Sum of daily totals over local days [fromDay, toDay] inclusive. */
export function periodTotal(calendar: Calendar, load: MeterLoad, channel: Channel, fromDay: number, toDay: number): number {
  let sum = 0;
  for (let d = fromDay; d <= toDay; d++) sum += dailyTotal(load, channel, calendar.localDay(d));
  return sum;
}
