import type { DateTime } from 'luxon';
import type { ScopeDescription, ScopeRegistry } from '../../scopes';
import { CONSENT_SCOPE_TYPES, dataItems, INCLUDE_ITEMS, SCOPE_OBJECTS, SCOPE_SUMMARY, SCOPE_TITLE, type ConsentScopeType, type DataItem } from './data';
import { rangeStatement, untilStatement, validityStatement } from './durations';
import { readingKinds, type ReadingKind } from './readings';

type Entry = Record<string, unknown>;

/** One scope of a request or Grant with its authorization_details entry (defaults applied). */
export interface ScopedEntry {
  scopeId: string;
  type: ConsentScopeType | null;
  sd: ScopeDescription | undefined;
  entry: Entry;
}

const isConsentType = (t: string): t is ConsentScopeType => (CONSENT_SCOPE_TYPES as readonly string[]).includes(t);

/** Pairs each scope id with its entry: the entry whose `type` the Scope Description lists (RFC 9396, WG1 §3.4). */
export function scopedEntries(registry: ScopeRegistry, scope: string[], entries: Entry[]): ScopedEntry[] {
  return scope.map((scopeId) => {
    const sd = registry.get(scopeId);
    const entry = (sd && entries.find((e) => typeof e.type === 'string' && sd.authorization_details_types_supported.includes(e.type))) ?? {};
    return { scopeId, sd, type: sd && isConsentType(sd.type) ? sd.type : null, entry };
  });
}

/** The summary line for one scope (falls back to the Scope Description's own name for non-CDS scopes). */
export function summaryOf(s: ScopedEntry): string {
  return s.type ? SCOPE_SUMMARY[s.type] : (s.sd?.name ?? s.scopeId);
}

/** A Request Section's heading: "Your services and your usage". */
export function headingOf(scoped: ScopedEntry[]): string {
  const titles = [...new Set(scoped.map((s) => (s.type ? SCOPE_TITLE[s.type] : (s.sd?.name ?? s.scopeId))))];
  const text = joinWords(titles);
  return text[0].toUpperCase() + text.slice(1);
}

/** Detail lines (include fields with examples), de-duplicated across merged scopes. */
export function itemsOf(scoped: ScopedEntry[]): DataItem[] {
  const seen = new Set<string>();
  const out: DataItem[] = [];
  for (const s of scoped) {
    // A usage scope shares the readings themselves without an include field for them (§6.1.9, §7.2.8):
    // they get their line and example like any other shared data (§9.2.2.1).
    const implied = s.type === 'cds_usage' ? [{ field: 'include_usage_segments', ...INCLUDE_ITEMS.include_usage_segments }] : [];
    for (const item of [...implied, ...dataItems(s.entry)]) {
      if (!seen.has(item.field)) { seen.add(item.field); out.push(item); }
    }
    const kinds = valueTypeKinds(s);
    if (kinds.length && !seen.has('include_usage_segment_value_types')) {
      seen.add('include_usage_segment_value_types');
      out.push({ field: 'include_usage_segment_value_types', label: 'Kinds of readings', kinds });
    }
  }
  return out;
}

/** The chosen reading formats (choices of include_usage_segment_value_types), grouped for the customer. */
function valueTypeKinds(s: ScopedEntry): ReadingKind[] {
  const chosen = s.entry.include_usage_segment_value_types;
  if (!Array.isArray(chosen)) return [];
  const field = s.sd?.authorization_details_fields_supported.find((f) => f.id === 'include_usage_segment_value_types');
  return readingKinds(field?.choices ?? [], chosen.map(String));
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * Duration statements for the scopes of one Request Section (§9.2.2.2). Scopes with the same
 * `sync_until` share one statement; identical statements appear once.
 */
export function durationStatements(scoped: ScopedEntry[], now: DateTime): string[] {
  const out: string[] = [];
  const bySync = new Map<string, string[]>();
  for (const s of scoped) {
    if (s.type === 'cds_aggregation_consent') {
      const v = validityStatement(s.entry.expires, now);
      if (v) out.push(v);
      continue;
    }
    if (s.entry.sync_until !== undefined && s.type) {
      const key = JSON.stringify(s.entry.sync_until);
      const objects = bySync.get(key) ?? [];
      for (const o of SCOPE_OBJECTS[s.type]) if (!objects.includes(o)) objects.push(o);
      bySync.set(key, objects);
    }
    if (s.entry.statement_date_start !== undefined || s.entry.statement_date_end !== undefined) {
      const v = rangeStatement('bills', s.entry.statement_date_start, s.entry.statement_date_end, now);
      if (v) out.push(v);
    }
    if (s.entry.start_date !== undefined || s.entry.end_date !== undefined) {
      const v = rangeStatement('bill charges', s.entry.start_date, s.entry.end_date, now);
      if (v) out.push(v);
    }
    if (s.entry.segment_start !== undefined || s.entry.segment_end !== undefined) {
      const v = rangeStatement('usage data', s.entry.segment_start, s.entry.segment_end, now);
      if (v) out.push(v);
    }
  }
  for (const [key, objects] of bySync) {
    const order = ['account', 'account program', 'service', 'service program', 'rate plan', 'meter'];
    objects.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const v = untilStatement(`Your ${joinWords(objects)} details`, JSON.parse(key), now);
    if (v) out.unshift(v);
  }
  const unique = [...new Set(out)];
  return unique.length ? unique : ['Until you revoke access.'];
}
