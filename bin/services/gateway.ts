import express from 'express';
import { createGateway } from '../../gateway';
import type { SubgraphName } from '../../subgraphs';
import type { Config } from '../../lib/config';
import { healthz } from '../parts/health';
import { listen } from '../parts/listen';
import type { RunningSystem } from '../parts/running';
import { requireSettings } from './needs';
import type { Starter } from './starter';

const SUBGRAPH_URL = {
  accounts: 'ACCOUNTS_SUBGRAPH_URL', metering: 'METERING_SUBGRAPH_URL', billing: 'BILLING_SUBGRAPH_URL', eacs: 'EACS_SUBGRAPH_URL',
} as const satisfies Record<SubgraphName, keyof Config>;

/** The federation gateway alone (`SERVICE=gateway`): `/graphql` on PORT over the four subgraphs' URLs. */
export const gatewayService: Starter = async (loaded, log): Promise<RunningSystem> => {
  requireSettings(loaded, {
    ...Object.fromEntries(Object.entries(SUBGRAPH_URL).map(([name, setting]) => [setting, `the ${name} subgraph's URL`])),
    INTERNAL_API_TOKEN: 'the bearer token of /graphql; the facade and internal teams send the same one',
  });
  const { config } = loaded;
  const urls = Object.fromEntries(Object.entries(SUBGRAPH_URL).map(([name, setting]) => [name, config[setting]!])) as Record<SubgraphName, string>;
  const gateway = createGateway(config, urls);
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', healthz('gateway'));
  app.use('/graphql', gateway.handler);
  app.use((_req, res) => void res.status(404).json({ error: 'not_found', error_description: 'this service serves /graphql and /healthz' }));
  const served = await listen(app, config);
  log.info({ url: served.url, subgraphs: urls }, 'gateway started');
  return {
    url: served.url,
    banner: [`CDS Gateway federation gateway listening on ${served.url}/graphql (Authorization: Bearer $INTERNAL_API_TOKEN)`],
    close: async () => {
      await served.close();
      await gateway.close();
    },
  };
};
