import { parseDurationValue, resolveDurationValue, type Moment } from './durations';
import type { AuthorizationDetailsEntry, ResolvedAuthorizationDetailsEntry } from './entry';
import { durationField } from './fields';

/**
 * Turns relative duration values into absolute ones (cds-wg3-01 §7.3, cds-wg1-02 §3.9) at the
 * moment of submission: the Customer's approval for the code flow, the token request for
 * client_credentials. Start fields look back, the others ahead; `"infinite"` stays.
 */
export function resolveDurations(entries: AuthorizationDetailsEntry[], moment: Moment): ResolvedAuthorizationDetailsEntry[] {
  const resolved_at = moment.now.toISOString();
  return entries.map((entry) => {
    const values = { ...entry.values };
    for (const [id, value] of Object.entries(values)) {
      const spec = durationField(id);
      if (!spec) continue;
      const format = spec.format;
      const parsed = parseDurationValue(value, format);
      // Validated before; anything unparsable here is a programming error upstream.
      if (typeof parsed === 'string') throw new TypeError(`${id}: ${parsed}`);
      values[id] = resolveDurationValue(parsed, format, spec.direction, moment);
    }
    return { ...entry, values, resolved_at };
  });
}
