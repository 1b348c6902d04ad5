import { indexGraph, type CustomerGraph, type EntryVisibility, type GraphServiceContract } from '../authorization-details';
import { contractSpan, daySpan, installationSpan, intersect, union, type Span } from '../authorization-details/selection/periods';
import type { ApiParts, BillSectionPart, EacPart, Periods, Window } from './access';
import { windowsOf } from './union';

/**
 * What visible Usage Segments refer to beyond meters (cds-wg3-01 §10.8.1 `related_*`): the service
 * contracts that served a meter's service point while the meter was installed there, inside the
 * meter's visible windows; the Bill Sections of those contracts that bill one of the meters over a
 * visible day (§7.2.6 "referenced by `related_billsections` of an included US"); and the
 * certificates retired for those contracts, their accounts and customers (§7.2.9, docs/spec-decisions.md).
 */

/** The facts of a Bill Section that tell whether visible usage refers to it. */
export interface SectionFacts {
  id: string;
  accountId: string;
  relatedServiceContractIds: string[];
  relatedMeterDeviceIds: string[];
  startDate: string;
  endDate: string;
}

const toSpan = (w: Window): Span => ({ from: w.start === null ? -Infinity : Date.parse(w.start), until: w.end === null ? Infinity : Date.parse(w.end) });

/** Per contract, the spans in which the usage of these meter periods relates to it. */
export function usageContracts(meters: Periods, graph: CustomerGraph, timezone: string): Map<string, { contract: GraphServiceContract; spans: Span[] }> {
  const index = indexGraph(graph);
  const out = new Map<string, { contract: GraphServiceContract; spans: Span[] }>();
  for (const { id, window } of meters.items) {
    for (const installation of index.meterDevice.get(id)?.installations ?? []) {
      const installed = intersect(installationSpan(installation), toSpan(window));
      const point = installed && index.servicePoint.get(installation.servicepoint_id);
      if (!installed || !point) continue;
      for (const contractId of [...point.current_servicecontracts, ...point.previous_servicecontracts]) {
        const contract = index.serviceContract.get(contractId);
        const served = contract && intersect(installed, contractSpan(contract, timezone));
        if (!served) continue;
        const entry = out.get(contractId) ?? { contract, spans: [] };
        entry.spans = union([...entry.spans, served]);
        out.set(contractId, entry);
      }
    }
  }
  return out;
}

/** The date bounds (with a day to spare either side of the time zone) a read of those contracts' sections needs. */
export function sectionBounds(contracts: Iterable<{ spans: Span[] }>): { after: string | null; before: string | null } {
  const spans = [...contracts].flatMap((c) => c.spans);
  const from = Math.min(...spans.map((s) => s.from));
  const until = Math.max(...spans.map((s) => s.until));
  const date = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null);
  return { after: date(from - 86_400_000), before: date(until + 86_400_000) };
}

/**
 * Parts for the sections visible usage refers to: a section billing one of the meters over a day
 * in the meter's windows. Per account and contract, consecutive referenced sections become one part
 * (its dates hold them); a section that is not referenced ends a run, so no part holds it.
 */
export function referencedSectionParts(
  grantId: string, fields: string[], meters: Periods, sections: readonly SectionFacts[], timezone: string,
): BillSectionPart[] {
  const referenced = (s: SectionFacts) => s.relatedMeterDeviceIds.some((m) =>
    windowsOf(meters, m).some((w) => intersect(toSpan(w), daySpan(s.startDate, s.endDate, timezone)) !== null));
  const byContract = new Map<string, SectionFacts[]>();
  for (const s of sections) {
    for (const c of s.relatedServiceContractIds) byContract.set(`${s.accountId} ${c}`, [...(byContract.get(`${s.accountId} ${c}`) ?? []), s]);
  }
  const parts: BillSectionPart[] = [];
  for (const [key, list] of byContract) {
    const [account, contract] = key.split(' ');
    const runs: Window[][] = [[]];
    for (const s of [...list].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.endDate.localeCompare(b.endDate))) {
      if (referenced(s)) runs.at(-1)!.push({ start: s.startDate, end: s.endDate });
      else runs.push([]);
    }
    for (const run of runs.filter((r) => r.length > 0)) {
      const dates = { start: run[0].start, end: run.map((w) => w.end!).sort().at(-1)! };
      parts.push({ grant_id: grantId, account_ids: { all: false, ids: [account] }, servicecontract_ids: { all: false, ids: [contract] }, dates, fields });
    }
  }
  return parts;
}

/** The beneficiaries the usage's contracts bring: the contracts, their accounts and those accounts' customers. */
export function usageBeneficiaries(contracts: Iterable<{ contract: GraphServiceContract }>, graph: CustomerGraph): Pick<Extract<EacPart['beneficiaries'], { all: false }>, 'customer' | 'account' | 'servicecontract'> {
  const list = [...contracts].map((c) => c.contract);
  const accounts = new Set(list.map((c) => c.account_id));
  const customers = graph.accounts.filter((a) => accounts.has(a.id)).map((a) => a.customer_number).filter((n): n is string => !!n);
  return { servicecontract: list.map((c) => c.id), account: [...accounts], customer: [...new Set(customers)] };
}

/**
 * Adds to one entry's parts what its visible usage refers to, when the entry includes it: the
 * referenced Bill Sections (`include_bill_sections`) and the usage's certificates (`include_eacs`).
 */
export async function addUsageReferences(
  parts: ApiParts, v: EntryVisibility, graph: CustomerGraph, timezone: string,
  readSections: (contractIds: string[], bounds: { after: string | null; before: string | null }) => Promise<SectionFacts[]>,
): Promise<void> {
  const [usage] = parts.usage_segments;
  const sections = v.bill_sections?.referenced_by_usage_segments === true;
  const eacs = v.eacs?.referenced_by_usage_segments === true && parts.eacs.length > 0;
  if (!usage || (!sections && !eacs)) return;
  const contracts = usageContracts(usage.meters, graph, timezone);
  if (contracts.size === 0) return;
  if (eacs) {
    const more = usageBeneficiaries(contracts.values(), graph);
    for (const part of parts.eacs) {
      if (part.beneficiaries.all) continue;
      const b = part.beneficiaries;
      b.customer = [...new Set([...b.customer, ...more.customer])].sort();
      b.account = [...new Set([...b.account, ...more.account])].sort();
      b.servicecontract = [...new Set([...b.servicecontract, ...more.servicecontract])].sort();
    }
  }
  if (sections) {
    const found = await readSections([...contracts.keys()].sort(), sectionBounds(contracts.values()));
    parts.bill_sections.push(...referencedSectionParts(usage.grant_id, v.fields.bill_section ?? [], usage.meters, found, timezone));
  }
}
