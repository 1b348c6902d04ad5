import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { startFacadePart } from '../../bin/parts/facade';
import { healthz } from '../../bin/parts/health';
import { createGateway, type Gateway } from '../../gateway';
import { startLegacySystems, type LegacySystems, type RunningSimulator, type SimulatorOptions } from '../../legacy';
import { startBillingSimulator } from '../../legacy/billing';
import { startCisSimulator } from '../../legacy/cis';
import { startEacSimulator } from '../../legacy/eac';
import type { Utility } from '../../legacy/generator/utility';
import { startMdmSimulator } from '../../legacy/mdm';
import { configSchema, type Config } from '../../lib/config';
import { createLogger } from '../../lib/logger';
import type { AccessConnections } from '../../rest-facade/access';
import type { Facade } from '../../rest-facade/app';
import { createGraphClient, type GraphClient } from '../../rest-facade/graph';
import { createStore, type Store } from '../../rest-facade/store';
import { LEGACY_SYSTEM_OF, startNamedSubgraph, SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs';
import type { RunningSubgraph } from '../../subgraphs/shared';

export const TIMEZONE = 'America/Los_Angeles';
export const AS_OF = '2026-08-01';

export type LegacyName = 'cis' | 'mdm' | 'billing' | 'eac';
/** A part the fault suites can stop (its port then refuses connections) and start again on the same port; named as `SERVICE` names it. */
export type Part = LegacyName | `subgraph-${SubgraphName}`;

export interface SystemOptions {
  seed: string;
  accounts: number;
  asOf?: string;
  /** A Redis URL (a suite's `inject('redisUrl')`, or its own redis-server); the embedded store otherwise. */
  redisUrl?: string;
  /** Settings as environment variables (e.g. ACCESS_CACHE_TTL); rate limits are lifted unless set here. */
  env?: Record<string, string>;
  /** Attach the real Green Button files as meters. */
  greenButton?: boolean;
  /** Run the pending-Grant worker on a timer as a deployment does; by default tests step it themselves. */
  workerIntervalMs?: number;
  /** How long a subgraph waits for its legacy system (default 10 s, the deployment's). */
  legacyTimeoutMs?: number;
  /** The facade's clock (tests move it to expire codes and tokens). */
  clock?: () => number;
}

export interface System {
  config: Config;
  /** The public URL (127.0.0.1, port 0): the facade, `/healthz` and the internal `/graphql`. */
  url: string;
  /** The internal GraphQL endpoint (bearer `internalApiToken`), served beside the facade as in the all-in-one. */
  graphqlUrl: string;
  internalApiToken: string;
  /** The operator API's bearer token. */
  adminApiToken: string;
  /** The facade's store (Redis with this system's own key prefix, or the embedded one). */
  store: Store;
  facade: Facade;
  /** What the facade's access resolver is connected to (graph, customer directory). */
  connections: AccessConnections;
  /** A client of the gateway like the facade's, for tests that look at the graph directly. */
  graph: GraphClient;
  legacy: LegacySystems;
  utility: Utility;
  readonly cis: RunningSimulator;
  readonly mdm: RunningSimulator;
  readonly billing: RunningSimulator;
  readonly eac: RunningSimulator;
  readonly simulators: RunningSimulator[];
  /** Calls the legacy simulators received since the last reset. */
  legacyCalls(): number;
  /** Federated queries the gateway received since the last reset (every POST to /graphql). */
  gatewayRequests(): number;
  resetCounters(): void;
  /** Every simulator back to no latency, no errors, no outage. */
  resetFaults(): void;
  /** `POST /_sim/changes` on the CIS simulator (the utility is shared by every simulator). */
  change(kind: 'meter_swap' | 'move_out' | 'rate_plan_change', target?: string): Promise<{ changed: { table: string; id: string; action: string }[] }>;
  /** Stops a legacy simulator or a subgraph: connections in flight are cut and its port refuses new ones. */
  stop(part: Part): Promise<void>;
  /** Starts a stopped part again on its port. */
  start(part: Part): Promise<void>;
  /** Where a subgraph listens (the gateway keeps calling there while it is stopped). */
  subgraphUrl(name: SubgraphName): string;
  close(): Promise<void>;
}

const LEGACY_STARTERS: Record<LegacyName, (utility: Utility, options: SimulatorOptions) => Promise<RunningSimulator>> = {
  cis: startCisSimulator, mdm: startMdmSimulator, billing: startBillingSimulator, eac: startEacSimulator,
};
const LEGACY_NAMES = Object.keys(LEGACY_STARTERS) as LegacyName[];
const isLegacy = (part: Part): part is LegacyName => (LEGACY_NAMES as string[]).includes(part);
const subgraphOf = (part: `subgraph-${SubgraphName}`) => part.slice('subgraph-'.length) as SubgraphName;
const portOf = (url: string) => Number(new URL(url).port);

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stopServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/**
 * The whole system as the all-in-one (bin/allInOne.ts) assembles it, on loopback over real HTTP:
 * the four legacy simulators over a generated utility, the four subgraphs, the Hive gateway served
 * at `/graphql` beside the facade (startFacadePart: consent pages, access resolver, Customer Data
 * APIs), `/healthz`, and the store (a real Redis when given). Unlike the all-in-one, each simulator
 * and subgraph can be stopped and started again on its port, and the pending-Grant worker is
 * stepped by the tests unless asked to run.
 */
export async function startSystem(options: SystemOptions): Promise<System> {
  const host = express();
  host.disable('x-powered-by');
  const served = await listen(host);
  const parsed = configSchema.parse({
    PORT: '0', HOST: '127.0.0.1', PUBLIC_URL: served.url, CDS_TIMEZONE: TIMEZONE, LOG_LEVEL: 'silent',
    DEMO_SEED: options.seed, DEMO_ACCOUNTS: String(options.accounts), DEMO_AS_OF: options.asOf ?? AS_OF,
    RATE_LIMIT_ANONYMOUS: '1000000', RATE_LIMIT_CLIENT: '1000000', RATE_LIMIT_AUTH_FAILURES: '1000000',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: `system:${randomUUID()}:` } : {}),
    ...options.env,
  });
  const config: Config = {
    ...parsed, PUBLIC_URL: served.url,
    INTERNAL_API_TOKEN: `internal-${randomUUID()}`, ADMIN_API_TOKEN: `admin-${randomUUID()}`,
  };
  const log = createLogger(config.LOG_LEVEL);

  const legacy = await startLegacySystems({
    seed: config.DEMO_SEED, accounts: config.DEMO_ACCOUNTS, asOf: config.DEMO_AS_OF, timezone: config.CDS_TIMEZONE,
    greenButtonDir: options.greenButton ? config.GREENBUTTON_DIR : null,
  });
  const simulator = (name: LegacyName) => legacy[name]!;
  const legacyUrls = Object.fromEntries(LEGACY_NAMES.map((name) => [name, simulator(name).url])) as Record<LegacyName, string>;
  const subgraphs = new Map<SubgraphName, RunningSubgraph | null>();
  const subgraphPorts = new Map<SubgraphName, number>();
  const startSubgraph = async (name: SubgraphName) => {
    const running = await startNamedSubgraph(name, config, legacyUrls[LEGACY_SYSTEM_OF[name]], {
      port: subgraphPorts.get(name), legacyTimeoutMs: options.legacyTimeoutMs,
    });
    subgraphs.set(name, running);
    subgraphPorts.set(name, portOf(running.url));
  };
  for (const name of SUBGRAPH_NAMES) await startSubgraph(name);
  const gateway: Gateway = createGateway(config, Object.fromEntries([...subgraphs].map(([name, s]) => [name, s!.url])) as Record<SubgraphName, string>);

  let gatewayCalls = 0;
  const counting: RequestHandler = (req, _res, next) => {
    if (req.method === 'POST') gatewayCalls += 1;
    next();
  };
  const store = createStore(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const graphqlUrl = `${served.url}/graphql`;
  const facadePart = startFacadePart(config, store, log, {
    graphqlUrl, cisUrl: legacyUrls.cis, demoUtility: () => legacy.utility,
  }, {
    workerIntervalMs: options.workerIntervalMs ?? 0,
    timings: { pendingEtaMs: 1000, recheckMs: 0, retryMs: 0 },
    clock: options.clock,
  });
  host.get('/healthz', healthz('all', store));
  host.use('/graphql', counting, gateway.handler);
  host.use(facadePart.app);

  const simulators = () => LEGACY_NAMES.map(simulator);
  return {
    config, url: served.url, graphqlUrl, internalApiToken: config.INTERNAL_API_TOKEN, adminApiToken: config.ADMIN_API_TOKEN,
    store, facade: facadePart.facade, connections: facadePart.access, legacy, utility: legacy.utility,
    graph: createGraphClient({ url: graphqlUrl, token: config.INTERNAL_API_TOKEN }),
    get cis() { return simulator('cis'); },
    get mdm() { return simulator('mdm'); },
    get billing() { return simulator('billing'); },
    get eac() { return simulator('eac'); },
    get simulators() { return simulators(); },
    legacyCalls: () => simulators().reduce((n, s) => n + s.counters.total, 0),
    gatewayRequests: () => gatewayCalls,
    resetCounters() {
      gatewayCalls = 0;
      for (const s of simulators()) s.counters.reset();
    },
    resetFaults() {
      for (const s of simulators()) Object.assign(s.knobs, { outage: false, errorRate: 0, latencyMs: 0 });
    },
    async change(kind, target) {
      const res = await fetch(`${legacyUrls.cis}/_sim/changes`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, ...(target ? { target } : {}) }),
      });
      if (!res.ok) throw new Error(`change ${kind} failed: HTTP ${res.status} ${await res.text()}`);
      return res.json() as never;
    },
    async stop(part) {
      if (isLegacy(part)) return simulator(part).close();
      await subgraphs.get(subgraphOf(part))?.close();
      subgraphs.set(subgraphOf(part), null);
    },
    async start(part) {
      if (!isLegacy(part)) return startSubgraph(subgraphOf(part));
      // A fresh process: default knobs, zero counters.
      legacy[part] = await LEGACY_STARTERS[part](legacy.utility, { port: portOf(simulator(part).url) });
    },
    subgraphUrl: (name) => `http://127.0.0.1:${subgraphPorts.get(name)}/`,
    async close() {
      await facadePart.close();
      await stopServer(served.server);
      await store.close();
      await gateway.close();
      await Promise.all([...subgraphs.values()].map((s) => s?.close()));
      // The simulators now running (a restarted one replaces its first instance).
      await Promise.all(simulators().map((s) => s.close()));
    },
  };
}
