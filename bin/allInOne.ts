import express from 'express';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import { createGateway } from '../gateway';
import { startLegacySystems } from '../legacy';
import { testCustomers } from '../legacy/generator';
import { cisAccountOwners } from '../rest-facade/access';
import { createFacade } from '../rest-facade/app';
import { cisIdentityProvider } from '../rest-facade/consent';
import { createGraphClient } from '../rest-facade/graph';
import { createStore } from '../rest-facade/store';
import { startSubgraphs, subgraphUrlsFrom } from '../subgraphs';

export interface RunningSystem {
  url: string;
  banner: string[];
  close(): Promise<void>;
}

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
  app.get('/healthz', async (_req, res) => {
    const ok = await store.ping();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', store: store.kind });
  });
  app.use('/graphql', gateway.handler);
  // The facade reaches the gateway over HTTP like any internal client; its port is known once listening.
  let internalUrl = '';
  const consent = {
    graph: createGraphClient({ url: () => config.GATEWAY_URL ?? `${internalUrl}/graphql`, token: config.INTERNAL_API_TOKEN }),
    identity: cisIdentityProvider(config.CIS_URL ?? legacy.cis!.url),
    testAccounts: { list: async () => testCustomers(legacy.utility).map((t) => ({ username: t.USER_NAME, password: t.PASSWORD, description: t.description })) },
  };
  // The access resolver reads the same graph and customer directory; its worker advances pending Grants.
  const access = {
    graph: consent.graph, accountsOf: (customerId: string) => consent.identity.accountIds(customerId),
    accountOwners: cisAccountOwners(config.CIS_URL ?? legacy.cis!.url),
  };
  const facade = createFacade({ config, store, log, consent, access });
  facade.context.access?.worker.start(2_000);
  // The REST facade answers every path it does not serve with a JSON 404: mount other parts above it.
  app.use(facade.app);

  const server: Server = app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const url = `http://localhost:${port}`;
  internalUrl = `http://${['0.0.0.0', '::'].includes(config.HOST) ? '127.0.0.1' : config.HOST}:${port}`;
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
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await facade.context.access?.worker.stop();
      await store.close();
      await gateway.close();
      await subgraphs.close();
      await legacy.close();
    },
  };
}
