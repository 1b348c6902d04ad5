import type { Express } from 'express';
import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { testCustomers, type Utility } from '../../legacy/generator';
import { cisAccountOwners } from '../../rest-facade/access';
import { createFacade } from '../../rest-facade/app';
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
  close(): Promise<void>;
}

/** The REST facade with the consent pages and the Customer Data APIs, and its pending-Grant worker running. */
export function startFacadePart(config: Config, store: Store, log: Logger, connections: FacadeConnections): FacadePart {
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
  const access = { graph, accountsOf: (customerId: string) => identity.accountIds(customerId), accountOwners: cisAccountOwners(connections.cisUrl) };
  const facade = createFacade({ config, store, log, consent, access });
  facade.context.access?.worker.start(2_000);
  return { app: facade.app, close: async () => { await facade.context.access?.worker.stop(); } };
}
