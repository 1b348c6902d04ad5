import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../lib/logger';
import type { BuiltSubgraph } from './buildSubgraph';

export interface RunningSubgraph {
  name: string;
  url: string;
  close(): Promise<void>;
}

export interface StartSubgraphOptions<TContext extends BaseContext> {
  /** Called once per request: a fresh context means fresh DataLoaders, so nothing is cached across requests. */
  createContext: () => TContext;
  port?: number;
  host?: string;
  log?: Logger;
}

/** Error codes we raise on purpose; anything else is an internal error and its message is not exposed. */
const EXPOSED_CODES = new Set([
  'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
  'LEGACY_UNAVAILABLE', 'LEGACY_TIMEOUT', 'LEGACY_ERROR', 'LEGACY_BAD_RESPONSE', 'OPERATION_RESOLUTION_FAILURE',
]);

/** Serves one subgraph over HTTP (POST /) on loopback, and `GET /healthz` for deployments that run it as its own service. */
export async function startSubgraph<TContext extends BaseContext>(
  subgraph: BuiltSubgraph,
  options: StartSubgraphOptions<TContext>,
): Promise<RunningSubgraph> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const server = new ApolloServer<TContext>({
    schema: subgraph.schema,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
    formatError: (formatted: GraphQLFormattedError, error: unknown) => {
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && EXPOSED_CODES.has(code)) return formatted;
      options.log?.error({ err: error, subgraph: subgraph.name }, 'subgraph internal error');
      return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
  await server.start();
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok', subgraph: subgraph.name }));
  app.use(express.json({ limit: '50mb' }), expressMiddleware(server, { context: async () => options.createContext() }));
  const host = options.host ?? '127.0.0.1';
  httpServer.listen(options.port ?? 0, host);
  await once(httpServer, 'listening');
  const url = `http://${['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host}:${(httpServer.address() as AddressInfo).port}/`;
  return { name: subgraph.name, url, close: () => server.stop() };
}
