import { OAuthError } from '../errors';
import type { CustomerDataApi } from '../access';
import type { Stream } from './endpoint';
import { matchesNothing, type Restriction } from './filters';

/**
 * The scope rule's helpers: which OPTIONAL fields a request may carry, which `q` may search, and
 * the 403 when the token reaches nothing of an API (cds-wg3-01 §10, RFC 6750 §3.1).
 */

interface Revealing {
  fields: readonly string[];
}

/** Fields revealed by any of the parts: what the operation fetches (each node is then cut to its own parts'). */
export function anyRevealed(parts: readonly Revealing[]): Set<string> {
  return new Set(parts.flatMap((p) => p.fields));
}

/** Fields revealed by every part: what is visible whichever part a node comes through (`q`, filters on fields). */
export function allRevealed(parts: readonly Revealing[]): Set<string> {
  const [first, ...rest] = parts;
  if (!first) return new Set();
  return new Set(first.fields.filter((f) => rest.every((p) => p.fields.includes(f))));
}

/** `$with_<field>` for each OPTIONAL field the operation gates with `@include`. */
export function includeVariables(optionalFields: readonly string[], parts: readonly Revealing[]): Record<string, boolean> {
  const revealed = anyRevealed(parts);
  return Object.fromEntries(optionalFields.map((field) => [`with_${field}`, revealed.has(field)]));
}

/** The OPTIONAL fields a node may keep: those revealed by the parts it is visible through. */
export function keepRevealed<N extends object>(node: N, optionalFields: readonly string[], through: readonly Revealing[]): N {
  const keep = anyRevealed(through);
  const cut = optionalFields.filter((f) => !keep.has(f) && f in node);
  if (cut.length === 0) return node;
  const copy = { ...node } as Record<string, unknown>;
  for (const field of cut) delete copy[field];
  return copy as N;
}

/**
 * `q` fields (graph search-field names) the token may search: a field is searchable when it is
 * always shown (gate `null`) or revealed by every part (§10.x: only fields the token may see).
 */
export function searchFields<F extends string>(gates: Readonly<Record<F, string | null>>, parts: readonly Revealing[]): F[] {
  const visible = allRevealed(parts);
  return (Object.keys(gates) as F[]).filter((f) => gates[f] === null || visible.has(gates[f] as string));
}

/**
 * The plan of a listing filtered by lists and `q`: no stream when a list matches nothing, else one
 * whose graph filter carries the request's `q` and the fields the token may search with it.
 */
export function searchPlan<F extends string>(
  filter: Record<string, Restriction>, q: string | undefined, gates: Readonly<Record<F, string | null>>, parts: readonly Revealing[],
): { streams: Stream[] } {
  if (matchesNothing(...Object.values(filter))) return { streams: [] };
  return { streams: [{ variables: { filter: q ? { ...filter, q, qFields: searchFields(gates, parts) } : filter } }] };
}

export function insufficientScope(api: CustomerDataApi): OAuthError {
  const description = `the access token's Grants do not give access to the ${api.replace(/_/g, ' ')} API`;
  return new OAuthError('insufficient_scope', description, 403, {
    'WWW-Authenticate': `Bearer realm="cds", error="insufficient_scope", error_description="${description}"`,
  });
}
