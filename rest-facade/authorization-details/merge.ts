import { isDeepStrictEqual } from 'node:util';
import type { AuthorizationDetailsField, ScopeDescription } from '../scopes/schema';
import type { AuthorizationDetailsEntry } from './entry';
import { invalidDetails } from './errors';
import { isPreselection } from './fields';

/**
 * `merge_selection_with` (cds-wg3-01 §7.4.2): scopes that share one Selection on the authorization
 * form. Each reference must name another requested scope whose entry can share the Selection.
 */

/** What decides how a submitted preselection value is validated; names and wording may differ. */
function validationShape(field: AuthorizationDetailsField) {
  return {
    format: field.format, is_required: field.is_required, default: field.default ?? null,
    minimum: field.minimum ?? null, maximum: field.maximum ?? null, choices: (field.choices ?? []).map((c) => c.id),
  };
}

function preselectionFields(sd: ScopeDescription, type: string): Map<string, AuthorizationDetailsField> {
  return new Map(sd.authorization_details_fields_supported
    .filter((f) => f.for_types.includes(type) && isPreselection(f.id))
    .map((f) => [f.id, f]));
}

const valueOf = (entry: AuthorizationDetailsEntry, id: string) => entry.values[id] ?? null;

function checkPartner(
  entry: AuthorizationDetailsEntry, partner: AuthorizationDetailsEntry, descriptions: Map<string, ScopeDescription>,
): void {
  const where = `scope "${entry.scope}" merge_selection_with "${partner.scope}"`;
  if (typeof partner.values.merge_selection_with !== 'string') {
    throw invalidDetails(`${where}: "${partner.scope}" must also set merge_selection_with`);
  }
  const selection = valueOf(entry, 'authorization_form_selection_type');
  if (selection === null || selection !== valueOf(partner, 'authorization_form_selection_type')) {
    throw invalidDetails(`${where}: both scopes must use the same authorization_form_selection_type`);
  }
  for (const id of ['purpose', 'allow_scope_modifications']) {
    if (!isDeepStrictEqual(valueOf(entry, id), valueOf(partner, id))) throw invalidDetails(`${where}: both scopes must have the same ${id}`);
  }
  const mine = preselectionFields(descriptions.get(entry.scope)!, entry.type);
  const theirs = preselectionFields(descriptions.get(partner.scope)!, partner.type);
  for (const [id, field] of mine) {
    const other = theirs.get(id);
    if (!other) {
      if (valueOf(entry, id) !== null) throw invalidDetails(`${where}: ${id} must be null, "${partner.scope}" has no such preselection`);
      continue;
    }
    if (!isDeepStrictEqual(validationShape(field), validationShape(other))) {
      throw invalidDetails(`${where}: the two scopes describe the preselection field ${id} differently`);
    }
    // One Selection has one set of preselections: the values must agree too.
    if (!isDeepStrictEqual(valueOf(entry, id), valueOf(partner, id))) {
      throw invalidDetails(`${where}: both scopes must request the same ${id}`);
    }
  }
  for (const id of theirs.keys()) {
    if (!mine.has(id) && valueOf(partner, id) !== null) {
      throw invalidDetails(`${where}: ${id} of "${partner.scope}" must be null, "${entry.scope}" has no such preselection`);
    }
  }
}

/** Validates every reference and returns the groups of merged scopes (connected references). */
export function mergeGroups(
  scopes: string[], entries: AuthorizationDetailsEntry[], descriptions: Map<string, ScopeDescription>,
): string[][] {
  const byScope = new Map(entries.map((e) => [e.scope, e]));
  const parent = new Map(scopes.map((s) => [s, s]));
  const root = (s: string): string => (parent.get(s) === s ? s : root(parent.get(s)!));
  for (const entry of entries) {
    const target = entry.values.merge_selection_with;
    if (typeof target !== 'string') continue;
    // "another individual scope" of the request; with several matches the first one wins.
    const match = scopes.find((s) => s === target && s !== entry.scope);
    const partner = match ? byScope.get(match) : undefined;
    if (!partner) throw invalidDetails(`scope "${entry.scope}": merge_selection_with "${target}" names no other scope of this request`);
    checkPartner(entry, partner, descriptions);
    parent.set(root(entry.scope), root(partner.scope));
  }
  const groups = new Map<string, string[]>();
  for (const s of scopes) groups.set(root(s), [...(groups.get(root(s)) ?? []), s]);
  return [...groups.values()].filter((g) => g.length > 1);
}
