import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { pino } from 'pino';
import { createGateway } from '../../../gateway';
import { startLegacySystems, type LegacySystems } from '../../../legacy';
import { testCustomers } from '../../../legacy/generator';
import type { RunningSimulator } from '../../../legacy/sim/server';
import { configSchema, type Config } from '../../../lib/config';
import { cisAccountOwners } from '../../../rest-facade/access';
import { createFacade, type Facade } from '../../../rest-facade/app';
import { cisIdentityProvider } from '../../../rest-facade/consent';
import { createGraphClient, type GraphClient } from '../../../rest-facade/graph';
import { MemoryStore, RedisStore, type Store } from '../../../rest-facade/store';
import { startSubgraphs } from '../../../subgraphs';

export const TIMEZONE = 'America/Los_Angeles';
export const AS_OF = '2026-08-01';
const INTERNAL_TOKEN = 'customer-data-tests-internal-token';

export interface SystemOptions {
  seed?: string;
  accounts?: number;
  /** A Redis URL (the suite's `inject('redisUrl')`); the embedded store otherwise. */
  redisUrl?: string;
  /** Facade settings. */
  env?: Record<string, string>;
  /** Attach the real Green Button files as meters. */
  greenButton?: boolean;
}

export interface System {
  legacy: LegacySystems;
  facade: Facade;
  /** The facade's public URL (127.0.0.1, port 0). */
  url: string;
  simulators: RunningSimulator[];
  /** The facade's client of the gateway (for tests that look at the graph directly). */
  graph: GraphClient;
  /** Calls the legacy simulators received since the last reset. */
  legacyCalls(): number;
  /** Federated queries the gateway received since the last reset. */
  gatewayRequests(): number;
  resetCounters(): void;
  close(): Promise<void>;
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Every real part over real HTTP on loopback: the four legacy simulators over a small generated
 * utility, the four subgraphs, the Hive gateway, and the facade with the access resolver and the
 * Customer Data APIs reading through the gateway.
 */
export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const legacy = await startLegacySystems({
    seed: options.seed ?? 'customer-data-tests', accounts: options.accounts ?? 80, asOf: AS_OF, timezone: TIMEZONE,
    greenButtonDir: options.greenButton ? configSchema.parse({}).GREENBUTTON_DIR : null,
  });
  const simulators = [legacy.cis!, legacy.mdm!, legacy.billing!, legacy.eac!];
  const subgraphs = await startSubgraphs(
    { PUBLIC_URL: 'http://localhost:8080', CDS_TIMEZONE: TIMEZONE },
    { cis: legacy.cis!.url, mdm: legacy.mdm!.url, billing: legacy.billing!.url, eac: legacy.eac!.url },
  );
  const gateway = createGateway({ INTERNAL_API_TOKEN: INTERNAL_TOKEN }, subgraphs.urls);
  let gatewayCalls = 0;
  const counting: RequestHandler = (req, _res, next) => {
    if (req.method === 'POST') gatewayCalls += 1;
    next();
  };
  const graphApp = express();
  graphApp.use('/graphql', counting, gateway.handler);
  const graphServer = await listen(graphApp);

  const store: Store = options.redisUrl
    ? new RedisStore(options.redisUrl, { keyPrefix: `customer-data:${randomUUID()}:` })
    : new MemoryStore();
  const host = express();
  const facadeServer = await listen(host);
  const parsed = configSchema.parse({
    PORT: '0', CDS_TIMEZONE: TIMEZONE, RATE_LIMIT_ANONYMOUS: '1000000', RATE_LIMIT_CLIENT: '1000000', RATE_LIMIT_AUTH_FAILURES: '1000000',
    ...options.env,
  });
  const config: Config = { ...parsed, INTERNAL_API_TOKEN: INTERNAL_TOKEN, ADMIN_API_TOKEN: 'customer-data-tests-admin-token', PUBLIC_URL: facadeServer.url };
  const graph = createGraphClient({ url: `${graphServer.url}/graphql`, token: INTERNAL_TOKEN });
  const identity = cisIdentityProvider(legacy.cis!.url);
  const facade = createFacade({
    config, store, log: pino({ level: 'silent' }),
    consent: {
      graph, identity,
      testAccounts: { list: async () => testCustomers(legacy.utility).map((t) => ({ username: t.USER_NAME, password: t.PASSWORD, description: t.description })) },
    },
    access: {
      graph, accountsOf: (customerId) => identity.accountIds(customerId), accountOwners: cisAccountOwners(legacy.cis!.url),
      timings: { pendingEtaMs: 1000, recheckMs: 0, retryMs: 0 },
    },
  });
  host.use(facade.app);

  return {
    legacy, facade, url: facadeServer.url, simulators, graph,
    legacyCalls: () => simulators.reduce((n, s) => n + s.counters.total, 0),
    gatewayRequests: () => gatewayCalls,
    resetCounters() {
      gatewayCalls = 0;
      for (const s of simulators) s.counters.reset();
    },
    async close() {
      await facade.context.access?.worker.stop();
      await stop(facadeServer.server);
      await store.close();
      await stop(graphServer.server);
      await gateway.close();
      await subgraphs.close();
      await legacy.close();
    },
  };
}
