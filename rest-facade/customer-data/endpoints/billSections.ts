import { hasId } from '../../access';
import { badRequest } from '../../errors';
import { billSectionParts, visibleBillSections } from '../billSectionAccess';
import type { CustomerDataEndpoint } from '../endpoint';
import { intersect, matchesNothing } from '../filters';
import { programs, type GraphProgram } from '../objects';
import { listingOperation } from '../operation';
import { decimal, decimals, omitNulls } from '../present';
import { VisibleReferences } from '../references';
import { listBillSections } from '../schemas';
import { earlier, empty, hull, later, within } from '../windows';

interface BillSectionNode {
  cds_billsection_id: string;
  cds_billstatement_id: string | null;
  statement: { cds_account_id: string; statement_date: string } | null;
  cds_account_id: string;
  start_date: string;
  end_date: string;
  related_servicecontracts: string[];
  related_servicepoints: string[];
  related_meterdevices: string[];
  related_billsections: string[];
  service_programs?: GraphProgram[];
  usage_details: Record<string, unknown>[];
  cost_details: { cost: string }[];
  line_items?: Record<string, unknown>[];
}

/** §10.6.3: the type-specific keys, omitted when they do not apply. */
const USAGE_DETAIL_OPTIONAL = ['units', 'start_date', 'end_date', 'demand_type', 'tou', 'tier', 'direction', 'season', 'start_read', 'end_read', 'multiplier'];

function usageDetail(d: Record<string, unknown>): object {
  return decimals(omitNulls(d, USAGE_DETAIL_OPTIONAL), ['value', 'start_read', 'end_read', 'multiplier']);
}

function lineItem(item: Record<string, unknown>): object {
  return decimals(omitNulls(item, ['units']), ['cost', 'value', 'rate']);
}

/** §10.6 Bill Sections. */
export const billSections: CustomerDataEndpoint<'bill_sections', typeof listBillSections.query, BillSectionNode> = {
  listing: listBillSections,
  api: 'bill_sections',
  operation: listingOperation<BillSectionNode>('ListBillSections'),
  ttlSeconds: 900,
  optionalFields: ['line_items', 'service_programs'],
  plan({ query, parts, access }) {
    const accounts = parts.some((p) => p.account_ids.all) ? undefined : parts.flatMap((p) => (p.account_ids.all ? [] : p.account_ids.ids));
    const contracts = parts.some((p) => p.servicecontract_ids === null || p.servicecontract_ids.all)
      ? undefined
      : parts.flatMap((p) => (p.servicecontract_ids && !p.servicecontract_ids.all ? p.servicecontract_ids.ids : []));
    // The graph bounds `start_date ≤ before` and `end_date ≥ after`; a Grant's window (start_date ≥
    // start, end_date ≤ end) implies those bounds, and each section is checked against it exactly.
    const window = hull(parts.map((p) => p.dates));
    // A contract id the token may not see cannot be asked about (its references never show it).
    const asked = query.cds_servicecontract_ids && intersect(query.cds_servicecontract_ids, new VisibleReferences(access).restriction('service_contracts'));
    const filter = {
      ids: query.cds_billsection_ids,
      billStatementIds: query.cds_billstatement_ids,
      accountIds: intersect(query.cds_account_ids, accounts),
      accountNumbers: query.account_numbers,
      serviceContractIds: intersect(asked, contracts),
      contractNumbers: query.contract_numbers,
      after: later(query.after, window.start),
      before: earlier(query.before, window.end),
    };
    const lists = [filter.ids, filter.billStatementIds, filter.accountIds, filter.accountNumbers, filter.serviceContractIds, filter.contractNumbers];
    if (matchesNothing(...lists) || empty(filter.after, filter.before)) return { streams: [] };
    if (lists.every((l) => l === undefined)) {
      throw badRequest('this listing is too broad for the access token: filter it by cds_account_ids, account_numbers, cds_servicecontract_ids, contract_numbers or ids');
    }
    return { streams: [{ variables: { filter } }] };
  },
  visibleThrough: (node, parts) => billSectionParts({
    id: node.cds_billsection_id, accountId: node.cds_account_id, relatedServiceContractIds: node.related_servicecontracts,
    startDate: node.start_date, endDate: node.end_date,
  }, parts),
  async present(nodes, { access, graph }) {
    const refs = new VisibleReferences(access);
    const sections = await visibleBillSections(nodes.flatMap((n) => n.related_billsections), access, graph);
    // §10.6.1: the Bill Statement's id only when the token may see that statement.
    const statementVisible = (s: BillSectionNode['statement']) => s !== null
      && access.bill_statements.some((p) => hasId(p.account_ids, s.cds_account_id) && within(p.statement_date, s.statement_date));
    return nodes.map(({ statement, ...n }) => ({
      ...n,
      cds_billstatement_id: statementVisible(statement) ? n.cds_billstatement_id : null,
      related_servicecontracts: refs.keep('service_contracts', n.related_servicecontracts),
      related_servicepoints: refs.keep('service_points', n.related_servicepoints),
      related_meterdevices: refs.keep('meter_devices', n.related_meterdevices),
      related_billsections: [...new Set(n.related_billsections)].filter((id) => sections.has(id)),
      ...(n.service_programs ? { service_programs: programs(n.service_programs) } : {}),
      usage_details: n.usage_details.map(usageDetail),
      cost_details: n.cost_details.map((c) => ({ ...c, cost: decimal(c.cost) })),
      ...(n.line_items ? { line_items: n.line_items.map(lineItem) } : {}),
    }));
  },
};
