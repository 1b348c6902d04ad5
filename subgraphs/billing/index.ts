import type { Logger } from '../../lib/logger';
import { buildSubgraph, LegacyClient, once, startSubgraph, type RunningSubgraph } from '../shared';
import { BillingClient } from './adapter/billing';
import { createBillingContext, type BillingContext } from './context';
import { BillSectionResolver, ContractBillsResolver } from './resolvers/billSection';
import { AccountBillsResolver, BillStatementResolver } from './resolvers/billStatement';
import { UsageSegmentBillsResolver } from './resolvers/usageSegment';
import { UsageSegment } from './types/references';

const byId = (ref: { id: string }) => ({ id: ref.id });

/** The billing subgraph: BillStatement, BillSection, and the bills of an Account / ServiceContract. */
export const buildBillingSubgraph = once(() =>
  buildSubgraph<BillingContext>({
    name: 'billing',
    resolvers: [BillStatementResolver, AccountBillsResolver, BillSectionResolver, ContractBillsResolver, UsageSegmentBillsResolver],
    orphanedTypes: [UsageSegment],
    references: {
      BillStatement: async (ref, ctx) => (await ctx.statementsById([ref.id]))[0] ?? null,
      BillSection: async (ref, ctx) => (await ctx.sectionsById([ref.id]))[0] ?? null,
      Account: byId,
      ServiceContract: byId,
      ServicePoint: byId,
      MeterDevice: byId,
      // The representation carries the @requires fields.
      UsageSegment: (ref) => ref,
    },
  }),
);

export interface BillingSubgraphOptions {
  billingUrl: string;
  /** The server's `cds_timezone`, in which bill periods are dates. */
  timezone: string;
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  legacyTimeoutMs?: number;
  log?: Logger;
}

export async function startBillingSubgraph(options: BillingSubgraphOptions): Promise<RunningSubgraph> {
  const billing = new BillingClient(new LegacyClient({ system: 'billing', baseUrl: options.billingUrl, timeoutMs: options.legacyTimeoutMs }));
  return startSubgraph(await buildBillingSubgraph(), {
    createContext: () => createBillingContext(billing, options.timezone),
    port: options.port, host: options.host,
    log: options.log,
  });
}
