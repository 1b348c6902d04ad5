import type { Access, BillSectionPart } from '../access';
import { hasId } from '../access';
import type { GraphPage } from './endpoint';
import type { GraphQuery } from './graphQuery';
import { documentOperation } from './operation';
import { within } from './windows';

/** The facts a Bill Section's visibility rests on (§7.2.6, §7.3.4–7.3.5). */
export interface BillSectionFacts {
  id: string;
  accountId: string;
  relatedServiceContractIds: string[];
  startDate: string;
  endDate: string;
}

const BillSectionFactsOperation = documentOperation<{ page: GraphPage<BillSectionFacts> }>('BillSectionFacts');
const FACTS_TTL_SECONDS = 600;
const PAGE = 100;

/** The Bill Section parts a section is visible through: its account, one of the contracts, its dates in the window. */
export function billSectionParts(section: BillSectionFacts, parts: readonly BillSectionPart[]): BillSectionPart[] {
  return parts.filter((p) => hasId(p.account_ids, section.accountId)
    && (p.servicecontract_ids === null || section.relatedServiceContractIds.some((id) => hasId(p.servicecontract_ids!, id)))
    && within(p.dates, section.startDate, section.endDate));
}

/**
 * Of these referenced Bill Section ids, those the token may see: one graph read per 100 ids
 * (a page's references), nothing when the token sees no Bill Sections at all.
 */
export async function visibleBillSections(ids: Iterable<string>, access: Access, graph: GraphQuery): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  const visible = new Set<string>();
  if (wanted.length === 0 || access.bill_sections.length === 0) return visible;
  for (let i = 0; i < wanted.length; i += PAGE) {
    const chunk = wanted.slice(i, i + PAGE);
    const { page } = await graph.run(BillSectionFactsOperation, { ids: chunk, first: PAGE }, FACTS_TTL_SECONDS);
    for (const section of page.nodes) if (billSectionParts(section, access.bill_sections).length > 0) visible.add(section.id);
  }
  return visible;
}
