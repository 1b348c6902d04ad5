import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import express, { type RequestHandler } from 'express';
import type { Config } from '../lib/config';
import type { SubgraphUrls } from '../subgraphs';
import { requireInternalToken } from './auth';
import { useQueryLimits } from './plugins/useQueryLimits';
import { maskUpstreamError, UPSTREAM_TIMEOUT_MS } from './upstreamErrors';
import { loadSupergraph } from './supergraph';

export interface Gateway {
  /** Mount at `/graphql` on the public app. */
  handler: RequestHandler;
  close(): Promise<void>;
}

const EXAMPLE_QUERY = `# Send your internal token in the Headers tab:
# { "Authorization": "Bearer <INTERNAL_API_TOKEN>" }
query Accounts {
  accounts(first: 5) {
    nodes {
      id accountNumber accountName accountStatus
      serviceContracts {
        contractNumber serviceTypes ratePlanCode
        servicePoints { servicePointNumber currentMeterDevices { meterNumber meterTypes } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/**
 * The federation gateway (Hive Gateway runtime) over the checked-in supergraph, with the subgraph
 * URLs of this deployment, behind the internal token. GraphiQL is served with its assets inlined
 * (no CDN: the machines have no internet).
 */
export function createGateway(config: Pick<Config, 'INTERNAL_API_TOKEN'>, subgraphUrls: SubgraphUrls): Gateway {
  const runtime = createGatewayRuntime({
    supergraph: loadSupergraph(subgraphUrls),
    graphqlEndpoint: '/graphql',
    transports: { http: httpTransport },
    landingPage: false,
    logging: false,
    graphiql: { title: 'CDS Gateway — internal GraphQL', defaultQuery: EXAMPLE_QUERY },
    renderGraphiQL,
    plugins: () => [useQueryLimits()],
    // A subgraph that is down or silent is an error naming it, never a hang or an anonymous 'Unexpected error'.
    maskedErrors: { maskError: maskUpstreamError },
    upstreamTimeout: UPSTREAM_TIMEOUT_MS,
  });
  const router = express.Router();
  router.use(requireInternalToken(config.INTERNAL_API_TOKEN));
  // The runtime sees the full path (/graphql) through req.originalUrl.
  router.use((req, res) => {
    req.url = req.originalUrl;
    void runtime(req, res);
  });
  return { handler: router, close: async () => { await runtime.dispose(); } };
}
