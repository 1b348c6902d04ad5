import { GraphQLError } from 'graphql';

/** The error code of a subgraph the gateway could not reach or that did not answer in time. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** How long the gateway waits for a subgraph: past each subgraph's own 10 s legacy timeout. */
export const UPSTREAM_TIMEOUT_MS = 15_000;

/** Codes the gateway runtime gives a failed or timed-out subgraph request. */
const UPSTREAM_FAILURES = new Set(['SUBREQUEST_HTTP_ERROR', 'GATEWAY_TIMEOUT', 'TIMEOUT_ERROR']);

const isOriginal = (error: unknown): boolean =>
  error instanceof GraphQLError && (error.originalError == null || isOriginal(error.originalError));

/**
 * The gateway's error masking: errors raised on purpose (the subgraphs' legacy errors, validation)
 * pass unchanged, a subgraph that cannot be reached or does not answer becomes
 * `SUBGRAPH_UNAVAILABLE` naming it — so callers (the REST facade's 503, internal teams) know a
 * part is down and retrying later helps — and anything else is masked as the runtime does, with
 * no addresses, request bodies or stacks in the answer.
 */
export function maskUpstreamError(error: unknown, message: string): Error {
  const graphql = error instanceof GraphQLError ? error : undefined;
  const code = graphql?.extensions?.code;
  if (graphql && typeof code === 'string' && UPSTREAM_FAILURES.has(code)) {
    const { serviceName, http } = graphql.extensions as { serviceName?: unknown; http?: unknown };
    const subgraph = typeof serviceName === 'string' ? serviceName : undefined;
    return new GraphQLError(`the ${subgraph ?? 'subgraph'} subgraph is unavailable`, {
      nodes: graphql.nodes, path: graphql.path,
      // The runtime's HTTP status (504 when a subgraph did not answer in time) is kept.
      extensions: { code: SUBGRAPH_UNAVAILABLE, ...(subgraph ? { subgraph } : {}), ...(http ? { http } : {}) },
    });
  }
  if (isOriginal(error)) return error as GraphQLError;
  return new GraphQLError(message, { nodes: graphql?.nodes, path: graphql?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
