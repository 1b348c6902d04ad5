import type { IdSet } from '../access';

/**
 * Request filters combined with what the token may see (cds-wg3-01 §10.x: filters intersect, and
 * intersect with the Grants' id sets, passed to the graph as variables — never fetch-then-filter).
 * `undefined` = no restriction; an empty list = nothing can match (the endpoint skips the graph).
 */
export type Restriction = string[] | undefined;

/** The intersection of restrictions (each `undefined` is "anything"). */
export function intersect(...lists: Restriction[]): Restriction {
  let out: string[] | undefined;
  for (const list of lists) {
    if (list === undefined) continue;
    out = out === undefined ? [...new Set(list)] : out.filter((v) => list.includes(v));
  }
  return out;
}

/** Whether some restriction can match nothing, so no graph call is needed. */
export function matchesNothing(...lists: Restriction[]): boolean {
  return lists.some((l) => l !== undefined && l.length === 0);
}

/**
 * A filter on a field the token may not see matches nothing (like `q`, §10.x, it must not let a
 * client probe hidden values); on a visible field it is passed through.
 */
export function onVisible(values: string[] | undefined, visible: boolean): Restriction {
  if (values === undefined) return undefined;
  return visible ? values : [];
}

/** The ids any of the parts makes visible, as a restriction. */
export function visibleRestriction(parts: readonly { ids: IdSet }[]): Restriction {
  return parts.some((p) => p.ids.all) ? undefined : [...new Set(parts.flatMap((p) => (p.ids.all ? [] : p.ids.ids)))];
}

/** `visibleThrough` of an API whose parts are id sets: the parts listing the node's id. */
export function throughId<K extends string>(idKey: K) {
  return <P extends { ids: IdSet }>(node: Record<K, string>, parts: readonly P[]): P[] =>
    parts.filter((p) => p.ids.all || p.ids.ids.includes(node[idKey]));
}
