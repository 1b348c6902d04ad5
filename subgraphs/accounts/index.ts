import type { Logger } from '../../lib/logger';
import { buildSubgraph, LegacyClient, once, startSubgraph, type RunningSubgraph } from '../shared';
import { CisClient } from './adapter/cis';
import { createAccountsContext, type AccountsContext } from './context';
import { AccountResolver } from './resolvers/account';
import { AggregationResolver } from './resolvers/aggregation';
import { BillSectionCisResolver, BillStatementProgramsResolver, UsageSegmentCisResolver } from './resolvers/extended';
import { ServiceContractResolver } from './resolvers/serviceContract';
import { ServicePointResolver } from './resolvers/servicePoint';
import { BillSection, BillStatement, UsageSegment } from './types/extended';

const first = <T>(load: Promise<T[]>) => load.then((nodes) => nodes[0] ?? null);

/** The accounts subgraph (CIS): Account, ServiceContract, ServicePoint, Aggregation. */
export const buildAccountsSubgraph = once(() =>
  buildSubgraph<AccountsContext>({
    name: 'accounts',
    resolvers: [
      AccountResolver, ServiceContractResolver, ServicePointResolver, AggregationResolver,
      BillStatementProgramsResolver, BillSectionCisResolver, UsageSegmentCisResolver,
    ],
    // Only reachable through the gateway's entity references, so listed explicitly.
    orphanedTypes: [BillStatement, BillSection, UsageSegment],
    references: {
      Account: (ref, ctx) => first(ctx.accounts([ref.id])),
      ServiceContract: (ref, ctx) => first(ctx.contracts([ref.id])),
      ServicePoint: (ref, ctx) => first(ctx.servicePoints([ref.id])),
      Aggregation: (ref, ctx) => first(ctx.aggregations([ref.id])),
      // Other subgraphs' entities: the representation carries the @requires fields.
      BillStatement: (ref) => ref,
      BillSection: (ref) => ref,
      UsageSegment: (ref) => ref,
    },
  }),
);

export interface AccountsSubgraphOptions {
  cisUrl: string;
  /** Base URL of the public site; consent requirements of aggregations link to its documentation. */
  publicUrl: string;
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  legacyTimeoutMs?: number;
  log?: Logger;
}

export async function startAccountsSubgraph(options: AccountsSubgraphOptions): Promise<RunningSubgraph> {
  const cis = new CisClient(new LegacyClient({ system: 'CIS', baseUrl: options.cisUrl, timeoutMs: options.legacyTimeoutMs }));
  const links = { consentDocumentation: `${options.publicUrl}/docs/aggregations#consent` };
  return startSubgraph(await buildAccountsSubgraph(), {
    createContext: () => createAccountsContext(cis, links),
    port: options.port, host: options.host,
    log: options.log,
  });
}
