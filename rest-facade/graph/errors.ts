import { HttpError } from '../errors';

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * The gateway could not answer: 503 when it (or a legacy system behind it) is unreachable or
 * timed out — worth a retry — and 502 when it answered with something unusable.
 */
export class GraphError extends HttpError {
  constructor(
    status: 502 | 503,
    description: string,
    readonly operationName: string,
    readonly graphqlErrors: GraphQLErrorEntry[] = [],
  ) {
    super(status, status === 503 ? 'temporarily_unavailable' : 'bad_gateway', description,
      status === 503 ? { 'Retry-After': '5' } : {});
    this.name = 'GraphError';
  }
}

/**
 * Error codes that mean "a system is down, try again", not "a bad query": the subgraphs' legacy
 * codes (subgraphs/shared/legacyError.ts) and the gateway's own upstream failures.
 */
const UNAVAILABLE_CODES = new Set([
  'LEGACY_UNAVAILABLE', 'LEGACY_TIMEOUT', 'SERVICE_UNAVAILABLE', 'DOWNSTREAM_SERVICE_ERROR',
  'UPSTREAM_TIMEOUT', 'GATEWAY_TIMEOUT', 'TIMEOUT', 'SUBGRAPH_UNAVAILABLE',
]);

export function isUnavailable(errors: GraphQLErrorEntry[]): boolean {
  return errors.some((e) => {
    const code = e.extensions?.code;
    if (typeof code !== 'string') return false;
    // A legacy system answering 503 (overloaded, maintenance) is as temporary as one not answering.
    return UNAVAILABLE_CODES.has(code) || (code === 'LEGACY_ERROR' && e.extensions?.status === 503);
  });
}
