import { LEGACY_SYSTEM_OF, startNamedSubgraph, type LegacyUrls, type SubgraphName } from '../../subgraphs';
import type { Config } from '../../lib/config';
import type { RunningSystem } from '../parts/running';
import { requireSettings } from './needs';
import type { Starter } from './starter';

/** The setting that locates each legacy system. */
const LEGACY_URL = { cis: 'CIS_URL', mdm: 'MDM_URL', billing: 'BILLING_URL', eac: 'EAC_URL' } as const satisfies Record<keyof LegacyUrls, keyof Config>;

/** One subgraph alone (`SERVICE=subgraph-<name>`) on PORT, over the legacy system its URL setting names. */
export function subgraphService(name: SubgraphName): Starter {
  return async (loaded, log): Promise<RunningSystem> => {
    const setting = LEGACY_URL[LEGACY_SYSTEM_OF[name]];
    requireSettings(loaded, { [setting]: `where the ${LEGACY_SYSTEM_OF[name]} system answers (the ${name} subgraph reads it)` });
    const { config } = loaded;
    const subgraph = await startNamedSubgraph(name, config, config[setting]!, { log, port: config.PORT, host: config.HOST });
    const url = `http://localhost:${new URL(subgraph.url).port}`;
    log.info({ subgraph: name, url, legacy: config[setting] }, 'subgraph started');
    return {
      url,
      banner: [`CDS Gateway ${name} subgraph listening on ${url} (GraphQL at /, over ${config[setting]})`],
      close: subgraph.close,
    };
  };
}
