import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Duration } from 'luxon';
import { rangeStatement, spokenLength, untilStatement, validityStatement } from './durations';

const zone = 'America/Los_Angeles';
const now = DateTime.fromISO('2026-05-10T09:30:00', { zone });

describe('customer-friendly durations (§9.2.2.2)', () => {
  it('never shows ISO durations or field names', () => {
    const all = [
      untilStatement('Your service details', 'P3Y', now), untilStatement('Your service details', 'P1Y6M', now),
      rangeStatement('usage data', 'P13M', 'P1Y', now), validityStatement('P30DT2H', now),
    ].join(' ');
    expect(all).not.toMatch(/\bP\d|PT\d|sync_until|segment_|statement_date|infinite/);
  });

  it('says "until you revoke" for infinite and "as they are today" for a zero duration', () => {
    expect(untilStatement('Your account details', 'infinite', now)).toBe('Your account details: kept up to date until you revoke access.');
    expect(untilStatement('Your account details', 'PT0S', now)).toMatch(/only as they are today/);
    expect(untilStatement('Your account details', 'P0D', now)).toMatch(/only as they are today/);
    expect(untilStatement('Your account details', 'P3Y', now)).toBe('Your account details: kept up to date for 3 years after you approve.');
    expect(untilStatement('Your account details', '2027-01-31', now)).toBe('Your account details: kept up to date until January 31, 2027.');
  });

  it('describes bill, bill-section and usage ranges with the history / future wordings', () => {
    expect(rangeStatement('bills', 'infinite', 'infinite', now)).toBe('All your past bills, and new bills until you revoke access.');
    expect(rangeStatement('bills', 'P2Y', 'infinite', now)).toBe('Your bills from the past 2 years, and new bills until you revoke access.');
    expect(rangeStatement('bills', 'PT0S', 'infinite', now)).toBe('New bills only (none from the past), until you revoke access.');
    expect(rangeStatement('bills', '2026-06-01', 'P1Y', now)).toBe('New bills only (none from the past), for the next 1 year.');
    expect(rangeStatement('usage data', 'P1Y', 'PT0S', now)).toBe('Your usage data from the past 1 year — past usage data only, nothing new after you approve.');
    expect(rangeStatement('bill charges', '2024-01-01', '2026-12-31', now))
      .toBe('Your bill charges from January 1, 2024, and new bill charges until December 31, 2026.');
  });

  it('words validity for aggregation consent', () => {
    expect(validityStatement('infinite', now)).toMatch(/until you revoke it/);
    expect(validityStatement('PT0S', now)).toMatch(/this request only/);
  });

  it('spells lengths in words and rejects nonsense', () => {
    expect(spokenLength(Duration.fromObject({ years: 1, months: 6, days: 2 }))).toBe('1 year, 6 months and 2 days');
    expect(untilStatement('x', 'P', now)).toBeNull();
    expect(untilStatement('x', 'yesterday', now)).toBeNull();
    expect(untilStatement('x', 42, now)).toBeNull();
    expect(untilStatement('x', 'garbage', now)).toBeNull();
  });
});
