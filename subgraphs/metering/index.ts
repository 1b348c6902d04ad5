import type { Logger } from '../../lib/logger';
import { buildSubgraph, LegacyClient, once, startSubgraph, type RunningSubgraph } from '../shared';
import { MdmClient } from './adapter/mdm';
import { createMeteringContext, type MeteringContext } from './context';
import { AggregationMetersResolver, MeterDeviceResolver, ServicePointMetersResolver } from './resolvers/meterDevice';
import { UsageSegmentResolver } from './resolvers/usageSegment';
import { Aggregation } from './types/aggregation';
import { VALUE_FORMAT_TYPES } from './types/valueFormat';

/** The metering subgraph (MDM): MeterDevice, UsageSegment, and the meters of a ServicePoint. */
export const buildMeteringSubgraph = once(() =>
  buildSubgraph<MeteringContext>({
    name: 'metering',
    resolvers: [MeterDeviceResolver, ServicePointMetersResolver, AggregationMetersResolver, UsageSegmentResolver],
    orphanedTypes: [...VALUE_FORMAT_TYPES, Aggregation],
    references: {
      MeterDevice: async (ref, ctx) => (await ctx.meterDevices([ref.id]))[0] ?? null,
      // Service points live in the CIS; this subgraph only adds their meters.
      ServicePoint: (ref) => ({ id: ref.id }),
      UsageSegment: (ref, ctx) => ctx.segments.load(ref.id),
      // The representation carries the @requires fields.
      Aggregation: (ref) => ref,
    },
  }),
);

export interface MeteringSubgraphOptions {
  mdmUrl: string;
  /** The server's `cds_timezone`: usage segments are its local days. */
  timezone: string;
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  legacyTimeoutMs?: number;
  log?: Logger;
}

export async function startMeteringSubgraph(options: MeteringSubgraphOptions): Promise<RunningSubgraph> {
  const mdm = new MdmClient(new LegacyClient({ system: 'MDM', baseUrl: options.mdmUrl, timeoutMs: options.legacyTimeoutMs }));
  return startSubgraph(await buildMeteringSubgraph(), {
    createContext: () => createMeteringContext(mdm, options.timezone),
    port: options.port, host: options.host,
    log: options.log,
  });
}
