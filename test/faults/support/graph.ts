import type { SubgraphName } from '../../../subgraphs';
import { bearer, send } from '../../fuzz/support/http';
import type { LegacyName, System } from '../../support/system';

/** A query the internal graph answers from one subgraph alone (and so from its legacy system alone). */
export const PROBES: Record<SubgraphName, string> = {
  accounts: '{ accounts(first: 1) { nodes { id } } }',
  metering: '{ meterDevices(first: 1) { nodes { id } } }',
  billing: '{ billStatements(first: 1, filter: { accountIds: ["0"] }) { nodes { id } } }',
  eacs: '{ eacs(first: 1) { nodes { id } } }',
};

/** The subgraph that speaks to each legacy system. */
export const SUBGRAPH_OF: Record<LegacyName, SubgraphName> = { cis: 'accounts', mdm: 'metering', billing: 'billing', eac: 'eacs' };

export interface GraphAnswer {
  status: number;
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string; system?: string; subgraph?: string } }[];
}

/** A query on the internal endpoint as an internal user sends it. */
export async function internalQuery(system: System, query: string): Promise<GraphAnswer> {
  const res = await send(system.url, {
    method: 'POST', path: '/graphql', headers: { ...bearer(system.internalApiToken), 'content-type': 'application/json' }, body: JSON.stringify({ query }),
  });
  return { status: res.status, ...(res.json as Omit<GraphAnswer, 'status'>) };
}
