import { describeIssues, purposeSchema, purposesFormat, type Purpose, type PurposeMap } from './purpose';

/**
 * Adding and changing a Client's `cds_purposes` (cds-wg3-01 §5.1, §8.2). The Server owns `id` and
 * `scopes_supported`; its default Purposes cannot be changed or removed by the Client.
 */

export interface PurposePolicy {
  /** Ids of the Server-default Purposes (added to every Client that registers for their scopes). */
  serverDefaults: ReadonlySet<string>;
  /** A fresh Server-generated Purpose id. */
  newId: () => string;
  /** The scopes a new Purpose applies to (e.g. the Client's consent scopes that offer `purpose`). */
  scopesSupported: (purpose: Pick<Purpose, 'name' | 'content'>) => string[];
}

export type PurposeResult =
  | { ok: true; purposes: PurposeMap; added: string[]; changed: string[]; removed: string[] }
  | { ok: false; error_description: string };

const editable = (p: Purpose) => ({ name: p.name, content: p.content, related_uri: p.related_uri, related_name: p.related_name });

function sameText(a: Purpose, b: Purpose): boolean {
  return JSON.stringify(editable(a)) === JSON.stringify(editable(b));
}

/** Purposes submitted at registration (format `purposes`/`purposes_or_null`), given Server ids and scopes. */
export function registerPurposes(submitted: unknown, policy: PurposePolicy, defaults: PurposeMap = {}): PurposeResult {
  if (submitted === null || submitted === undefined) return { ok: true, purposes: { ...defaults }, added: [], changed: [], removed: [] };
  const parsed = purposesFormat.safeParse(submitted);
  if (!parsed.success) return { ok: false, error_description: describeIssues(parsed.error, 'purposes') };
  const purposes: PurposeMap = { ...defaults };
  const added: string[] = [];
  for (const p of parsed.data) {
    const id = policy.newId();
    purposes[id] = { ...p, id, scopes_supported: policy.scopesSupported(p) };
    added.push(id);
  }
  return { ok: true, purposes, added, changed: [], removed: [] };
}

/**
 * A Client modification request's `cds_purposes` (a Map keyed by Purpose id) applied to the current
 * ones, following §8.2: defaults stay as they are; `id`/`scopes_supported` changes are ignored; a
 * non-default Purpose left out is removed; one with an unknown id is new and gets a Server id.
 */
export function modifyPurposes(current: PurposeMap, requested: unknown, policy: PurposePolicy): PurposeResult {
  if (requested !== null && (typeof requested !== 'object' || Array.isArray(requested))) {
    return { ok: false, error_description: 'cds_purposes must be an object of Purposes keyed by their id' };
  }
  const entries = Object.entries((requested ?? {}) as Record<string, unknown>);
  const purposes: PurposeMap = {};
  for (const [id, p] of Object.entries(current)) if (policy.serverDefaults.has(id)) purposes[id] = p;
  const added: string[] = [];
  const changed: string[] = [];
  for (const [key, value] of entries) {
    // The Server ignores submitted ids and scopes: validate with its own values in their place.
    const claimedId = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : key;
    const knownId = [key, claimedId].find((k) => Object.hasOwn(current, k));
    const base = knownId ? current[knownId] : undefined;
    const parsed = purposeSchema.safeParse({ ...(value as object), id: base?.id ?? '', scopes_supported: base?.scopes_supported ?? [] });
    if (!parsed.success) return { ok: false, error_description: describeIssues(parsed.error, `cds_purposes.${key}`) };
    if (base && policy.serverDefaults.has(base.id)) continue;
    if (base) {
      if (!sameText(base, parsed.data)) changed.push(base.id);
      purposes[base.id] = { ...parsed.data, id: base.id, scopes_supported: base.scopes_supported };
      continue;
    }
    const id = policy.newId();
    purposes[id] = { ...parsed.data, id, scopes_supported: policy.scopesSupported(parsed.data) };
    added.push(id);
  }
  const removed = Object.keys(current).filter((id) => !Object.hasOwn(purposes, id));
  return { ok: true, purposes, added, changed, removed };
}
