import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLFormattedError } from 'graphql';
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

/** Serves one subgraph over HTTP (POST /) on loopback. */
export async function startSubgraph<TContext extends BaseContext>(
  subgraph: BuiltSubgraph,
  options: StartSubgraphOptions<TContext>,
): Promise<RunningSubgraph> {
  const server = new ApolloServer<TContext>({
    schema: subgraph.schema,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    formatError: (formatted: GraphQLFormattedError, error: unknown) => {
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && EXPOSED_CODES.has(code)) return formatted;
      options.log?.error({ err: error, subgraph: subgraph.name }, 'subgraph internal error');
      return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
    context: async () => options.createContext(),
  });
  return { name: subgraph.name, url, close: () => server.stop() };
}
