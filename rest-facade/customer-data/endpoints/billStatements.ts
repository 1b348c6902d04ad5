import { hasId, type BillStatementPart } from '../../access';
import { badRequest } from '../../errors';
import { visibleBillSections } from '../billSectionAccess';
import type { CustomerDataEndpoint } from '../endpoint';
import { intersect, matchesNothing } from '../filters';
import { statementFileUrl } from '../linked';
import { programs, type GraphProgram } from '../objects';
import { listingOperation } from '../operation';
import { decimal, decimals } from '../present';
import { listBillStatements } from '../schemas';
import { earlier, empty, hull, later, within } from '../windows';

interface NewChargeNode {
  amount: string;
  related_billsections: string[];
}

interface BillStatementNode {
  cds_billstatement_id: string;
  cds_account_id: string;
  statement_date: string;
  file_uri?: string | null;
  file_mimetype?: string | null;
  new_charges?: NewChargeNode[];
  account_programs?: GraphProgram[];
}

const AMOUNTS = [
  'previous_balance_amount', 'previous_balance_paid', 'previous_balance_unpaid', 'new_charges_amount', 'new_balance_amount',
  'amount_due', 'shutoff_prevention_minimum_due',
];

const throughParts = (node: { cds_account_id: string; statement_date: string }, parts: readonly BillStatementPart[]) =>
  parts.filter((p) => hasId(p.account_ids, node.cds_account_id) && within(p.statement_date, node.statement_date));

/** §10.5 Bill Statements. */
export const billStatements: CustomerDataEndpoint<'bill_statements', typeof listBillStatements.query, BillStatementNode> = {
  listing: listBillStatements,
  api: 'bill_statements',
  operation: listingOperation<BillStatementNode>('ListBillStatements'),
  ttlSeconds: 900,
  optionalFields: [
    'file_uri', 'file_mimetype', 'previous_balance_amount', 'previous_balance_paid', 'previous_balance_unpaid',
    'new_charges_amount', 'new_charges', 'new_balance_amount', 'account_programs',
  ],
  plan({ query, parts }) {
    const accounts = parts.some((p) => p.account_ids.all) ? undefined : parts.flatMap((p) => (p.account_ids.all ? [] : p.account_ids.ids));
    const window = hull(parts.map((p) => p.statement_date));
    const filter = {
      ids: query.cds_billstatement_ids,
      accountIds: intersect(query.cds_account_ids, accounts),
      accountNumbers: query.account_numbers,
      after: later(query.after, window.start),
      before: earlier(query.before, window.end),
    };
    if (matchesNothing(filter.ids, filter.accountIds, filter.accountNumbers) || empty(filter.after, filter.before)) return { streams: [] };
    if (!filter.ids && !filter.accountIds && !filter.accountNumbers) {
      // §6.2 lets a Server refuse listings that are not granular enough; the billing system lists by account.
      throw badRequest('this listing is too broad for the access token: filter it by cds_account_ids, account_numbers or cds_billstatement_ids');
    }
    return { streams: [{ variables: { filter } }] };
  },
  visibleThrough: throughParts,
  async present(nodes, { access, graph, publicUrl }) {
    const charges = nodes.flatMap((n) => n.new_charges ?? []);
    const sections = await visibleBillSections(charges.flatMap((c) => c.related_billsections), access, graph);
    return nodes.map((n) => {
      const out = decimals(n, AMOUNTS);
      if ('file_uri' in n) {
        // §10.5.1: null when there is no file; the MIME type goes with a URL only.
        out.file_uri = n.file_uri ? statementFileUrl(publicUrl, n.cds_billstatement_id) : null;
        if (!n.file_uri || !n.file_mimetype) delete out.file_mimetype;
      }
      if (n.new_charges) {
        out.new_charges = n.new_charges.map(({ related_billsections, ...charge }) => {
          const related = related_billsections.filter((id) => sections.has(id));
          // §10.5.2: omitted when unknown or when the token sees none of them.
          return { ...charge, amount: decimal(charge.amount), ...(related.length > 0 ? { related_billsections: related } : {}) };
        });
      }
      if (n.account_programs) out.account_programs = programs(n.account_programs);
      return out;
    });
  },
};
