import { fieldSpec, isSelectionType } from '../../authorization-details/fields';
import { scopeDescriptionProblems } from '../../authorization-details/scopeDescriptionRules';
import type { ScopeDescription } from '../schema';
import { customerDataScopeType, listedFields } from './scopeTypes';
import { valueFormatSchema } from './valueFormats';

/**
 * Everything a Customer Data Scope Description breaks of cds-wg3-01 §5.2, §6 and §7 (on top of the
 * cds-wg1-02 rules): grant and response types, required/forbidden fields, field formats, the
 * Selection choices, fixed defaults, and `usagesegment_format` on exactly the right Choices.
 */
export function customerDataScopeProblems(sd: ScopeDescription, now = new Date()): string[] {
  const problems = scopeDescriptionProblems(sd, now);
  const scopeType = customerDataScopeType(sd.type);
  if (!scopeType) return [...problems, `type ${sd.type} is not a cds-wg3-01 scope`];
  const at = (p: string) => problems.push(`${sd.id} (§${scopeType.section}): ${p}`);
  if (scopeType.consent) {
    if (!sd.response_types_supported.includes('code')) at('response_types_supported must contain "code"');
    for (const g of ['authorization_code', 'refresh_token']) if (!sd.grant_types_supported.includes(g)) at(`grant_types_supported must contain ${g}`);
    if (sd.grant_types_supported.includes('client_credentials')) at('grant_types_supported must not contain client_credentials');
  } else {
    if (sd.response_types_supported.length) at('response_types_supported must be []');
    if (!sd.grant_types_supported.includes('client_credentials')) at('grant_types_supported must contain client_credentials');
  }
  const fields = new Map(sd.authorization_details_fields_supported.map((f) => [f.id, f]));
  const selectionField = fields.get('authorization_form_selection_type');
  const offered = (selectionField?.choices ?? []).map((c) => c.id).filter(isSelectionType);
  const listed = listedFields(scopeType, offered);
  for (const id of [...scopeType.required, ...offered.flatMap((s) => scopeType.perSelection?.[s] ?? [])]) {
    if (!fields.has(id)) at(`must list ${id}`);
  }
  for (const id of fields.keys()) {
    if (scopeType.forbidden.includes(id) && !listed.has(id)) at(`must not list ${id}`);
  }
  for (const field of fields.values()) {
    const spec = fieldSpec(field.id);
    if (spec && !spec.formats.includes(field.format)) at(`${field.id} must have format ${spec.formats.join(' or ')}`);
    if (scopeType.consent && field.is_required) at(`${field.id} must have is_required false`);
    if (scopeType.implied.includes(field.id) && field.id !== 'include_usage_segment_value_types' && field.default !== true) {
      at(`${field.id} is always true for this scope, so its default must be true`);
    }
    for (const c of field.choices ?? []) {
      const format = (c as { usagesegment_format?: unknown }).usagesegment_format;
      if (field.id !== 'include_usage_segment_value_types') {
        if (format !== undefined) at(`choice ${c.id} of ${field.id} must not carry usagesegment_format (§5.2)`);
        continue;
      }
      const parsed = valueFormatSchema.safeParse(format);
      if (!parsed.success) at(`choice ${c.id} of ${field.id} needs a valid usagesegment_format (§5.2)`);
      else if (parsed.data.id !== c.id) at(`choice ${c.id} of ${field.id} must have the id of its Value Format`);
    }
  }
  if (scopeType.consent && fields.has('jwk') && fields.get('jwk')!.default !== null) at('jwk must default to null (§7.4.6)');
  for (const [id, value] of Object.entries(scopeType.fixed)) {
    if (fields.has(id) && fields.get(id)!.default !== value) at(`${id} must default to ${JSON.stringify(value)}`);
  }
  if (scopeType.selections) {
    const { must, may, exactlyOne, anyOf } = scopeType.selections;
    if (!selectionField) at('must list authorization_form_selection_type');
    else {
      if (selectionField.is_required) at('authorization_form_selection_type must have is_required false');
      if (selectionField.default === undefined) at('authorization_form_selection_type needs a default (§7.4.1)');
      const allowed = new Set<string>([...must, ...may]);
      const ids = (selectionField.choices ?? []).map((c) => c.id);
      for (const id of ids) if (!(allowed as Set<string>).has(id)) at(`selection ${id} is not allowed`);
      for (const id of must) if (!ids.includes(id)) at(`selection ${id} must be offered`);
      if (exactlyOne && ids.length !== 1) at('exactly one selection must be offered');
      if (anyOf && ids.length === 0) at('at least one selection must be offered');
    }
  }
  return problems;
}
