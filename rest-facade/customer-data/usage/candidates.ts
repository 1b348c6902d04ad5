import { DateTime } from 'luxon';
import { mergeWindows, windowsOf, type UsagePart, type Window } from '../../access';
import { badRequest } from '../../errors';
import type { GraphQuery } from '../graphQuery';
import { documentOperation } from '../operation';
import type { UsageSegmentsQuery } from '../schemas';

/**
 * The meters a Usage Segments request covers, each with the windows its segments may come from:
 * the Grants' meter periods (cds-wg3-01 §6.1.9, §7.2.8, §7.3.6–7.3.7) narrowed by the request's
 * relation filters (§10.8.8), which the graph resolves to meters. The exact relation test is
 * `RelationFilter.keep` (a meter's segments relate to an account only while it serves it).
 */

interface FilterContract {
  contractStart: string | null;
  contractEnd: string | null;
  servicePoints: FilterPoint[];
}
interface FilterPoint {
  currentMeterDevices: { id: string }[];
  previousMeterDevices: { id: string }[];
}
interface Found<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean };
}
interface FilterMetersData {
  accounts?: Found<{ id: string; serviceContracts: FilterContract[] }>;
  serviceContracts?: Found<FilterContract & { id: string }>;
  servicePoints?: Found<FilterPoint & { id: string }>;
  meterDevices?: Found<{ id: string }>;
  billSections?: Found<{ id: string; startDate: string; endDate: string; relatedMeterDeviceIds: string[] }>;
}

const FilterMeters = documentOperation<FilterMetersData>('UsageFilterMeters');
const FILTER_TTL_SECONDS = 300;
/** More meters than this in one request is not a listing but an export. */
export const MAX_METERS = 10_000;

export interface Candidates {
  /** Each meter's windows, merged; a meter without any is not listed. */
  meters: Map<string, Window[]>;
  /** The relation filters' ids, for the exact per-segment test. */
  relations: { accounts?: Set<string>; contracts?: Set<string>; points?: Set<string> };
}

const pointMeters = (p: FilterPoint) => [...p.currentMeterDevices, ...p.previousMeterDevices].map((m) => m.id);
const contractMeters = (c: FilterContract) => c.servicePoints.flatMap(pointMeters);

function tooMany(what: string): never {
  throw badRequest(`the ${what} filter of this usage listing names more than 100 objects; narrow it`);
}

/** Meters named by the relation filters (undefined = no relation filter), and the bill sections' windows per meter. */
async function filterMeters(query: UsageSegmentsQuery, graph: GraphQuery, timezone: string) {
  const accounts = query.cds_account_ids || query.account_numbers;
  const contracts = query.cds_servicecontract_ids || query.contract_numbers;
  const points = query.cds_servicepoint_ids || query.servicepoint_numbers;
  const meters = query.cds_meterdevice_ids || query.meter_numbers;
  const sections = query.cds_billsection_ids;
  if (!accounts && !contracts && !points && !meters && !sections) return null;
  const data = await graph.run(FilterMeters, {
    accounts: { ids: query.cds_account_ids, accountNumbers: query.account_numbers }, withAccounts: Boolean(accounts),
    contracts: { ids: query.cds_servicecontract_ids, contractNumbers: query.contract_numbers }, withContracts: Boolean(contracts),
    points: { ids: query.cds_servicepoint_ids, servicePointNumbers: query.servicepoint_numbers }, withPoints: Boolean(points),
    meters: { ids: query.cds_meterdevice_ids, meterNumbers: query.meter_numbers }, withMeters: Boolean(meters),
    sections: { ids: sections }, withSections: Boolean(sections),
  }, FILTER_TTL_SECONDS);
  for (const [name, found] of Object.entries(data)) if ((found as Found<unknown> | undefined)?.pageInfo.hasNextPage) tooMany(name);

  // Every given filter names a set of meters; the request covers their intersection.
  const sets: Set<string>[] = [];
  if (data.accounts) sets.push(new Set(data.accounts.nodes.flatMap((a) => a.serviceContracts.flatMap(contractMeters))));
  if (data.serviceContracts) sets.push(new Set(data.serviceContracts.nodes.flatMap(contractMeters)));
  if (data.servicePoints) sets.push(new Set(data.servicePoints.nodes.flatMap(pointMeters)));
  if (data.meterDevices) sets.push(new Set(data.meterDevices.nodes.map((m) => m.id)));
  // A segment relates to a bill section of its meter whose dates cover it: the sections' days are windows.
  let sectionWindows: Map<string, Window[]> | null = null;
  if (data.billSections) {
    sectionWindows = new Map();
    for (const s of data.billSections.nodes) {
      const window = localDays(s.startDate, s.endDate, timezone);
      for (const m of s.relatedMeterDeviceIds) sectionWindows.set(m, [...(sectionWindows.get(m) ?? []), window]);
    }
    sets.push(new Set(sectionWindows.keys()));
  }
  const [first, ...rest] = sets;
  const ids = [...first].filter((id) => rest.every((s) => s.has(id)));
  const relations: Candidates['relations'] = {};
  if (data.accounts) relations.accounts = new Set(data.accounts.nodes.map((a) => a.id));
  if (data.serviceContracts) relations.contracts = new Set(data.serviceContracts.nodes.map((c) => c.id));
  if (data.servicePoints) relations.points = new Set(data.servicePoints.nodes.map((p) => p.id));
  return { ids, sectionWindows, relations };
}

/** Local dates [start, end] as the instants [start 00:00, day after end 00:00) in the Server's time zone. */
export function localDays(start: string, end: string, timezone: string): Window {
  const midnight = (date: string) => DateTime.fromISO(date, { zone: timezone }).startOf('day');
  return {
    start: midnight(start).toUTC().toISO({ suppressMilliseconds: true })!,
    end: midnight(end).plus({ days: 1 }).toUTC().toISO({ suppressMilliseconds: true })!,
  };
}

const at = (bound: string | null, open: number) => (bound === null ? open : Date.parse(bound));

function intersectAll(a: Window[], b: Window[]): Window[] {
  const out: Window[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = at(x.start, -Infinity) >= at(y.start, -Infinity) ? x.start : y.start;
      const end = at(x.end, Infinity) <= at(y.end, Infinity) ? x.end : y.end;
      if (at(start, -Infinity) < at(end, Infinity)) out.push({ start, end });
    }
  }
  return mergeWindows(out);
}

export async function usageCandidates(query: UsageSegmentsQuery, parts: readonly UsagePart[], graph: GraphQuery, timezone: string): Promise<Candidates> {
  const open = mergeWindows(parts.flatMap((p) => p.meters.all));
  const filtered = await filterMeters(query, graph, timezone);
  if (open.length > 0 && !filtered) {
    // §6.2: a Server may refuse listings that are not granular enough; usage is listed per meter.
    throw badRequest('this usage listing is too broad for the access token: filter it by meters, service points, contracts, accounts or bill sections');
  }
  const granted = new Set(parts.flatMap((p) => p.meters.items.map((i) => i.id)));
  const ids = filtered ? (open.length > 0 ? filtered.ids : filtered.ids.filter((id) => granted.has(id))) : [...granted];
  if (ids.length > MAX_METERS) throw badRequest(`this usage listing covers more than ${MAX_METERS} meters; narrow it with filters`);
  const meters = new Map<string, Window[]>();
  for (const id of ids) {
    let windows = mergeWindows(parts.flatMap((p) => windowsOf(p.meters, id)));
    const sections = filtered?.sectionWindows?.get(id);
    if (sections) windows = intersectAll(windows, sections);
    if (windows.length > 0) meters.set(id, windows);
  }
  return { meters, relations: filtered?.relations ?? {} };
}
