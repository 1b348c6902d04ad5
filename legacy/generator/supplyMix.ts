import { hashString, mix } from './random';
import { allocate } from './usage';
import type { Utility } from './utility';

/**
 * The grid's hourly supply mix: the share of each generation source in the energy the utility
 * delivered that hour, in ten-thousandths that add up to exactly 1, and each source's lifecycle
 * carbon intensity. Deterministic per seed and hour: solar follows the sun and the season (less
 * on cloudy days), hydro the snowmelt, wind varies day to day and is stronger at night, gas
 * follows the evening peak; geothermal and nuclear run flat.
 */

export const SUPPLY_SOURCES = ['SOLAR', 'WIND', 'HYDRO', 'GEOTHERMAL', 'NUCLEAR', 'NATURAL_GAS'] as const;
export type SupplySource = (typeof SUPPLY_SOURCES)[number];

/** gCO2e/kWh, lifecycle medians (IPCC AR5 WG3 Annex III). */
export const CARBON_INTENSITY: Record<SupplySource, string> = {
  SOLAR: '41', WIND: '11', HYDRO: '24', GEOTHERMAL: '38', NUCLEAR: '12', NATURAL_GAS: '490',
};

/** Shares are whole ten-thousandths. */
export const SHARE_SCALE = 10_000;

const SUN = [0, 0, 0, 0, 0, 0, 2, 10, 28, 52, 74, 90, 98, 96, 86, 68, 44, 20, 5, 1, 0, 0, 0, 0];
const SUN_SEASON = [560, 700, 900, 1100, 1250, 1350, 1380, 1300, 1150, 950, 700, 560];
const SNOWMELT = [90, 100, 130, 170, 200, 180, 140, 110, 90, 80, 80, 90];
const EVENING = [30, 20, 10, 10, 10, 20, 40, 60, 50, 40, 30, 30, 30, 30, 40, 60, 100, 150, 170, 160, 120, 90, 60, 40];

/** Shares (ten-thousandths, in SUPPLY_SOURCES order) of the hour starting at `start` (epoch seconds). */
export function supplyMixAt(u: Utility, start: number): Int32Array {
  const day = u.calendar.dayAt(start);
  const info = u.calendar.localDay(day);
  const hour = u.calendar.slotHoursOf(day, 3600)[Math.floor((start - info.start) / 3600)] ?? 0;
  const seed = hashString(`${u.seed}/supply-mix`);
  const clouds = 550 + (mix(seed, day, 1) % 451);
  const wind = 40 + (mix(seed, day, 2) % 140) + (hour < 7 || hour >= 20 ? 40 : 0);
  const weights = [
    Math.floor((SUN[hour] * SUN_SEASON[info.month - 1] * clouds) / 250_000),
    wind,
    SNOWMELT[info.month - 1],
    45,
    90,
    120 + EVENING[hour] + (mix(seed, day, hour, 3) % 30),
  ];
  return allocate(SHARE_SCALE, weights);
}
