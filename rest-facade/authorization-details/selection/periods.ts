import { DateTime } from 'luxon';
import type { GraphIndex, GraphInstallation, GraphServiceContract, GraphServicePoint } from './customerGraph';

/**
 * Time spans during which shared physical objects (service points, meters) belonged to this
 * Customer: the Customer's contracts at a service point, narrowed by when a meter was installed
 * there. Usage of the same meter before move-in or after move-out is someone else's.
 */

/** Half-open [from, until) in epoch milliseconds; ±Infinity when unbounded. */
export interface Span {
  from: number;
  until: number;
}

/** The same span as RFC 3339 UTC datetimes; null when unbounded. */
export interface Period {
  from: string | null;
  until: string | null;
}

export const ALWAYS: Span = { from: -Infinity, until: Infinity };

export function intersect(a: Span, b: Span): Span | null {
  const from = Math.max(a.from, b.from);
  const until = Math.min(a.until, b.until);
  return from < until ? { from, until } : null;
}

/** Sorted, overlapping and touching spans merged. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.from <= last.until) last.until = Math.max(last.until, s.until);
    else out.push({ ...s });
  }
  return out;
}

export function toPeriod(span: Span): Period {
  const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : null);
  return { from: iso(span.from), until: iso(span.until) };
}

/** Local days `first`..`last` (inclusive dates) in `cds_timezone`: from the start of the first to the end of the last; null = unbounded. */
export function daySpan(first: string | null | undefined, last: string | null | undefined, timezone: string): Span {
  const day = (date: string) => DateTime.fromISO(date, { zone: timezone });
  return {
    from: first ? day(first).startOf('day').toMillis() : -Infinity,
    until: last ? day(last).plus({ days: 1 }).startOf('day').toMillis() : Infinity,
  };
}

/** A contract's days in `cds_timezone`: from the start of its first day to the end of its last. */
export function contractSpan(sc: GraphServiceContract, timezone: string): Span {
  return daySpan(sc.contract_start, sc.contract_end, timezone);
}

export function installationSpan(installation: GraphInstallation): Span {
  return {
    from: installation.start === null ? -Infinity : Date.parse(installation.start),
    until: installation.end === null ? Infinity : Date.parse(installation.end),
  };
}

/** When the service point served one of this Customer's contracts (always, if it lists none). */
export function servicePointSpans(point: GraphServicePoint, index: GraphIndex, timezone: string): Span[] {
  const ids = [...point.current_servicecontracts, ...point.previous_servicecontracts];
  const contracts = ids.map((id) => index.serviceContract.get(id)).filter((sc) => sc !== undefined);
  if (ids.length === 0) return [ALWAYS];
  return union(contracts.map((sc) => contractSpan(sc, timezone)));
}

/** When the meter measured one of this Customer's service points while it served the Customer. */
export function meterDeviceSpans(meterId: string, index: GraphIndex, timezone: string): Span[] {
  const meter = index.meterDevice.get(meterId);
  if (!meter) return [];
  if (meter.installations.length === 0) return [ALWAYS];
  const spans: Span[] = [];
  for (const installation of meter.installations) {
    const point = index.servicePoint.get(installation.servicepoint_id);
    if (!point) continue;
    for (const served of servicePointSpans(point, index, timezone)) {
      const both = intersect(installationSpan(installation), served);
      if (both) spans.push(both);
    }
  }
  return union(spans);
}
