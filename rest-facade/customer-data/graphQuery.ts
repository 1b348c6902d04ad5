import type { ExecuteOptions, GraphClient, PersistedOperation } from '../graph';
import type { OperationCache } from './cache';

/** Graph reads of one API request: persisted operations through the gateway, answered from the cache when fresh. */
export interface GraphQuery {
  run<T>(operation: PersistedOperation<T>, variables: Record<string, unknown>, ttlSeconds: number): Promise<T>;
}

export function graphQuery(graph: GraphClient, cache: OperationCache, options: ExecuteOptions): GraphQuery {
  return {
    run: (operation, variables, ttlSeconds) =>
      cache.through(operation, variables, ttlSeconds, () => graph.execute(operation, variables, options)),
  };
}
