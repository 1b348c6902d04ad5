import { describe, expect, it } from 'vitest';
import { echoed, resolveDurations } from '../../rest-facade/authorization-details';
import type { AuthorizationDetailsField, ScopeDescription } from '../../rest-facade/scopes/schema';
import { DESCRIPTIONS, flowOf, publicJwk, TIMEZONE, validate } from './fixtures';

/**
 * Every scope × every field it lists, against cds-wg3-01 §6/§7 and cds-wg1-02 §3.8/§3.9: a valid
 * value is accepted and echoed (or held back, for consent-scope preselections); an omitted field
 * takes its default, which is echoed; a value of the wrong shape is rejected with
 * `invalid_authorization_details` naming the field.
 */

const NOW = new Date('2025-06-15T18:30:00Z');

/** §7.1 preselection fields, as listed in the spec. */
const PRESELECTIONS = new Set([
  'account_numbers', 'account_programs', 'contract_numbers', 'service_types', 'service_programs', 'servicepoint_numbers',
  'servicepoint_types', 'premise_numbers', 'meter_numbers', 'meter_types', 'meter_apps', 'aggregation_numbers', 'addresses',
]);
/** Preselections a consent scope keeps in its echo: §6.1.2, §6.1.3 and the §4.11 sub-Grants of §6.1.10. */
const KEPT: Record<string, string[]> = {
  cds_account_programs: ['account_programs'],
  cds_service_programs: ['service_programs'],
  cds_aggregation_consent: ['aggregation_numbers', 'premise_numbers'],
};
/** §6.1.2, §6.1.3, §6.1.10, §4.11: values a request must give in any case. */
const BASE: Record<string, Record<string, unknown>> = {
  cds_account_programs: { account_programs: ['CARE'] },
  cds_service_programs: { service_programs: ['SMARTDAYS'] },
  cds_aggregation_consent: { aggregation_numbers: ['BLDG-1'], premise_numbers: ['PR-1'] },
  cds_query_aggregated_usage: { aggregation_numbers: ['BLDG-1'] },
};
/** §6.1.10 fixes these values. */
const FIXED: Record<string, Record<string, unknown>> = {
  cds_aggregation_consent: { error_if_no_preselections: true, allow_scope_modifications: false },
};

const consent = (d: ScopeDescription) => d.response_types_supported.length > 0;

function echoExpected(d: ScopeDescription, fieldId: string): boolean {
  return !(consent(d) && PRESELECTIONS.has(fieldId) && !(KEPT[d.type] ?? []).includes(fieldId));
}

/** A value of the field's format different from its default, and one of the wrong shape. */
function samples(d: ScopeDescription, f: AuthorizationDetailsField): { valid: unknown; invalid: unknown[] } {
  const fixed = FIXED[d.type]?.[f.id];
  const choiceIds = (f.choices ?? []).map((c) => c.id);
  switch (f.format) {
    case 'boolean':
      return {
        valid: fixed ?? (f.id === 'error_if_no_preselections' && !consent(d) ? false : f.default !== true),
        invalid: ['true', 1, null],
      };
    case 'string_list_or_null':
      return { valid: [`${f.id.toUpperCase()}-1`], invalid: ['A-1', [], [1], {}] };
    case 'choice_list_or_null':
      return { valid: [choiceIds.at(-1)], invalid: ['x', ['__nope__'], []] };
    case 'choice':
      return { valid: choiceIds.at(-1), invalid: ['__nope__', null, 3] };
    case 'choice_or_null':
      return { valid: choiceIds[0] ?? null, invalid: ['__nope__', ['default-01']] };
    case 'string_or_null':
      return { valid: null, invalid: [5, ['x']] };
    case 'relative_or_absolute_date':
      return { valid: 'P10D', invalid: ['PT10H', 'P1D2Y', '2025-02-30', '2025-06-15T00:00:00Z', 7] };
    case 'relative_or_absolute_datetime':
      return { valid: 'P10DT2H', invalid: ['P1Q', '2025-06-15', '2025-06-15T00:00:00', 'forever', 7] };
    case 'jwk_or_null':
      return { valid: publicJwk(), invalid: [{ kty: 'oct', k: 'c2VjcmV0' }, 'key', [1]] };
    default:
      throw new Error(`no samples for ${f.format}`);
  }
}

const ABSOLUTE_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ABSOLUTE_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function run(d: ScopeDescription, entry: Record<string, unknown>) {
  return validate({ scope: d.id, details: [{ type: d.authorization_details_types_supported[0], ...BASE[d.id], ...entry }], flow: flowOf(d), now: NOW });
}

function grantedEcho(d: ScopeDescription, entry: Record<string, unknown>): Record<string, unknown> {
  const result = run(d, entry);
  if (!result.ok) throw new Error(`${result.error}: ${result.error_description}`);
  const [echo] = echoed(resolveDurations(result.entries, { now: NOW, timezone: TIMEZONE }));
  return echo;
}

const rows = DESCRIPTIONS.flatMap((d) => d.authorization_details_fields_supported
  .filter((f) => f.for_types.includes(d.authorization_details_types_supported[0]))
  .map((f) => [d.id, f.id, d, f] as const));

describe('accepted', () => {
  it.each(rows)('%s %s', (_s, id, d, f) => {
    const { valid } = samples(d, f);
    const echo = grantedEcho(d, { [id]: valid });
    if (!echoExpected(d, id)) {
      expect(echo).not.toHaveProperty(id);
      return;
    }
    if (f.format === 'relative_or_absolute_date') expect(echo[id]).toMatch(ABSOLUTE_DATE);
    else if (f.format === 'relative_or_absolute_datetime') expect(echo[id]).toMatch(ABSOLUTE_DATETIME);
    else expect(echo[id]).toEqual(valid);
  });
});

describe('defaulted', () => {
  it.each(rows)('%s %s', (_s, id, d, f) => {
    if (f.is_required) {
      const base = { ...BASE[d.id] };
      delete base[id];
      const result = validate({ scope: d.id, details: [{ type: d.authorization_details_types_supported[0], ...base }], flow: flowOf(d), now: NOW });
      expect(result).toMatchObject({ ok: false, error: 'invalid_authorization_details' });
      if (!result.ok) expect(result.error_description).toContain(id);
      return;
    }
    const base = { ...BASE[d.id] };
    delete base[id];
    const result = validate({ scope: d.id, details: [{ type: d.authorization_details_types_supported[0], ...base }], flow: flowOf(d), now: NOW });
    if (!result.ok) {
      // Only the fields a scope refuses as null have defaults a request cannot rely on.
      expect(Object.keys(BASE[d.id] ?? {})).toContain(id);
      return;
    }
    const [entry] = result.entries;
    expect(entry.values[id]).toEqual(f.default);
    expect(entry.defaulted).toContain(id);
    const [echo] = echoed(resolveDurations(result.entries, { now: NOW, timezone: TIMEZONE }));
    if (!echoExpected(d, id)) expect(echo).not.toHaveProperty(id);
    else if (f.default === 'infinite' || !String(f.format).startsWith('relative')) expect(echo[id]).toEqual(f.default);
    else expect(echo[id]).toMatch(f.format === 'relative_or_absolute_date' ? ABSOLUTE_DATE : ABSOLUTE_DATETIME);
  });
});

describe('rejected', () => {
  const cases = rows.flatMap(([s, id, d, f]) => samples(d, f).invalid.map((bad) => [s, id, JSON.stringify(bad), d, bad] as const));
  it.each(cases)('%s %s = %s', (_s, id, _bad, d, bad) => {
    const result = run(d, { [id]: bad });
    expect(result).toMatchObject({ ok: false, error: 'invalid_authorization_details' });
    if (!result.ok) expect(result.error_description).toContain(id);
  });
});

describe('every scope', () => {
  const scopes = DESCRIPTIONS.map((d) => [d.id, d] as const);

  it.each(scopes)('%s refuses an unknown field', (_s, d) => {
    const result = run(d, { exampleutility_color: 'red' });
    expect(result).toMatchObject({ ok: false, error: 'invalid_authorization_details' });
    if (!result.ok) expect(result.error_description).toMatch(/exampleutility_color.*not supported/);
  });

  it.each(scopes)('%s refuses the other flow with invalid_scope', (_s, d) => {
    const other = flowOf(d) === 'authorization_code' ? 'client_credentials' : 'authorization_code';
    expect(validate({ scope: d.id, flow: other, now: NOW })).toMatchObject({ ok: false, error: 'invalid_scope' });
  });

  it.each(scopes.filter(([id]) => !BASE[id]))('%s works from a plain scope, every field at its default', (_s, d) => {
    const result = validate({ scope: d.id, now: NOW });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.entries[0].defaulted.length).toBe(Object.keys(result.entries[0].values).length);
  });
});
