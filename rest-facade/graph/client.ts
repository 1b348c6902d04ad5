import { GraphError, isUnavailable, type GraphQLErrorEntry } from './errors';
import type { PersistedOperation } from './operations';

export interface GraphClientOptions {
  /**
   * The federation gateway's GraphQL endpoint, e.g. http://127.0.0.1:8080/graphql; a function when
   * it is only known once the server listens (the all-in-one serves the gateway on its own port).
   */
  url: string | (() => string);
  /** INTERNAL_API_TOKEN: the gateway's bearer token for internal callers. */
  token: string;
  /** Per-request deadline; a slow gateway becomes a 503, never a hanging request. */
  timeoutMs?: number;
}

export interface ExecuteOptions {
  /** Propagated as X-Request-Id so one customer request can be followed through the graph. */
  requestId?: string;
  signal?: AbortSignal;
}

export interface GraphClient {
  execute<TData, TVariables>(
    operation: PersistedOperation<TData, TVariables>,
    variables: TVariables,
    options?: ExecuteOptions,
  ): Promise<TData>;
}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: GraphQLErrorEntry[];
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The facade's client for the federated graph: HTTP POST of a persisted operation with the
 * internal token. Any failure is a GraphError (502/503 JSON through the facade's error handler).
 * Partial data with errors is treated as a failure: a consent page or an API answer built on
 * half the customer's objects would be wrong.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async execute(operation, variables, opts = {}) {
      const name = operation.name;
      const signals = [AbortSignal.timeout(timeoutMs), ...(opts.signal ? [opts.signal] : [])];
      let response: Response;
      try {
        response = await fetch(typeof options.url === 'function' ? options.url() : options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            authorization: `Bearer ${options.token}`,
            ...(opts.requestId ? { 'x-request-id': opts.requestId } : {}),
          },
          body: JSON.stringify({ query: operation.document, operationName: name, variables }),
          signal: AbortSignal.any(signals),
        });
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        throw new GraphError(503, timedOut
          ? `the data graph did not answer ${name} within ${timeoutMs} ms`
          : `the data graph is unreachable (${name})`, name);
      }
      let body: GraphQLResponse<unknown>;
      try {
        body = await response.json() as GraphQLResponse<unknown>;
      } catch {
        throw new GraphError(response.status === 503 ? 503 : 502, `the data graph sent an unreadable answer to ${name} (HTTP ${response.status})`, name);
      }
      const errors = Array.isArray(body?.errors) ? body.errors : [];
      if (response.status === 401 || response.status === 403) {
        throw new GraphError(502, 'the data graph rejected the facade\'s internal credentials', name, errors);
      }
      if (errors.length > 0 || body?.data == null) {
        const status = response.status === 503 || response.status === 504 || isUnavailable(errors) ? 503 : 502;
        const first = errors[0]?.message ?? `HTTP ${response.status} without data`;
        throw new GraphError(status, `the data graph could not answer ${name}: ${first}`, name, errors);
      }
      return body.data as never;
    },
  };
}
