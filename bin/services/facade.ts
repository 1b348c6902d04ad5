import express from 'express';
import { generateUtility, type Utility } from '../../legacy/generator';
import { createStore } from '../../rest-facade/store';
import { startFacadePart } from '../parts/facade';
import { healthz } from '../parts/health';
import { listen } from '../parts/listen';
import type { RunningSystem } from '../parts/running';
import { requireSettings, SAME_DEMO_UTILITY, type Needs } from './needs';
import type { Starter } from './starter';

/**
 * One REST facade replica (`SERVICE=facade`) on PORT: CDS metadata, OAuth, the wg1 APIs, the consent
 * pages and the Customer Data APIs. Replicas share all state through Redis, so any number of them
 * can stand behind a load balancer; they must agree on the tokens and PUBLIC_URL.
 */
export const facadeService: Starter = async (loaded, log): Promise<RunningSystem> => {
  const { config } = loaded;
  const needs: Needs = {
    GATEWAY_URL: "the federation gateway's GraphQL endpoint (e.g. http://gateway:8080/graphql)",
    CIS_URL: 'the CIS, where customers sign in on the consent pages',
    INTERNAL_API_TOKEN: "the gateway's bearer token",
    ADMIN_API_TOKEN: 'the operator API token, the same in every facade replica',
    ...SAME_DEMO_UTILITY,
  };
  if (!config.ALLOW_EMBEDDED_STORE) {
    needs.REDIS_URL = 'the store every facade replica shares (ALLOW_EMBEDDED_STORE=true runs a single replica without it)';
  }
  requireSettings(loaded, needs);
  const store = createStore(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  // Only /test-accounts needs the demo utility: generate it (as the simulators do) on first use.
  let utility: Utility | undefined;
  const demoUtility = () => (utility ??= generateUtility({
    seed: config.DEMO_SEED, accounts: config.DEMO_ACCOUNTS, asOf: config.DEMO_AS_OF!, timezone: config.CDS_TIMEZONE,
  }));
  const facade = startFacadePart(config, store, log, { graphqlUrl: config.GATEWAY_URL!, cisUrl: config.CIS_URL!, demoUtility });
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', healthz('facade', store));
  app.use(facade.app);
  const served = await listen(app, config);
  log.info({ url: served.url, store: store.kind, gateway: config.GATEWAY_URL }, 'facade started');
  return {
    url: served.url,
    banner: [
      `CDS Gateway REST facade listening on ${served.url} (public URL ${config.PUBLIC_URL})`,
      store.kind === 'memory'
        ? 'Store: embedded in-process store (ALLOW_EMBEDDED_STORE=true; run one replica only)'
        : 'Store: Redis (shared by every replica)',
    ],
    close: async () => {
      await served.close();
      await facade.close();
      await store.close();
    },
  };
};
