import express from 'express';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import { createGateway } from '../gateway';
import { startLegacySystems } from '../legacy';
import { createStore } from '../rest-facade/store';
import { startSubgraphs, subgraphUrlsFrom } from '../subgraphs';
import { startFacadePart } from './parts/facade';
import { healthz } from './parts/health';
import { listen } from './parts/listen';
import type { RunningSystem } from './parts/running';

export type { RunningSystem } from './parts/running';

/** Starts every part in this process; internal parts listen on loopback ports, the public app on PORT. */
export async function startAllInOne(config: Config, log: Logger): Promise<RunningSystem> {
  const legacy = await startLegacySystems(config);
  const legacyUrls = { cis: legacy.cis?.url, mdm: legacy.mdm?.url, billing: legacy.billing?.url, eac: legacy.eac?.url };
  log.info({ ...legacyUrls, accounts: legacy.utility.cis.accounts.length, asOf: legacy.utility.asOf }, 'legacy simulators started');
  const subgraphs = await startSubgraphs(config, {
    cis: config.CIS_URL ?? legacy.cis!.url, mdm: config.MDM_URL ?? legacy.mdm!.url,
    billing: config.BILLING_URL ?? legacy.billing!.url, eac: config.EAC_URL ?? legacy.eac!.url,
  }, { log });
  const gateway = createGateway(config, subgraphUrlsFrom(config, subgraphs.urls));
  log.info(subgraphs.urls, 'subgraphs started');
  const store = createStore(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', healthz('all', store));
  app.use('/graphql', gateway.handler);
  // The facade's graph client calls this process's own /graphql, whose port is known once listening.
  let internalUrl = '';
  const facade = startFacadePart(config, store, log, {
    graphqlUrl: () => config.GATEWAY_URL ?? `${internalUrl}/graphql`,
    cisUrl: config.CIS_URL ?? legacy.cis!.url,
    demoUtility: () => legacy.utility,
  });
  app.use(facade.app);

  const served = await listen(app, config);
  internalUrl = served.internalUrl;
  const { url } = served;
  log.info({ url, store: store.kind }, 'cds-gateway started');
  return {
    url,
    banner: [
      `CDS Gateway listening on ${url} (public URL ${config.PUBLIC_URL})`,
      store.kind === 'memory'
        ? 'Store: embedded in-process store (REDIS_URL unset; state is lost on exit and not shared between processes)'
        : 'Store: Redis',
      `Internal GraphQL (Authorization: Bearer $INTERNAL_API_TOKEN; GraphiQL in a browser): ${url}/graphql`,
      `Legacy systems (synthetic utility, ${legacy.utility.cis.accounts.length} accounts as of ${legacy.utility.asOf}): ${Object.entries(legacyUrls).map(([k, v]) => `${k} ${v ?? 'external'}`).join(', ')}`,
    ],
    close: async () => {
      await served.close();
      await facade.close();
      await store.close();
      await gateway.close();
      await subgraphs.close();
      await legacy.close();
    },
  };
}
