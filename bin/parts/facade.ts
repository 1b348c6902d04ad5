import type { Express } from 'express';
import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { testCustomers, type Utility } from '../../legacy/generator';
import { cisAccountOwners, type AccessConnections } from '../../rest-facade/access';
import { createFacade, type Facade } from '../../rest-facade/app';
import { cisIdentityProvider } from '../../rest-facade/consent';
import { createGraphClient } from '../../rest-facade/graph';
import type { Store } from '../../rest-facade/store';

export interface FacadeConnections {
  /** The gateway's GraphQL endpoint; a function when it is known only once the process listens. */
  graphqlUrl: string | (() => string);
  /** The CIS: customer sign-in on the consent pages and account holders for the access resolver. */
  cisUrl: string;
  /** The demo utility whose test customers `/test-accounts` lists; called on first use. */
  demoUtility: () => Utility;
}

export interface FacadePart {
  /** Mount last: it answers every path it does not serve with a JSON 404. */
  app: Express;
  /** The assembled facade and the access resolver's connections (tests look inside). */
  facade: Facade;
  access: AccessConnections;
  close(): Promise<void>;
}

/** What tests change; a deployment uses the defaults. */
export interface FacadePartOptions {
  /** Period of the pending-Grant worker; 0 leaves stepping it to the caller. */
  workerIntervalMs?: number;
  timings?: AccessConnections['timings'];
  clock?: () => number;
}

/** The REST facade with the consent pages and the Customer Data APIs, and its pending-Grant worker running. */
export function startFacadePart(config: Config, store: Store, log: Logger, connections: FacadeConnections, options: FacadePartOptions = {}): FacadePart {
  // The facade reaches the gateway over HTTP like any internal client.
  const graph = createGraphClient({ url: connections.graphqlUrl, token: config.INTERNAL_API_TOKEN });
  const identity = cisIdentityProvider(connections.cisUrl);
  const consent = {
    graph,
    identity,
    testAccounts: {
      list: async () => testCustomers(connections.demoUtility())
        .map((t) => ({ username: t.USER_NAME, password: t.PASSWORD, description: t.description })),
    },
  };
  // The access resolver reads the same graph and customer directory; its worker advances pending Grants.
  const access: AccessConnections = {
    graph, accountsOf: (customerId: string) => identity.accountIds(customerId), accountOwners: cisAccountOwners(connections.cisUrl),
    timings: options.timings,
  };
  const facade = createFacade({ config, store, log, consent, access, clock: options.clock });
  const interval = options.workerIntervalMs ?? 2_000;
  if (interval > 0) facade.context.access?.worker.start(interval);
  return { app: facade.app, facade, access, close: async () => { await facade.context.access?.worker.stop(); } };
}
