import type { LoadedConfig, Service } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { startAllInOne } from '../allInOne';
import type { RunningSystem } from '../parts/running';
import { facadeService } from './facade';
import { gatewayService } from './gateway';
import { legacyService } from './legacy';
import type { Starter } from './starter';
import { subgraphService } from './subgraph';

/** Each `SERVICE` value and what it starts; `all` is the embedded default. */
const STARTERS: Record<Service, Starter> = {
  all: ({ config }, log) => startAllInOne(config, log),
  cis: legacyService('cis'),
  mdm: legacyService('mdm'),
  billing: legacyService('billing'),
  eac: legacyService('eac'),
  'subgraph-accounts': subgraphService('accounts'),
  'subgraph-metering': subgraphService('metering'),
  'subgraph-billing': subgraphService('billing'),
  'subgraph-eacs': subgraphService('eacs'),
  gateway: gatewayService,
  facade: facadeService,
};

/** Starts what `SERVICE` names; rejects with a ConfigError when a setting it needs is missing. */
export function startService(loaded: LoadedConfig, log: Logger): Promise<RunningSystem> {
  return STARTERS[loaded.config.SERVICE](loaded, log);
}

export type { RunningSystem } from '../parts/running';
export type { Starter } from './starter';
