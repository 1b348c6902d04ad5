import type {
  Access, GrantParts, IdSet, ObjectPart, Period, Periods, PublicJwk, Window,
} from './access';
import { CUSTOMER_DATA_APIS, emptyParts } from './access';

/**
 * The union over a token's Grants and the questions a listing asks of it. Windows are compared as
 * instants (`Date.parse`): dates are `YYYY-MM-DD`, datetimes RFC 3339, never mixed within one API.
 */

const at = (bound: string) => Date.parse(bound);

/** The later of two lower bounds / the earlier of two upper bounds (`null` = unbounded). */
function maxStart(a: string | null, b: string | null) {
  if (a === null) return b;
  if (b === null) return a;
  return at(a) >= at(b) ? a : b;
}
function minEnd(a: string | null, b: string | null) {
  if (a === null) return b;
  if (b === null) return a;
  return at(a) <= at(b) ? a : b;
}

/** The part both windows share, or null when they do not overlap. */
export function intersect(a: Window, b: Window): Window | null {
  const window = { start: maxStart(a.start, b.start), end: minEnd(a.end, b.end) };
  return window.start !== null && window.end !== null && at(window.start) > at(window.end) ? null : window;
}

/** Overlapping or touching windows merged, ordered by start. */
export function mergeWindows(windows: Window[]): Window[] {
  const sorted = [...windows].sort((a, b) => (a.start === null ? -Infinity : at(a.start)) - (b.start === null ? -Infinity : at(b.start)));
  const merged: Window[] = [];
  for (const w of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.end === null || w.start === null || at(w.start) <= at(last.end))) {
      last.end = last.end === null || w.end === null ? null : (at(w.end) > at(last.end) ? w.end : last.end);
    } else {
      merged.push({ ...w });
    }
  }
  return merged;
}

export function unionIds(sets: IdSet[]): IdSet {
  if (sets.some((s) => s.all)) return { all: true };
  return { all: false, ids: [...new Set(sets.flatMap((s) => (s.all ? [] : s.ids)))] };
}

export function hasId(set: IdSet, id: string): boolean {
  return set.all || set.ids.includes(id);
}

/** Every id the parts make visible. */
export function visibleIds(parts: readonly { ids: IdSet }[]): IdSet {
  return unionIds(parts.map((p) => p.ids));
}

/** The OPTIONAL fields to show on object `id`: those of every part that makes it visible. */
export function fieldsFor(parts: readonly ObjectPart[], id: string): string[] {
  return [...new Set(parts.filter((p) => hasId(p.ids, id)).flatMap((p) => p.fields))];
}

/** Periods of several parts merged: the `all` windows merged, each id's windows merged. */
export function unionPeriods(list: Periods[]): Periods {
  const byId = new Map<string, Window[]>();
  for (const item of list.flatMap((p) => p.items)) byId.set(item.id, [...(byId.get(item.id) ?? []), item.window]);
  const items: Period[] = [];
  for (const [id, windows] of byId) for (const window of mergeWindows(windows)) items.push({ id, window });
  return { all: mergeWindows(list.flatMap((p) => p.all)), items };
}

/** The windows in which `id` is visible under these periods. */
export function windowsOf(periods: Periods, id: string): Window[] {
  return mergeWindows([...periods.all, ...periods.items.filter((p) => p.id === id).map((p) => p.window)]);
}

/** The union over a token's Grants (each Grant's parts stay its own). */
export function unionAccess(visibilities: GrantParts[]): Access {
  const access: Access = { ...emptyParts(), grants: visibilities.map((v) => v.standing), jwk: null };
  for (const v of visibilities) {
    for (const api of CUSTOMER_DATA_APIS) (access[api] as unknown[]).push(...v[api]);
  }
  access.jwk = visibilities.map((v) => v.jwk).find((k): k is PublicJwk => k !== null) ?? null;
  return access;
}
