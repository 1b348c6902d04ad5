import DataLoader from 'dataloader';
import { byIdLoader, groupLoader, loadPresent } from '../shared';
import type { BillingClient } from './adapter/billing';
import { toBillDate } from './adapter/translate';
import type { BillSection } from './types/billSection';
import type { BillStatement } from './types/billStatement';

export interface DateWindow {
  after?: string | null;
  before?: string | null;
}

/** Per-request state of the billing subgraph: one batched export call per key type (and window). */
export function createBillingContext(billing: BillingClient, timezone: string) {
  const statements = byIdLoader((ids) => billing.all((at) => billing.statements({ STMT_ID: ids }, at)), (s: BillStatement) => s.id);
  const sections = byIdLoader((ids) => billing.all((at) => billing.sections({ SECT_ID: ids }, at)), (s: BillSection) => s.id);
  const sectionsByStatement = groupLoader((ids) => billing.all((at) => billing.sections({ STMT_ID: ids }, at)), (s: BillSection) => [s.billStatementId ?? '']);
  // Joins with a date window get one loader per window, so each window is still one call.
  const windowed = <T>(make: (w: DateWindow) => DataLoader<string, T[]>) => {
    const loaders = new Map<string, DataLoader<string, T[]>>();
    return (key: string, w: DateWindow) => {
      const id = `${w.after ?? ''}|${w.before ?? ''}`;
      if (!loaders.has(id)) loaders.set(id, make(w));
      return loaders.get(id)!.load(key);
    };
  };
  const d = (v: string | null | undefined) => (v ? toBillDate(v) : undefined);
  return {
    billing,
    /** The server's `cds_timezone`: bill periods are its local dates. */
    timezone,
    statements,
    sections,
    statementsById: (ids: readonly string[]) => loadPresent(statements, ids),
    sectionsById: (ids: readonly string[]) => loadPresent(sections, ids),
    sectionsOfStatement: (id: string) => sectionsByStatement.load(id),
    statementsOfAccount: windowed((w) => groupLoader(
      (ids) => billing.all((at) => billing.statements({ ACCT_ID: ids, FROM: d(w.after), TO: d(w.before) }, at)),
      (s: BillStatement) => [s.accountId],
    )),
    sectionsOfContract: windowed((w) => groupLoader(
      (ids) => billing.all((at) => billing.sections({ SA_ID: ids, START_TO: d(w.before), END_FROM: d(w.after) }, at)),
      (s: BillSection) => s.relatedServiceContractIds,
    )),
  };
}

export type BillingContext = ReturnType<typeof createBillingContext>;
