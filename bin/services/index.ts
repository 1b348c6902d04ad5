import type { LoadedConfig, Service } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import type { RunningSystem } from '../parts/running';
import type { Starter } from './starter';

/**
 * Each `SERVICE` value and its starter; `all` is the embedded default. Imported on demand, so a
 * process loads only the code of the part it runs.
 */
const STARTERS: Record<Service, () => Promise<Starter>> = {
  all: async () => {
    const { startAllInOne } = await import('../allInOne');
    return ({ config }, log) => startAllInOne(config, log);
  },
  cis: async () => (await import('./legacy')).legacyService('cis'),
  mdm: async () => (await import('./legacy')).legacyService('mdm'),
  billing: async () => (await import('./legacy')).legacyService('billing'),
  eac: async () => (await import('./legacy')).legacyService('eac'),
  'subgraph-accounts': async () => (await import('./subgraph')).subgraphService('accounts'),
  'subgraph-metering': async () => (await import('./subgraph')).subgraphService('metering'),
  'subgraph-billing': async () => (await import('./subgraph')).subgraphService('billing'),
  'subgraph-eacs': async () => (await import('./subgraph')).subgraphService('eacs'),
  gateway: async () => (await import('./gateway')).gatewayService,
  facade: async () => (await import('./facade')).facadeService,
};

/** Starts what `SERVICE` names; rejects with a ConfigError when a setting it needs is missing. */
export async function startService(loaded: LoadedConfig, log: Logger): Promise<RunningSystem> {
  const start = await STARTERS[loaded.config.SERVICE]();
  return start(loaded, log);
}

export type { RunningSystem } from '../parts/running';
export type { Starter } from './starter';
