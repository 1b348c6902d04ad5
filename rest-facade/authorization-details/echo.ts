import { customerDataScopeType } from '../scopes/customer-data/scopeTypes';
import type { ResolvedAuthorizationDetailsEntry } from './entry';
import { isPreselection } from './fields';

/**
 * The `authorization_details` of token responses (RFC 9396 §7) and Grants (cds-wg1-02 §8.1):
 * every value in effect, defaults included (cds-wg3-01 §7), durations absolute (§7.3). Consent
 * scopes leave out their preselection fields (§6.1.x), except those the scope keeps (§6.1.2,
 * §6.1.3, and the consented aggregations of §6.1.10).
 */
export function echoed(entries: readonly ResolvedAuthorizationDetailsEntry[]): Record<string, unknown>[] {
  return entries.map((entry) => {
    const scopeType = entry.customer_data ? customerDataScopeType(entry.scope_type) : undefined;
    const hidden = (id: string) => entry.consent && scopeType !== undefined && isPreselection(id)
      && !scopeType.echoedPreselections.includes(id);
    const out: Record<string, unknown> = { type: entry.type };
    for (const [id, value] of Object.entries(entry.values)) if (!hidden(id)) out[id] = value;
    return out;
  });
}
