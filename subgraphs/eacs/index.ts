import type { Logger } from '../../lib/logger';
import { buildSubgraph, LegacyClient, once, startSubgraph, type RunningSubgraph } from '../shared';
import { EacRegistry } from './registry';
import { createEacsContext, type EacsContext } from './context';
import { EacResolver } from './resolver';

/** The eacs subgraph (EAC registry): EnergyAttributeCertificate. */
export const buildEacsSubgraph = once(() =>
  buildSubgraph<EacsContext>({
    name: 'eacs',
    resolvers: [EacResolver],
    references: {
      EnergyAttributeCertificate: async (ref, ctx) => (await ctx.certificates([ref.id]))[0] ?? null,
    },
  }),
);

export interface EacsSubgraphOptions {
  eacUrl: string;
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  legacyTimeoutMs?: number;
  log?: Logger;
}

export async function startEacsSubgraph(options: EacsSubgraphOptions): Promise<RunningSubgraph> {
  const registry = new EacRegistry(new LegacyClient({ system: 'EAC registry', baseUrl: options.eacUrl, timeoutMs: options.legacyTimeoutMs }));
  return startSubgraph(await buildEacsSubgraph(), { createContext: () => createEacsContext(registry), port: options.port, host: options.host, log: options.log });
}
