import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Calendar, dayNumber } from './calendar';
import { allocate, dailyTotal, dayReadings, periodTotal, type MeterLoad } from './usage';

const calendar = new Calendar('America/Los_Angeles');
const load = (profile: MeterLoad['profile'], slotSeconds: number, solar = 0): MeterLoad => ({ profile, seed: 12345, daily: 21000, solar, slotSeconds });

describe('allocate', () => {
  it('splits a total exactly over any weights, never negative, proportional within one unit', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 300_000_000 }),
      fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 100 }).filter((w) => w.some((x) => x > 0)),
      (total, weights) => {
        const out = allocate(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        expect(out.reduce((a, b) => a + b, 0)).toBe(total);
        out.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(Math.abs(v - (total * weights[i]) / sum)).toBeLessThan(1);
          if (weights[i] === 0) expect(v).toBe(0);
        });
      },
    ));
  });
});

describe('interval data', () => {
  it('has 96 fifteen-minute readings on ordinary days, 92 and 100 on the DST days, summing to the daily total', () => {
    const meter = load('RES', 900);
    for (const [date, count] of [['2025-06-10', 96], ['2025-03-09', 92], ['2025-11-02', 100]] as const) {
      const day = dayNumber(date);
      const readings = dayReadings(calendar, meter, 'forward', day);
      expect(readings.length).toBe(count);
      expect(readings.reduce((a, b) => a + b, 0)).toBe(dailyTotal(meter, 'forward', calendar.localDay(day)));
    }
  });

  it('follows local clock hours: the solar channel is zero at night, also across DST days', () => {
    const meter = load('RES_SOLAR', 900, 15000);
    for (const date of ['2025-03-09', '2025-07-01', '2025-11-02']) {
      const day = dayNumber(date);
      const hours = calendar.slotHoursOf(day, 900);
      const readings = dayReadings(calendar, meter, 'reverse', day);
      readings.forEach((v, i) => { if (hours[i] < 6 || hours[i] >= 20) expect(v).toBe(0); });
      expect(readings.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
  });

  it('sums any period from daily totals, equal to the sum of its intervals', () => {
    const meter = load('COM', 900);
    const from = dayNumber('2025-10-20');
    const to = dayNumber('2025-11-10');
    let intervals = 0;
    for (let d = from; d <= to; d++) intervals += dayReadings(calendar, meter, 'forward', d).reduce((a, b) => a + b, 0);
    expect(periodTotal(calendar, meter, 'forward', from, to)).toBe(intervals);
  });

  it('is deterministic per meter seed and differs between seeds', () => {
    const day = dayNumber('2025-08-01');
    const a = Array.from(dayReadings(calendar, load('RES', 900), 'forward', day));
    expect(Array.from(dayReadings(calendar, load('RES', 900), 'forward', day))).toEqual(a);
    expect(Array.from(dayReadings(calendar, { ...load('RES', 900), seed: 54321 }, 'forward', day))).not.toEqual(a);
  });

  it('gives hourly water reads (23/24/25 per day) and one gas read per day', () => {
    expect(dayReadings(calendar, load('WATER_RES', 3600), 'forward', dayNumber('2025-03-09')).length).toBe(23);
    expect(dayReadings(calendar, load('WATER_RES', 3600), 'forward', dayNumber('2025-11-02')).length).toBe(25);
    expect(dayReadings(calendar, load('GAS_RES', 86400), 'forward', dayNumber('2025-11-02')).length).toBe(1);
  });
});
