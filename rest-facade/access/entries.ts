import { resolveDurations, type AuthorizationDetailsEntry, type ResolvedAuthorizationDetailsEntry } from '../authorization-details';
import type { GrantRecord } from '../grants';
import { scopeTokens } from '../grants';
import { customerDataScopeType } from '../scopes/customer-data';
import type { ScopeRegistry } from '../scopes';

/**
 * A Grant's enabled Customer Data access as the visibility functions take it: one entry per enabled
 * Customer Data scope, from `enabled_authorization_details` (what the Grant stores is the echoed,
 * absolute form, cds-wg3-01 §7.3). A field the stored entry lacks takes the Scope Description's
 * `default`, as it would have at the request (§7), counted from the Grant's creation.
 */
export function enabledEntries(grant: GrantRecord, scopes: ScopeRegistry, timezone: string): ResolvedAuthorizationDetailsEntry[] {
  const out: AuthorizationDetailsEntry[] = [];
  for (const id of scopeTokens(grant.enabled_scope)) {
    const sd = scopes.get(id);
    if (!sd || !customerDataScopeType(sd.type)) continue;
    const stored = grant.enabled_authorization_details.find((e) => sd.authorization_details_types_supported.includes(e.type));
    const type = stored?.type ?? sd.authorization_details_types_supported[0];
    if (type === undefined) continue;
    const values: Record<string, unknown> = {};
    const defaulted: string[] = [];
    for (const field of sd.authorization_details_fields_supported) {
      if (!field.for_types.includes(type)) continue;
      if (stored && Object.hasOwn(stored, field.id)) values[field.id] = stored[field.id];
      else if (field.default !== undefined) {
        values[field.id] = structuredClone(field.default);
        defaulted.push(field.id);
      }
    }
    out.push({
      type,
      scope: sd.id,
      scope_type: sd.type,
      consent: sd.response_types_supported.length > 0,
      customer_data: true,
      values,
      defaulted,
    });
  }
  return resolveDurations(out, { now: new Date(grant.created), timezone });
}
