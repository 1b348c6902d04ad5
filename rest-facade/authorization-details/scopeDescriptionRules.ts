import { ADF_FORMATS, scopeDescriptionSchema, type AuthorizationDetailsField, type ScopeDescription } from '../scopes/schema';
import { parseDurationValue, type DurationFormat } from './durations';
import { durationField, fieldSpec } from './fields';
import { valueProblem } from './fieldValue';

/**
 * The cross-field rules of cds-wg1-02 §3.4 (Scope Description), §3.8 (Authorization Details Field)
 * and §3.10 (Choice) that a zod shape cannot express. The engine relies on them (a field's `default`
 * must itself be a valid value), so every Scope Description this Server publishes passes them.
 */

const NEEDS_BOUNDS = new Set([
  'int', 'decimal', 'string', 'string_or_null', 'string_list', 'string_list_or_null',
  'relative_or_absolute_date', 'relative_or_absolute_datetime',
]);
const CHOICE_FORMATS = new Set(['choice', 'choice_or_null', 'choice_list', 'choice_list_or_null']);

function boundProblem(field: AuthorizationDetailsField, name: 'maximum' | 'minimum'): string | null {
  const bound = field[name];
  switch (field.format) {
    case 'int':
      return Number.isSafeInteger(bound) || bound === 'infinite' ? null : `${name} must be an integer or "infinite"`;
    case 'decimal':
      return (typeof bound === 'number' && Number.isFinite(bound)) || bound === 'infinite' ? null : `${name} must be a decimal or "infinite"`;
    case 'relative_or_absolute_date':
    case 'relative_or_absolute_datetime':
      return typeof parseDurationValue(bound, field.format as DurationFormat) === 'string' ? `${name} is not a ${field.format}` : null;
    default:
      return Number.isSafeInteger(bound) && (bound as number) >= 0 ? null : `${name} must be a non-negative integer (a length)`;
  }
}

function fieldProblems(field: AuthorizationDetailsField, types: Set<string>, now: Date): string[] {
  const problems: string[] = [];
  const at = (p: string) => problems.push(`field ${field.id}: ${p}`);
  if (!(ADF_FORMATS as readonly string[]).includes(field.format)) at(`unknown format ${JSON.stringify(field.format)}`);
  const stray = field.for_types.filter((t) => !types.has(t));
  if (stray.length) at(`for_types ${stray.join(', ')} not in authorization_details_types_supported`);
  if (NEEDS_BOUNDS.has(field.format) && field.maximum === undefined) at(`maximum is REQUIRED for format ${field.format}`);
  if ((field.maximum === undefined) !== (field.minimum === undefined)) at('minimum is REQUIRED exactly when maximum is present');
  if (field.maximum !== undefined) {
    for (const name of ['maximum', 'minimum'] as const) {
      const p = boundProblem(field, name);
      if (p) at(p);
    }
  }
  if (CHOICE_FORMATS.has(field.format)) {
    if (!field.choices) at(`choices are REQUIRED for format ${field.format}`);
    else {
      if ((field.format === 'choice' || field.format === 'choice_list') && field.choices.length === 0) at('choices must not be empty');
      const ids = field.choices.map((c) => c.id);
      if (new Set(ids).size !== ids.length) at('choice ids must be unique');
    }
  }
  if (field.is_required && field.default !== undefined) at('a required field has no default');
  if (field.default !== undefined) {
    const spec = fieldSpec(field.id);
    const p = valueProblem(field, field.default, {
      moment: { now, timezone: 'UTC' },
      direction: durationField(field.id)?.direction,
      specials: spec?.kind === 'preselection' ? spec.specials : [],
    });
    if (p) at(`default ${p}`);
  }
  return problems;
}

/** Every rule the Scope Description breaks; empty when it is well-formed. */
export function scopeDescriptionProblems(description: unknown, now = new Date()): string[] {
  const parsed = scopeDescriptionSchema.safeParse(description);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const sd: ScopeDescription = parsed.data;
  const problems: string[] = [];
  // A1: Server-Provided Files scopes are the one mandated exception to "at least one grant type".
  if (sd.grant_types_supported.length === 0 && sd.type !== 'cds_server_provided_files') {
    problems.push('grant_types_supported must contain at least one grant type');
  }
  if (sd.grant_types_supported.includes('authorization_code')) {
    if (!sd.code_challenge_methods_supported.includes('S256')) problems.push('code_challenge_methods_supported must offer S256');
    if (sd.code_challenge_methods_supported.includes('plain')) problems.push('code_challenge_methods_supported must not offer plain');
  } else if (sd.code_challenge_methods_supported.length) {
    problems.push('code_challenge_methods_supported must be [] without authorization_code');
  }
  const types = new Set(sd.authorization_details_types_supported);
  if (types.size !== sd.authorization_details_types_supported.length) problems.push('authorization_details_types_supported has duplicates');
  const seen = new Set<string>();
  for (const field of sd.authorization_details_fields_supported) {
    for (const type of field.for_types) {
      const key = `${type} ${field.id}`;
      if (seen.has(key)) problems.push(`field ${field.id} is described twice for type ${type}`);
      seen.add(key);
    }
    problems.push(...fieldProblems(field, types, now));
  }
  return problems;
}
