import { describe, expect, it } from 'vitest';
import { echoed, parseDurationValue } from '../../rest-facade/authorization-details';
import { customerDataScopes } from '../../rest-facade/scopes/customer-data';
import { demoConfig, grant, validate } from './fixtures';

/**
 * Relative duration values become absolute at the moment of submission, in `cds_timezone`
 * (America/Los_Angeles here): cds-wg3-01 §7.3 (start fields subtract, the others add) and
 * cds-wg1-02 §2/§3.9. Daylight saving changes of 2025: 9 March 02:00 PST → 03:00 PDT,
 * 2 November 02:00 PDT → 01:00 PST. Calendar units keep the local wall-clock time; hours are exact.
 */

function resolved(scope: string, fields: Record<string, unknown>, now: string): Record<string, unknown> {
  return echoed(grant({ scope, details: [{ type: scope, ...fields }], now: new Date(now) }))[0];
}

describe('datetimes across daylight saving changes', () => {
  it.each([
    // [field, value, now (UTC), expected (UTC), why]
    ['segment_end', 'P1D', '2025-03-08T18:00:00Z', '2025-03-09T17:00:00Z', '10:00 PST + 1 day = 10:00 PDT (23 hours later)'],
    ['segment_end', 'PT24H', '2025-03-08T18:00:00Z', '2025-03-09T18:00:00Z', '24 hours are 24 hours: 11:00 PDT'],
    ['segment_end', 'P1D', '2025-11-01T17:00:00Z', '2025-11-02T18:00:00Z', '10:00 PDT + 1 day = 10:00 PST (25 hours later)'],
    ['segment_end', 'PT24H', '2025-11-01T17:00:00Z', '2025-11-02T17:00:00Z', '24 hours later is 09:00 PST'],
    ['sync_until', 'P1M', '2025-02-09T18:00:00Z', '2025-03-09T17:00:00Z', '10:00 PST + 1 month = 10:00 PDT'],
    ['sync_until', 'P1M', '2025-10-02T17:00:00Z', '2025-11-02T18:00:00Z', '10:00 PDT + 1 month = 10:00 PST'],
    ['segment_start', 'P1D', '2025-03-10T17:00:00Z', '2025-03-09T17:00:00Z', '10:00 PDT − 1 day = 10:00 PDT on the change day'],
    ['segment_start', 'P2D', '2025-03-10T17:00:00Z', '2025-03-08T18:00:00Z', '10:00 PDT − 2 days = 10:00 PST'],
    ['segment_start', 'PT48H', '2025-03-10T17:00:00Z', '2025-03-08T17:00:00Z', '48 hours back is 09:00 PST'],
    ['segment_start', 'P1M', '2025-11-15T20:00:00Z', '2025-10-15T19:00:00Z', '12:00 PST − 1 month = 12:00 PDT'],
    ['segment_start', 'P13M', '2022-01-01T00:00:00Z', '2020-12-01T00:00:00Z', 'the §13.3.3 example'],
    ['segment_end', 'PT0S', '2025-06-15T18:30:00Z', '2025-06-15T18:30:00Z', 'zero is now'],
    ['segment_end', 'P0S', '2025-06-15T18:30:00Z', '2025-06-15T18:30:00Z', 'cds-wg1-02 §2\'s own spelling of now'],
  ])('%s %s at %s → %s (%s)', (field, value, now, expected) => {
    expect(resolved('cds_usage', { [field]: value }, now)[field]).toBe(expected);
  });
});

describe('dates are local calendar dates', () => {
  it.each([
    // 2025-03-09T07:30Z is still 8 March 23:30 PST: "today" is the 8th, not the UTC 9th.
    ['cds_bill_statements', 'statement_date_end', 'P1D', '2025-03-09T07:30:00Z', '2025-03-09'],
    ['cds_bill_statements', 'statement_date_start', 'P1M', '2025-03-09T07:30:00Z', '2025-02-08'],
    // 2025-11-02T06:30Z is 1 November 23:30 PDT, before the change.
    ['cds_service_bills', 'end_date', 'P1D', '2025-11-02T06:30:00Z', '2025-11-02'],
    ['cds_service_bills', 'start_date', 'P1M', '2025-11-02T06:30:00Z', '2025-10-01'],
    ['cds_service_bills', 'start_date', 'P0D', '2025-11-02T06:30:00Z', '2025-11-01'],
    ['cds_bill_statements', 'statement_date_start', 'P1Y', '2024-02-29T20:00:00Z', '2023-02-28'],
    ['cds_bill_statements', 'statement_date_end', 'P1Y2D', '2025-06-15T18:30:00Z', '2026-06-17'],
    ['cds_bill_statements', 'statement_date_end', 'P2W', '2025-06-15T18:30:00Z', '2025-06-29'],
  ])('%s %s %s at %s → %s', (scope, field, value, now, expected) => {
    expect(resolved(scope, { [field]: value }, now)[field]).toBe(expected);
  });
});

describe('values that stay as they are', () => {
  it('keeps "infinite" and absolute values, and counts start fields back, end fields ahead', () => {
    const echo = resolved('cds_usage', { segment_start: 'infinite', segment_end: '2026-01-01T08:00:00-08:00', sync_until: 'infinite' }, '2025-06-15T18:30:00Z');
    expect(echo).toMatchObject({ segment_start: 'infinite', segment_end: '2026-01-01T08:00:00-08:00', sync_until: 'infinite' });
    const both = resolved('cds_service_bills', { start_date: 'P10D', end_date: 'P10D' }, '2025-06-15T18:30:00Z');
    expect(both).toMatchObject({ start_date: '2025-06-05', end_date: '2025-06-25' });
  });

  it('resolves the same request differently at a later approval (the moment of submission)', () => {
    const details = [{ type: 'cds_usage', segment_start: 'P1D' }];
    const first = echoed(grant({ scope: 'cds_usage', details, now: new Date('2025-06-15T18:30:00Z') }))[0];
    const later = echoed(grant({ scope: 'cds_usage', details, now: new Date('2025-06-16T18:30:00Z') }))[0];
    expect([first.segment_start, later.segment_start]).toEqual(['2025-06-14T18:30:00Z', '2025-06-15T18:30:00Z']);
  });
});

describe('formats', () => {
  it.each([
    ['relative_or_absolute_date', 'P1Y2M3D', true], ['relative_or_absolute_date', 'P3W', true], ['relative_or_absolute_date', 'P0D', true],
    ['relative_or_absolute_date', 'PT1H', false], ['relative_or_absolute_date', 'P1DT1H', false], ['relative_or_absolute_date', 'P0S', false],
    ['relative_or_absolute_date', 'P1W2D', false], ['relative_or_absolute_date', 'P1.5Y', false], ['relative_or_absolute_date', 'P', false],
    ['relative_or_absolute_date', '-P1D', false], ['relative_or_absolute_date', '2024-02-29', true], ['relative_or_absolute_date', '2023-02-29', false],
    ['relative_or_absolute_datetime', 'P30DT2H', true], ['relative_or_absolute_datetime', 'PT0S', true], ['relative_or_absolute_datetime', 'PT', false],
    ['relative_or_absolute_datetime', 'P1H', false], ['relative_or_absolute_datetime', '2025-01-01T00:00:00+05:30', true],
    ['relative_or_absolute_datetime', '2025-01-01T00:00:00', false], ['relative_or_absolute_datetime', '2025-01-01', false],
    ['relative_or_absolute_datetime', 'Infinite', false],
  ] as const)('%s %s → %s', (format, value, ok) => {
    expect(typeof parseDurationValue(value, format) !== 'string').toBe(ok);
  });
});

describe('minimum and maximum (cds-wg1-02 §3.8, A33)', () => {
  // The §13.1.1 example's limits: at most 13 months of history.
  const { descriptions } = customerDataScopes(demoConfig((c) => {
    c.scopes = [{ id: 'cds_usage', type: 'cds_usage', durations: { segment_start: { default: 'P13M', maximum: 'P13M', minimum: 'PT0S' } } }];
  }));
  const now = new Date('2025-06-15T18:30:00Z');
  const check = (value: string) => validate({ scope: 'cds_usage', details: [{ type: 'cds_usage', segment_start: value }], descriptions, now });

  it.each([
    ['P13M', true], ['P12M', true], ['PT0S', true], ['P14M', false], ['infinite', false],
    ['2024-05-15T18:30:00Z', true], ['2024-05-15T18:29:59Z', false], ['2025-06-15T18:31:00Z', false],
  ])('segment_start %s → %s', (value, ok) => {
    const result = check(value);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.error_description).toMatch(/segment_start is outside the allowed range from "PT0S" to "P13M"/);
  });

  it('accepts "infinite" where the bound on its side is infinite', () => {
    expect(validate({ scope: 'cds_usage', details: [{ type: 'cds_usage', segment_start: 'infinite' }], now }).ok).toBe(true);
    expect(validate({ scope: 'cds_usage', details: [{ type: 'cds_usage', sync_until: 'infinite' }], now }).ok).toBe(true);
  });
});
