import express, { type RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createGateway } from '../../../gateway';
import { startBillingSimulator } from '../../../legacy/billing';
import { startCisSimulator } from '../../../legacy/cis';
import { generateUtility, testCustomers } from '../../../legacy/generator';
import type { Utility } from '../../../legacy/generator/utility';
import { startMdmSimulator } from '../../../legacy/mdm';
import type { RunningSimulator } from '../../../legacy/sim/server';
import { configSchema, type Config } from '../../../lib/config';
import { cisAccountOwners, type AccessConnections } from '../../../rest-facade/access';
import { createFacade, type Facade } from '../../../rest-facade/app';
import { cisIdentityProvider } from '../../../rest-facade/consent';
import { createGraphClient } from '../../../rest-facade/graph';
import { MemoryStore, RedisStore, type Store } from '../../../rest-facade/store';
import { startSubgraphs, type RunningSubgraphs } from '../../../subgraphs';

export const TIMEZONE = 'America/Los_Angeles';
const INTERNAL_TOKEN = 'access-tests-internal-token-0123';
const ADMIN_TOKEN = 'access-tests-admin-token-0123';

export interface SystemOptions {
  seed?: string;
  accounts?: number;
  asOf?: string;
  /** A Redis URL (the suite's `inject('redisUrl')`); the embedded store otherwise. */
  redisUrl?: string;
  /** Facade settings (e.g. ACCESS_CACHE_TTL). */
  env?: Record<string, string>;
}

export interface System {
  utility: Utility;
  facade: Facade;
  /** The facade's public URL (127.0.0.1, port 0). */
  url: string;
  /** The operator API's bearer token. */
  adminApiToken: string;
  /** What the facade's access resolver is connected to (graph, customer directory). */
  connections: AccessConnections;
  cis: RunningSimulator;
  mdm: RunningSimulator;
  /** Requests the gateway received since the last reset (every federated query is one). */
  gatewayRequests(): number;
  resetCounters(): void;
  /** `POST /_sim/changes` on the CIS simulator (the utility is shared by every simulator). */
  change(kind: 'meter_swap' | 'move_out' | 'rate_plan_change', target?: string): Promise<{ changed: { table: string; id: string; action: string }[] }>;
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
 * The real parts over real HTTP on loopback: the generated utility in the CIS and MDM simulators,
 * the four subgraphs, the Hive gateway, and the facade with the consent pages and the access
 * resolver reading through the gateway. Billing answers the Bill Sections usage refers to; the EAC registry is not needed.
 */
export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const utility = generateUtility({
    seed: options.seed ?? 'access-tests', accounts: options.accounts ?? 120, asOf: options.asOf ?? '2026-08-01', timezone: TIMEZONE,
  });
  const cis = await startCisSimulator(utility);
  const mdm = await startMdmSimulator(utility);
  const billing = await startBillingSimulator(utility);
  const unreachable = 'http://127.0.0.1:9';
  const subgraphs: RunningSubgraphs = await startSubgraphs(
    { PUBLIC_URL: 'http://localhost:8080', CDS_TIMEZONE: TIMEZONE },
    { cis: cis.url, mdm: mdm.url, billing: billing.url, eac: unreachable },
  );
  const gateway = createGateway({ INTERNAL_API_TOKEN: INTERNAL_TOKEN }, subgraphs.urls);
  let gatewayCalls = 0;
  const counting: RequestHandler = (req, _res, next) => { if (req.method === 'POST') gatewayCalls += 1; next(); };
  const graphApp = express();
  graphApp.use('/graphql', counting, gateway.handler);
  const graphServer = await listen(graphApp);

  const store: Store = options.redisUrl
    ? new RedisStore(options.redisUrl, { keyPrefix: `access-system:${randomUUID()}:` })
    : new MemoryStore();
  const host = express();
  const facadeServer = await listen(host);
  const parsed = configSchema.parse({
    PORT: '0', CDS_TIMEZONE: TIMEZONE, RATE_LIMIT_ANONYMOUS: '100000', RATE_LIMIT_CLIENT: '100000', RATE_LIMIT_AUTH_FAILURES: '100000',
    ...options.env,
  });
  const config: Config = { ...parsed, INTERNAL_API_TOKEN: INTERNAL_TOKEN, ADMIN_API_TOKEN: ADMIN_TOKEN, PUBLIC_URL: facadeServer.url };
  const graph = createGraphClient({ url: `${graphServer.url}/graphql`, token: INTERNAL_TOKEN });
  const identity = cisIdentityProvider(cis.url);
  const connections: AccessConnections = {
    graph, accountsOf: (customerId) => identity.accountIds(customerId), accountOwners: cisAccountOwners(cis.url),
    timings: { pendingEtaMs: 1000, recheckMs: 0, retryMs: 0 },
  };
  const facade = createFacade({
    config, store, log: pino({ level: 'silent' }),
    consent: {
      graph, identity,
      testAccounts: { list: async () => testCustomers(utility).map((t) => ({ username: t.USER_NAME, password: t.PASSWORD, description: t.description })) },
    },
    access: connections,
  });
  host.use(facade.app);

  return {
    utility, facade, url: facadeServer.url, adminApiToken: ADMIN_TOKEN, connections, cis, mdm,
    gatewayRequests: () => gatewayCalls,
    resetCounters() {
      gatewayCalls = 0;
      cis.counters.reset();
      mdm.counters.reset();
    },
    async change(kind, target) {
      const res = await fetch(`${cis.url}/_sim/changes`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, ...(target ? { target } : {}) }),
      });
      if (!res.ok) throw new Error(`change ${kind} failed: HTTP ${res.status} ${await res.text()}`);
      return res.json() as never;
    },
    async close() {
      await facade.context.access?.worker.stop();
      await stop(facadeServer.server);
      await store.close();
      await stop(graphServer.server);
      await gateway.close();
      await subgraphs.close();
      await Promise.all([cis.close(), mdm.close(), billing.close()]);
    },
  };
}
