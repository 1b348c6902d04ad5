import type { Choice } from '../scopes/schema';
import type { PurposeMap } from './purpose';

/**
 * The `choices` of a scope's `purpose` field (cds-wg3-01 §7.4.4): the Client's Purposes whose
 * `scopes_supported` lists the scope; in public metadata, the Server's default Purposes, each
 * documented where their default text is published.
 */
export function purposeChoices(purposes: PurposeMap, scopeId: string, documentation: (purposeId: string) => string): Choice[] {
  return Object.values(purposes)
    .filter((p) => p.scopes_supported.includes(scopeId))
    .map((p) => ({ id: p.id, name: p.name, description: p.content, documentation: documentation(p.id) }));
}
